#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"
#include "oauthsim/rs/candidate_input.h"
#include "oauthsim/rs/seeded_data.h"

namespace oauthsim::rs {

struct JobFilter {
  std::string q;               // case-insensitive substring of title or refNumber
  std::string status;          // exact, case-insensitive
  std::string posting_status;  // exact, case-insensitive
};

struct JobsPage {
  std::size_t total_found = 0;
  std::vector<Job> content;
};

struct CandidatesPage {
  std::size_t total_found = 0;
  std::vector<Candidate> content;
  std::optional<std::string> next_first_id;  // first candidate of the next page
};

// One company's data: the seeded jobs and candidates plus candidates created through the API.
// Thread safe; created candidates are appended, so cursors stay valid.
class CompanyDataset {
 public:
  CompanyDataset(CompanyData data, std::uint64_t seed, const common::Clock& clock);

  const CompanyProfile& profile() const { return data_.profile; }
  JobsPage jobs(const JobFilter& filter, std::size_t offset, int limit) const;
  std::optional<Job> job(const std::string& id) const;
  // Starts at candidate first_id (nullopt: the beginning). Returns nullopt when first_id is
  // unknown.
  std::optional<CandidatesPage> candidates(const std::optional<std::string>& first_id,
                                           int limit) const;
  std::optional<Candidate> candidate(const std::string& id) const;
  // job null: the talent pool.
  Candidate add_candidate(const CandidateInput& input, const Job* job);

 private:
  CompanyData data_;  // jobs and profile never change after construction
  const common::Clock& clock_;
  mutable std::shared_mutex mu_;                        // guards data_.candidates, index_, ids_
  std::unordered_map<std::string, std::size_t> index_;  // candidate id -> position
  common::SeededRandom ids_;
};

// Generates each company's dataset on first use and keeps them apart.
class CompanyStore {
 public:
  CompanyStore(std::uint64_t data_seed, const common::Clock& clock)
      : data_seed_(data_seed), clock_(clock) {}
  CompanyDataset& get(const std::string& company);

 private:
  std::uint64_t data_seed_;
  const common::Clock& clock_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<CompanyDataset>> companies_;
};

}  // namespace oauthsim::rs
