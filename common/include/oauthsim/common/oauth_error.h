#pragma once
#include <stdexcept>
#include <string>

#include "oauthsim/common/refusal_reason.h"

namespace oauthsim::common {

// An RFC 6749 5.2 error from the token, revocation or introspection endpoint. Thrown by the
// grant handlers and turned into the HTTP answer in one place (send_oauth_error).
class OAuthError : public std::runtime_error {
 public:
  OAuthError(std::string error, std::string description, int status = 400,
             std::string www_authenticate = "");

  static OAuthError invalid_request(std::string d) { return {"invalid_request", std::move(d)}; }
  // 401 with a WWW-Authenticate challenge for the scheme the client tried (RFC 6749 5.2).
  static OAuthError invalid_client(std::string d, bool used_basic);
  // `reason` tells refusals that share invalid_grant apart in the trace (refusal_reason.h).
  static OAuthError invalid_grant(std::string d, RefusalReason reason = RefusalReason::kNone) {
    return OAuthError{"invalid_grant", std::move(d)}.because(reason);
  }
  static OAuthError unauthorized_client(std::string d) {
    return {"unauthorized_client", std::move(d)};
  }
  static OAuthError unsupported_grant_type(std::string d) {
    return {"unsupported_grant_type", std::move(d)};
  }
  static OAuthError invalid_scope(std::string d, RefusalReason reason = RefusalReason::kNone) {
    return OAuthError{"invalid_scope", std::move(d)}.because(reason);
  }
  OAuthError because(RefusalReason reason) && {
    reason_ = reason;
    return std::move(*this);
  }

  const std::string& error() const { return error_; }
  const std::string& description() const { return description_; }
  int status() const { return status_; }
  const std::string& www_authenticate() const { return www_authenticate_; }
  RefusalReason reason() const { return reason_; }
  std::string body_json() const;  // {"error": ..., "error_description": ...}

 private:
  std::string error_, description_;
  int status_;
  std::string www_authenticate_;
  RefusalReason reason_ = RefusalReason::kNone;
};

// An RFC 6750 error from the resource server. error is empty when no token was sent
// (then the challenge carries no error attribute, RFC 6750 3.1).
class BearerError : public std::runtime_error {
 public:
  BearerError(std::string error, std::string description, int status, std::string scope = "");

  static BearerError missing_token() { return {"", "An access token is required", 401}; }
  static BearerError invalid_request(std::string d) {
    return {"invalid_request", std::move(d), 400};
  }
  static BearerError invalid_token(std::string d) { return {"invalid_token", std::move(d), 401}; }
  static BearerError insufficient_scope(std::string needed) {
    return {"insufficient_scope", "The access token lacks the scope " + needed, 403, needed};
  }

  const std::string& error() const { return error_; }
  const std::string& description() const { return description_; }
  const std::string& scope() const { return scope_; }
  int status() const { return status_; }
  std::string www_authenticate(const std::string& realm = "SmartRecruiters Customer API") const;
  std::string body_json() const;

 private:
  std::string error_, description_;
  int status_;
  std::string scope_;
};

}  // namespace oauthsim::common
