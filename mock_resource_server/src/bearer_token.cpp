#include "oauthsim/rs/bearer_token.h"

#include <cctype>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::rs {
namespace {

using common::iequals;

using common::BearerError;

// RFC 6750 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
bool is_b64token(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/') {
      ++i;
    } else {
      break;
    }
  }
  if (i == 0) return false;
  while (i < t.size() && t[i] == '=') ++i;
  return i == t.size();
}

bool form_body_has_token(const httplib::Request& req) {
  if (req.body.empty()) return false;
  auto type = req.get_header_value("Content-Type");
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) return false;
  auto params = common::parse_params(req.body);
  // A body too broken to parse cannot carry a usable token either.
  return params && params->has("access_token");
}

}  // namespace

std::string parse_bearer_authorization(std::string_view value) {
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  if (value.empty()) throw BearerError::invalid_request("The Authorization header is empty");

  auto space = value.find(' ');
  std::string_view scheme = value.substr(0, space);
  if (!iequals(scheme, "Bearer")) {
    // Another scheme is no bearer credential at all: challenge without an error (RFC 6750 3.1).
    throw BearerError::missing_token();
  }
  if (space == std::string_view::npos) {
    throw BearerError::invalid_request("The Authorization header has no bearer token");
  }
  std::string_view token = value.substr(space);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.empty())
    throw BearerError::invalid_request("The Authorization header has no bearer token");
  if (!is_b64token(token)) {
    throw BearerError::invalid_request(
        "The bearer token in the Authorization header is malformed (RFC 6750 2.1)");
  }
  return std::string(token);
}

std::string extract_bearer_token(const httplib::Request& req) {
  if (req.has_param("access_token") || form_body_has_token(req)) {
    throw BearerError::invalid_request(
        "Access tokens are accepted only in the Authorization header, not in the URI or body");
  }
  auto count = req.get_header_value_count("Authorization");
  if (count == 0) throw BearerError::missing_token();
  if (count > 1) throw BearerError::invalid_request("More than one Authorization header");
  return parse_bearer_authorization(req.get_header_value("Authorization"));
}

}  // namespace oauthsim::rs
