#include "oauthsim/rs/company_store.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "oauthsim/common/ascii.h"

namespace oauthsim::rs {
namespace {

using common::ascii_lower;

bool contains_ci(std::string_view haystack, const std::string& lowered_needle) {
  return ascii_lower(haystack).find(lowered_needle) != std::string::npos;
}

bool matches(const Job& j, const JobFilter& f, const std::string& q_lower) {
  if (!f.status.empty() && ascii_lower(j.status) != ascii_lower(f.status)) return false;
  if (!f.posting_status.empty() && ascii_lower(j.posting_status) != ascii_lower(f.posting_status))
    return false;
  if (!q_lower.empty() && !contains_ci(j.title, q_lower) && !contains_ci(j.ref_number, q_lower)) {
    return false;
  }
  return true;
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
    : data_(std::move(data)), clock_(clock), ids_(seed ^ 0x5eed0fc4ea7edULL) {
  for (std::size_t i = 0; i < data_.candidates.size(); ++i)
    index_.emplace(data_.candidates[i].id, i);
}

JobsPage CompanyDataset::jobs(const JobFilter& filter, std::size_t offset, int limit) const {
  // Jobs never change after construction: no lock needed.
  const std::string q = ascii_lower(filter.q);
  JobsPage page;
  std::size_t seen = 0;
  for (const auto& j : data_.jobs) {
    if (!matches(j, filter, q)) continue;
    if (seen >= offset && page.content.size() < static_cast<std::size_t>(limit)) {
      page.content.push_back(j);
    }
    ++seen;
  }
  page.total_found = seen;
  return page;
}

std::optional<Job> CompanyDataset::job(const std::string& id) const {
  for (const auto& j : data_.jobs) {
    if (j.id == id) return j;
  }
  return std::nullopt;
}

std::optional<CandidatesPage> CompanyDataset::candidates(const std::optional<std::string>& first_id,
                                                         int limit) const {
  std::shared_lock lock(mu_);
  std::size_t begin = 0;
  if (first_id) {
    auto it = index_.find(*first_id);
    if (it == index_.end()) return std::nullopt;
    begin = it->second;
  }
  const auto& all = data_.candidates;
  std::size_t end = std::min(all.size(), begin + static_cast<std::size_t>(std::max(limit, 0)));
  CandidatesPage page;
  page.total_found = all.size();
  page.content.assign(all.begin() + static_cast<std::ptrdiff_t>(begin),
                      all.begin() + static_cast<std::ptrdiff_t>(end));
  if (end < all.size()) page.next_first_id = all[end].id;
  return page;
}

std::optional<Candidate> CompanyDataset::candidate(const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return data_.candidates[it->second];
}

Candidate CompanyDataset::add_candidate(const CandidateInput& input, const Job* job) {
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
  c.id = uuid_from(ids_);
  index_.emplace(c.id, data_.candidates.size());
  data_.candidates.push_back(c);
  return c;
}

CompanyDataset& CompanyStore::get(const std::string& company) {
  std::lock_guard lock(mu_);
  auto& slot = companies_[company];
  if (!slot) {
    // Generated under the lock: a company's first request pays ~60 objects once, and two
    // first requests racing must not build two different datasets.
    auto seed = company_seed(data_seed_, company);
    slot =
        std::make_unique<CompanyDataset>(generate_company_data(data_seed_, company), seed, clock_);
  }
  return *slot;
}

}  // namespace oauthsim::rs
