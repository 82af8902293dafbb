#include "stored_values.h"

#include <nlohmann/json.hpp>

#include "oauthsim/common/encoding.h"

namespace oauthsim::state::stored {

std::string digest(std::string_view secret) {
  return common::base64url_encode(common::sha256(secret));
}

std::string scopes_text(const std::vector<std::string>& scopes) {
  return nlohmann::json(scopes).dump();
}

std::vector<std::string> scopes_from(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return {};
  std::vector<std::string> out;
  for (const auto& s : j) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

}  // namespace oauthsim::state::stored
