#pragma once
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace oauthsim::common {

// Writes {"<key>": url} to path atomically (temporary file + rename).
void write_ready_file(const std::string& path, const nlohmann::json& content);

}  // namespace oauthsim::common
