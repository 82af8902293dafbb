#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "oauthsim/common/config.h"

namespace oauthsim::rs {

// The Customer API's objects, shaped after SR's public API documentation (SR-FACTS.md).

struct CompanyProfile {
  std::string id;
  std::string identifier;  // SR's URL-safe company identifier
  std::string name;
  std::string industry;
  std::string size;  // e.g. "51-200"
  std::string website;
  std::string default_language = "en";
};

struct Job {
  std::string id;
  std::string ref_number;
  std::string title;
  std::string status;          // SOURCING, INTERVIEW, ...
  std::string posting_status;  // PUBLIC, INTERNAL, ...
  std::string department;
  std::string city;
  std::string country;
  std::string country_code;
  std::string employment_type;
  std::string created_on;  // ISO 8601 UTC
  std::string updated_on;
};

struct Candidate {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone_number;  // may be empty
  std::string city;
  std::string country_code;
  std::string created_on;
  std::string updated_on;
  // Primary assignment; job_id empty: in the talent pool only.
  std::string job_id;
  std::string job_title;
  std::string status;  // NEW, IN_REVIEW, ...
  std::vector<std::string> tags;
};

nlohmann::json to_json(const CompanyProfile& c);
nlohmann::json to_json(const Job& j);
nlohmann::json to_json(const Candidate& c);
// GET /users/me for a configured user.
nlohmann::json user_json(const common::UserConfig& user);

// "2026-01-01T00:00:00.000Z"
std::string iso8601_utc(std::int64_t ms_since_epoch);
// Milliseconds since the epoch of "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ssZ" or
// "YYYY-MM-DDThh:mm:ss.sssZ" (UTC; "+00:00" is accepted for "Z"); nullopt for anything else.
std::optional<std::int64_t> parse_iso8601_utc(std::string_view s);

}  // namespace oauthsim::rs
