#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"
#include "oauthsim/rs/candidate_input.h"
#include "oauthsim/rs/seeded_data.h"

namespace oauthsim::rs {

// Filters of GET /jobs as SR documents them, each given at most once. Empty: not filtering.
struct JobFilter {
  std::string q;               // case-insensitive substring of title or refNumber
  std::string status;          // exact, case-insensitive
  std::string posting_status;  // exact, case-insensitive
  std::string updated_after;   // canonical iso8601_utc(); updatedOn strictly later
};

// Filters of GET /candidates. SR's API description lets jobId, status, tag and location be
// repeated: a candidate matches when it matches any value of each given list.
struct CandidateFilter {
  std::string q;                     // case-insensitive substring of first name, last name or email
  std::vector<std::string> job_ids;  // exact primary assignment job id
  std::vector<std::string> statuses;   // primary assignment status, case-insensitive
  std::vector<std::string> tags;       // case-insensitive
  std::vector<std::string> locations;  // city or country code, case-insensitive
  std::string updated_after;           // canonical iso8601_utc(); updatedOn strictly later
};

// One cursor page of a filtered list: the cursor is the id of the page's first item.
template <typename T>
struct CursorPage {
  std::size_t total_found = 0;  // items matching the filter, all pages
  std::vector<T> content;
  std::optional<std::string> next_first_id;  // first matching item of the next page
};
using JobsPage = CursorPage<Job>;
using CandidatesPage = CursorPage<Candidate>;

// A company holds as many candidates created through the API as the mock keeps.
class CandidateLimitReached : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One company's data: the seeded jobs and candidates plus candidates created through the API.
// Thread safe; created candidates are appended, so cursors stay valid.
class CompanyDataset {
 public:
  CompanyDataset(CompanyData data, std::uint64_t seed, const common::Clock& clock);

  const CompanyProfile& profile() const { return data_.profile; }
  // GET /configuration/company's answer body: the profile never changes, so it is serialised
  // once rather than on every request (that was a third of the endpoint's CPU).
  const std::string& profile_json() const { return profile_json_; }
  // Pages start at item first_id (nullopt: the beginning) and hold the next `limit` items that
  // match. nullopt when first_id is no item of this company.
  std::optional<JobsPage> jobs(const JobFilter& filter, const std::optional<std::string>& first_id,
                               int limit) const;
  std::optional<Job> job(const std::string& id) const;
  // Starts at candidate first_id (nullopt: the beginning). Returns nullopt when first_id is
  // unknown.
  std::optional<CandidatesPage> candidates(const CandidateFilter& filter,
                                           const std::optional<std::string>& first_id,
                                           int limit) const;
  std::optional<CandidatesPage> candidates(const std::optional<std::string>& first_id,
                                           int limit) const {
    return candidates({}, first_id, limit);
  }
  std::optional<Candidate> candidate(const std::string& id) const;
  // job null: the talent pool. nullopt when a candidate with that email (case-insensitive)
  // already exists in the company: SR answers 409 CANDIDATE_DATA_CONFLICT. Throws
  // CandidateLimitReached past kMaxCreatedCandidates, so a long `serve` that vendors keep
  // posting to stays bounded.
  std::optional<Candidate> add_candidate(const CandidateInput& input, const Job* job);
  // Forgets the candidates created through the API: the seeded data as generated, and the next
  // created candidate gets the id a fresh dataset would give it.
  void restore_seeded();

  static constexpr std::size_t kMaxCreatedCandidates = 10'000;

 private:
  CompanyData data_;  // jobs and profile never change after construction
  std::string profile_json_;
  const common::Clock& clock_;
  const std::uint64_t ids_seed_;
  const std::size_t seeded_candidates_;                 // the first ones of data_.candidates
  mutable std::shared_mutex mu_;                        // guards data_.candidates, index_, ids_
  std::unordered_map<std::string, std::size_t> index_;  // candidate id -> position
  std::unordered_set<std::string> emails_;              // lowercased, for the conflict check
  std::size_t created_ = 0;                             // candidates added through the API
  std::optional<common::SeededRandom> ids_;             // always set; re-made by restore_seeded()
};

// Generates each company's dataset on first use and keeps them apart.
class CompanyStore {
 public:
  CompanyStore(std::uint64_t data_seed, const common::Clock& clock)
      : data_seed_(data_seed), clock_(clock) {}
  // The dataset lives as long as the store: a reset restores it in place, so a request holding
  // the reference while a reset runs still reads a live object.
  CompanyDataset& get(const std::string& company);
  // Every company's data as seeded (CompanyDataset::restore_seeded).
  void restore_seeded();

 private:
  std::uint64_t data_seed_;
  const common::Clock& clock_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<CompanyDataset>> companies_;
};

}  // namespace oauthsim::rs
