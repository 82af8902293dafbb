#include "oauthsim/common/json_limits.h"

namespace oauthsim::common {

std::optional<std::string> json_limit_violation(std::string_view text, std::size_t max_depth,
                                                std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return "JSON larger than " + std::to_string(max_bytes) + " bytes";
  }
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return "JSON nested deeper than " + std::to_string(max_depth) + " levels";
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

nlohmann::json parse_bounded_json(std::string_view text, std::string* error) {
  if (auto violation = json_limit_violation(text)) {
    if (error) *error = *violation;
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() && error) *error = "malformed JSON";
  return j;
}

std::string dump_json(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace oauthsim::common
