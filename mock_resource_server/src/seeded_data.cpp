#include "oauthsim/rs/seeded_data.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/random.h"

namespace oauthsim::rs {
namespace {

using common::ascii_lower;

constexpr std::array kFirstNames{"Ada",      "Grace",   "Alan", "Edsger", "Barbara",
                                 "Donald",   "Frances", "Ken",  "Radia",  "Linus",
                                 "Margaret", "Dennis",  "Hedy", "Tim",    "Katherine",
                                 "Niklaus",  "Sophie",  "John", "Marie",  "Bjarne"};
constexpr std::array kLastNames{"Lovelace", "Hopper",  "Turing",   "Dijkstra",    "Liskov",
                                "Knuth",    "Allen",   "Thompson", "Perlman",     "Torvalds",
                                "Hamilton", "Ritchie", "Lamarr",   "Berners-Lee", "Johnson",
                                "Wirth",    "Wilson",  "McCarthy", "Curie",       "Stroustrup"};
constexpr std::array kTitles{"Software Engineer",
                             "Senior Backend Developer",
                             "Data Analyst",
                             "Product Manager",
                             "UX Designer",
                             "Account Executive",
                             "Recruiter",
                             "Customer Success Manager",
                             "DevOps Engineer",
                             "QA Engineer",
                             "Marketing Specialist",
                             "Financial Controller",
                             "HR Business Partner",
                             "Sales Development Representative",
                             "Technical Writer"};
constexpr std::array kDepartments{"Engineering", "Product", "Sales",           "Marketing",
                                  "Finance",     "People",  "Customer Success"};
struct Place {
  const char* city;
  const char* country;
  const char* code;
};
constexpr std::array kPlaces{Place{"San Francisco", "United States", "us"},
                             Place{"New York", "United States", "us"},
                             Place{"Krakow", "Poland", "pl"},
                             Place{"Berlin", "Germany", "de"},
                             Place{"Paris", "France", "fr"},
                             Place{"London", "United Kingdom", "gb"}};
constexpr std::array kJobStatuses{"CREATED", "SOURCING", "INTERVIEW", "OFFER",
                                  "FILLED",  "ON_HOLD",  "CANCELLED"};
constexpr std::array kPostingStatuses{"PUBLIC", "INTERNAL", "NOT_PUBLISHED", "PRIVATE"};
constexpr std::array kEmploymentTypes{"Full-time", "Part-time", "Contract", "Internship"};
constexpr std::array kCandidateTags{"referral", "senior", "remote", "graduate", "silver-medalist"};
constexpr std::array kCandidateStatuses{"NEW",   "IN_REVIEW", "INTERVIEW", "OFFER",
                                        "HIRED", "REJECTED",  "WITHDRAWN"};
constexpr std::array kIndustries{"Computer Software", "Staffing and Recruiting", "Retail",
                                 "Financial Services", "Hospitality"};
constexpr std::array kSizes{"11-50", "51-200", "201-500", "501-1000", "1001-5000"};

// Data is dated between 2025-01-01 and 2025-12-31 whatever the clock says: the seeded world
// must not change from run to run.
constexpr std::int64_t kEpochStartMs = 1'735'689'600'000;
constexpr std::int64_t kYearMs = 365LL * 24 * 3600 * 1000;

class DataRng {
 public:
  explicit DataRng(std::uint64_t seed) : random_(seed) {}
  std::uint64_t next() {
    unsigned char b[8];
    random_.fill(b, sizeof b);
    std::uint64_t v = 0;
    for (unsigned char c : b) v = (v << 8) | c;
    return v;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <typename A>
  auto pick(const A& a) {
    return a[below(a.size())];
  }
  std::string uuid() {
    unsigned char b[16];
    random_.fill(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return out;
  }

 private:
  common::SeededRandom random_;
};

std::string slug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "company" : out;
}

}  // namespace

std::uint64_t company_seed(std::uint64_t data_seed, const std::string& company) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a offset basis
  for (unsigned char c : company) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // splitmix64 finaliser: mixes the two inputs so nearby seeds give unrelated data.
  std::uint64_t z = h ^ (data_seed + 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

CompanyData generate_company_data(std::uint64_t data_seed, const std::string& company,
                                  std::size_t jobs, std::size_t candidates) {
  DataRng rng(company_seed(data_seed, company));
  CompanyData data;
  auto& p = data.profile;
  p.id = rng.uuid();
  p.identifier = slug(company);
  p.name = company;
  p.industry = rng.pick(kIndustries);
  p.size = rng.pick(kSizes);
  p.website = "https://www." + ascii_lower(p.identifier) + ".example";

  data.jobs.reserve(jobs);
  for (std::size_t i = 0; i < jobs; ++i) {
    Job j;
    j.id = rng.uuid();
    char ref[32];
    std::snprintf(ref, sizeof ref, "REF%04zu", i + 1);
    j.ref_number = ref;
    j.title = rng.pick(kTitles);
    j.status = rng.pick(kJobStatuses);
    j.posting_status = rng.pick(kPostingStatuses);
    j.department = rng.pick(kDepartments);
    const Place& place = rng.pick(kPlaces);
    j.city = place.city;
    j.country = place.country;
    j.country_code = place.code;
    j.employment_type = rng.pick(kEmploymentTypes);
    auto created = kEpochStartMs + static_cast<std::int64_t>(rng.below(kYearMs / 2));
    j.created_on = iso8601_utc(created);
    j.updated_on = iso8601_utc(created + static_cast<std::int64_t>(rng.below(kYearMs / 2)));
    data.jobs.push_back(std::move(j));
  }

  data.candidates.reserve(candidates);
  for (std::size_t i = 0; i < candidates; ++i) {
    Candidate c;
    c.id = rng.uuid();
    c.first_name = rng.pick(kFirstNames);
    c.last_name = rng.pick(kLastNames);
    c.email = ascii_lower(c.first_name) + "." + ascii_lower(slug(c.last_name)) +
              std::to_string(i + 1) + "@candidates.example";
    char phone[40];
    std::snprintf(phone, sizeof phone, "+1 555 %04zu", rng.below(10000));
    c.phone_number = phone;
    const Place& place = rng.pick(kPlaces);
    c.city = place.city;
    c.country_code = place.code;
    auto created = kEpochStartMs + static_cast<std::int64_t>(rng.below(kYearMs / 2));
    c.created_on = iso8601_utc(created);
    c.updated_on = iso8601_utc(created + static_cast<std::int64_t>(rng.below(kYearMs / 2)));
    if (!data.jobs.empty() && rng.below(5) != 0) {  // most candidates applied to a job
      const Job& job = data.jobs[rng.below(data.jobs.size())];
      c.job_id = job.id;
      c.job_title = job.title;
      c.status = rng.pick(kCandidateStatuses);
    }
    // Tags follow the position, not the random stream, so adding them left every other
    // generated value as it was.
    c.tags.emplace_back(kCandidateTags[i % kCandidateTags.size()]);
    if (i % 3 == 0) c.tags.emplace_back(kCandidateTags[(i / 3 + 1) % kCandidateTags.size()]);
    data.candidates.push_back(std::move(c));
  }
  return data;
}

}  // namespace oauthsim::rs
