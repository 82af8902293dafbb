#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace oauthsim::control {

// "2026-01-01T00:00:00.000Z": RFC 3339, UTC, millisecond precision.
std::string rfc3339_utc(std::int64_t ms_since_epoch);
// {"now_ms": N, "now": "<RFC 3339>"}
nlohmann::json clock_json(std::int64_t now_ms);

}  // namespace oauthsim::control
