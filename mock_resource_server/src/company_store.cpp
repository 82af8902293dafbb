#include "oauthsim/rs/company_store.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/json_limits.h"
#include "oauthsim/rs/api_model.h"

namespace oauthsim::rs {
namespace {

using common::ascii_lower;

bool contains_ci(std::string_view haystack, const std::string& lowered_needle) {
  return ascii_lower(haystack).find(lowered_needle) != std::string::npos;
}

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

// An empty list does not filter; otherwise any value may match.
template <typename Pred>
bool any_of_or_empty(const std::vector<std::string>& values, Pred pred) {
  return values.empty() || std::any_of(values.begin(), values.end(), pred);
}

bool matches(const Job& j, const JobFilter& f) {
  if (!f.status.empty() && !equals_ci(j.status, f.status)) return false;
  if (!f.posting_status.empty() && !equals_ci(j.posting_status, f.posting_status)) return false;
  // Both are iso8601_utc() strings of one width: text order is time order.
  if (!f.updated_after.empty() && !(j.updated_on > f.updated_after)) return false;
  const std::string q = ascii_lower(f.q);
  return q.empty() || contains_ci(j.title, q) || contains_ci(j.ref_number, q);
}

bool matches(const Candidate& c, const CandidateFilter& f) {
  if (!any_of_or_empty(f.job_ids, [&](const std::string& v) { return c.job_id == v; }))
    return false;
  if (!any_of_or_empty(f.statuses, [&](const std::string& v) {
        return !c.status.empty() && equals_ci(c.status, v);
      }))
    return false;
  if (!any_of_or_empty(f.tags, [&](const std::string& v) {
        return std::any_of(c.tags.begin(), c.tags.end(),
                           [&](const std::string& t) { return equals_ci(t, v); });
      }))
    return false;
  if (!any_of_or_empty(f.locations, [&](const std::string& v) {
        return equals_ci(c.city, v) || equals_ci(c.country_code, v);
      }))
    return false;
  if (!f.updated_after.empty() && !(c.updated_on > f.updated_after)) return false;
  const std::string q = ascii_lower(f.q);
  return q.empty() || contains_ci(c.first_name, q) || contains_ci(c.last_name, q) ||
         contains_ci(c.email, q);
}

// The cursor page of `all` starting at the item with id first_id; nullopt for an unknown id.
template <typename T, typename Filter>
std::optional<CursorPage<T>> cursor_page(const std::vector<T>& all, const Filter& filter,
                                         const std::optional<std::string>& first_id, int limit) {
  std::size_t begin = 0;
  if (first_id) {
    auto it = std::find_if(all.begin(), all.end(), [&](const T& x) { return x.id == *first_id; });
    if (it == all.end()) return std::nullopt;
    begin = static_cast<std::size_t>(it - all.begin());
  }
  CursorPage<T> page;
  const auto wanted = static_cast<std::size_t>(std::max(limit, 0));
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!matches(all[i], filter)) continue;
    ++page.total_found;
    if (i < begin) continue;
    if (page.content.size() < wanted) {
      page.content.push_back(all[i]);
    } else if (!page.next_first_id) {
      page.next_first_id = all[i].id;
    }
  }
  return page;
}

