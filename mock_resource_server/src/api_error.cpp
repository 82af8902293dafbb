#include "oauthsim/rs/api_error.h"

namespace oauthsim::rs {

nlohmann::json to_json(const ApiError& e) {
  nlohmann::json item = {{"code", e.code}, {"message", e.message}};
  if (!e.field.empty()) item["field"] = e.field;
  return {{"message", e.message}, {"errors", nlohmann::json::array({std::move(item)})}};
}

}  // namespace oauthsim::rs
