#include "oauthsim/common/oauth_error.h"

#include <nlohmann/json.hpp>

#include "oauthsim/common/json_limits.h"

namespace oauthsim::common {
namespace {

// RFC 6750 3: attribute values are quoted-strings; keep them to printable ASCII without quotes.
std::string quoted_safe(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') out += c;
  }
  return out;
}

}  // namespace

OAuthError::OAuthError(std::string error, std::string description, int status,
                       std::string www_authenticate)
    : std::runtime_error(error + ": " + description),
      error_(std::move(error)),
      description_(std::move(description)),
      status_(status),
      www_authenticate_(std::move(www_authenticate)) {}

OAuthError OAuthError::invalid_client(std::string d, bool used_basic) {
  // A challenge is required for 401; name the scheme the client attempted, or Basic.
  (void)used_basic;
  return {"invalid_client", std::move(d), 401, "Basic realm=\"SmartRecruiters\""};
}

std::string OAuthError::body_json() const {
  nlohmann::json j{{"error", error_}};
  if (!description_.empty()) j["error_description"] = description_;
  return dump_json(j);
}

BearerError::BearerError(std::string error, std::string description, int status, std::string scope)
    : std::runtime_error(error.empty() ? description : error + ": " + description),
      error_(std::move(error)),
      description_(std::move(description)),
      status_(status),
      scope_(std::move(scope)) {}

std::string BearerError::www_authenticate(const std::string& realm) const {
  std::string out = "Bearer realm=\"" + quoted_safe(realm) + "\"";
  if (error_.empty()) return out;
  out += ", error=\"" + quoted_safe(error_) + "\"";
  if (!description_.empty()) out += ", error_description=\"" + quoted_safe(description_) + "\"";
  if (!scope_.empty()) out += ", scope=\"" + quoted_safe(scope_) + "\"";
  return out;
}

std::string BearerError::body_json() const {
  nlohmann::json j;
  if (!error_.empty()) j["error"] = error_;
  j["error_description"] = description_;
  if (!scope_.empty()) j["scope"] = scope_;
  return dump_json(j);
}

}  // namespace oauthsim::common