std::string uuid_from(common::Random& r) {
  unsigned char b[16];
  r.fill(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

}  // namespace

CompanyDataset::CompanyDataset(CompanyData data, std::uint64_t seed, const common::Clock& clock)
    : data_(std::move(data)),
      profile_json_(common::dump_json(to_json(data_.profile))),
      clock_(clock),
      ids_seed_(seed ^ 0x5eed0fc4ea7edULL),
      seeded_candidates_(data_.candidates.size()),
      ids_(std::in_place, ids_seed_) {
  for (std::size_t i = 0; i < data_.candidates.size(); ++i) {
    index_.emplace(data_.candidates[i].id, i);
    emails_.insert(ascii_lower(data_.candidates[i].email));
  }
}

void CompanyDataset::restore_seeded() {
  std::unique_lock lock(mu_);
  // Created candidates were appended after the seeded ones, and seeded ones never change.
  for (std::size_t i = seeded_candidates_; i < data_.candidates.size(); ++i) {
    index_.erase(data_.candidates[i].id);
    emails_.erase(ascii_lower(data_.candidates[i].email));
  }
  created_ = 0;
  data_.candidates.resize(seeded_candidates_);
  ids_.emplace(ids_seed_);
}

std::optional<JobsPage> CompanyDataset::jobs(const JobFilter& filter,
                                             const std::optional<std::string>& first_id,
                                             int limit) const {
  // Jobs never change after construction: no lock needed.
  return cursor_page(data_.jobs, filter, first_id, limit);
}

std::optional<Job> CompanyDataset::job(const std::string& id) const {
  for (const auto& j : data_.jobs) {
    if (j.id == id) return j;
  }
  return std::nullopt;
}

std::optional<CandidatesPage> CompanyDataset::candidates(const CandidateFilter& filter,
                                                         const std::optional<std::string>& first_id,
                                                         int limit) const {
  std::shared_lock lock(mu_);
  return cursor_page(data_.candidates, filter, first_id, limit);
}

std::optional<Candidate> CompanyDataset::candidate(const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return data_.candidates[it->second];
}

std::optional<Candidate> CompanyDataset::add_candidate(const CandidateInput& input,
                                                       const Job* job) {
  Candidate c;
  c.first_name = input.first_name;
  c.last_name = input.last_name;
  c.email = input.email;
  c.phone_number = input.phone_number;
  c.created_on = c.updated_on = iso8601_utc(clock_.now_ms());
  if (job) {
    c.job_id = job->id;
    c.job_title = job->title;
    c.status = "NEW";
  }
  std::unique_lock lock(mu_);
  // An index, not a scan: each POST would otherwise cost as much as all before it.
  if (emails_.contains(ascii_lower(c.email))) return std::nullopt;
  if (created_ >= kMaxCreatedCandidates) {
    throw CandidateLimitReached("The mock Customer API keeps at most " +
                                std::to_string(kMaxCreatedCandidates) +
                                " candidates created through the API per company; POST "
                                "/_oauthsim/reset (or a restart) starts afresh");
  }
  emails_.insert(ascii_lower(c.email));
  ++created_;
  c.id = uuid_from(*ids_);
  index_.emplace(c.id, data_.candidates.size());
  data_.candidates.push_back(c);
  return c;
}

namespace {

// generate_company_data's result for (data_seed, company), generated once per process: every
// scenario world's Customer API seeds the same companies from the same seed, and generating
// one (a SHA-256 block per random draw, a date format per timestamp) cost ~3 M instructions
// where copying it costs a few per cent of that. At most kMaxSeededCompanies are kept.
std::shared_ptr<const CompanyData> seeded_company_data(std::uint64_t data_seed,
                                                       const std::string& company) {
  constexpr std::size_t kMaxSeededCompanies = 64;
  static auto* mu = new std::mutex;
  static auto* generated =
      new std::map<std::pair<std::uint64_t, std::string>, std::shared_ptr<const CompanyData>>;
  auto key = std::make_pair(data_seed, company);
  {
    std::lock_guard lock(*mu);
    if (auto it = generated->find(key); it != generated->end()) return it->second;
  }
  auto data = std::make_shared<const CompanyData>(generate_company_data(data_seed, company));
  std::lock_guard lock(*mu);
  if (generated->size() >= kMaxSeededCompanies) generated->clear();
  return generated->emplace(std::move(key), std::move(data)).first->second;
}

}  // namespace

CompanyDataset& CompanyStore::get(const std::string& company) {
  std::lock_guard lock(mu_);
  auto& slot = companies_[company];
  if (!slot) {
    // Made under the lock: two first requests racing must not build two datasets.
    auto seed = company_seed(data_seed_, company);
    slot =
        std::make_unique<CompanyDataset>(*seeded_company_data(data_seed_, company), seed, clock_);
  }
  return *slot;
}

void CompanyStore::restore_seeded() {
  std::lock_guard lock(mu_);
  for (auto& [name, dataset] : companies_) dataset->restore_seeded();
}

}  // namespace oauthsim::rs
