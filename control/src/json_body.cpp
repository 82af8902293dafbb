#include "json_body.h"

#include "oauthsim/common/json_limits.h"

namespace oauthsim::control {

nlohmann::json parse_json_object(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  std::string error;
  auto j = common::parse_bounded_json(body, &error);
  if (j.is_discarded()) throw BadRequest("request body: expected a JSON object, got " + error);
  if (!j.is_object()) {
    throw BadRequest("request body: expected a JSON object, got " + std::string(j.type_name()));
  }
  return j;
}

}  // namespace oauthsim::control
