#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "oauthsim/rs/api_model.h"

namespace oauthsim::rs {

struct CompanyData {
  CompanyProfile profile;
  std::vector<Job> jobs;
  std::vector<Candidate> candidates;
};

inline constexpr std::size_t kJobsPerCompany = 25;
inline constexpr std::size_t kCandidatesPerCompany = 37;

// The seed a company's data grows from: the configured data_seed mixed with the company name
// (FNV-1a), so companies get disjoint data and the same configuration always the same data.
std::uint64_t company_seed(std::uint64_t data_seed, const std::string& company);

// Deterministic: same (data_seed, company) -> byte-identical data, on every run and platform.
CompanyData generate_company_data(std::uint64_t data_seed, const std::string& company,
                                  std::size_t jobs = kJobsPerCompany,
                                  std::size_t candidates = kCandidatesPerCompany);

}  // namespace oauthsim::rs
