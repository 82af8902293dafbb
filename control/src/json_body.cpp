#include "json_body.h"

namespace oauthsim::control {

nlohmann::json parse_json_object(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded())
    throw BadRequest("request body: expected a JSON object, got malformed JSON");
  if (!j.is_object()) {
    throw BadRequest("request body: expected a JSON object, got " + std::string(j.type_name()));
  }
  return j;
}

}  // namespace oauthsim::control
