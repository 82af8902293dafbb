#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace oauthsim::common {

// Outside JSON (request bodies, a fault's body, an API's answer) is bounded before it is
// parsed: nlohmann parses deep nesting iteratively, but dump() and our redaction recurse, so
// a 100 KB body nested 50,000 deep would overflow a worker's stack.
inline constexpr std::size_t kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxJsonBytes = 1 << 20;

// What makes `text` too big or too deep to parse ("JSON nested deeper than 64 levels"), or
// nullopt. One linear pass that counts brackets outside strings; it does not validate.
std::optional<std::string> json_limit_violation(std::string_view text,
                                                std::size_t max_depth = kMaxJsonDepth,
                                                std::size_t max_bytes = kMaxJsonBytes);

// Parses `text` within the limits above. A discarded value (is_discarded()) when it is over a
// limit or malformed; *error then says which.
nlohmann::json parse_bounded_json(std::string_view text, std::string* error = nullptr);

// dump() that never throws on invalid UTF-8 in a string (it is replaced by U+FFFD).
std::string dump_json(const nlohmann::json& j, int indent = -1);

}  // namespace oauthsim::common
