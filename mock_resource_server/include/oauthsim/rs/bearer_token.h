#pragma once
#include <string>
#include <string_view>

#include <httplib.h>

namespace oauthsim::rs {

// The access token from "Authorization: Bearer <b64token>" (RFC 6750 2.1), the only place this
// API accepts one. Throws common::BearerError:
//  - missing_token (401, no error attribute) when no Authorization header is sent or it uses
//    another scheme (Basic, ...): the request carries no bearer credential at all;
//  - invalid_request (400) when the header is malformed (no token, extra parts, characters
//    outside the b64token syntax).
std::string parse_bearer_authorization(std::string_view header_value);

// Applies parse_bearer_authorization to the request and also refuses, with invalid_request,
// a token sent as the access_token query parameter or form field (RFC 6750 2.2/2.3: such
// tokens end up in logs and browser history, so SR-like APIs do not take them) and a
// request with more than one Authorization header.
std::string extract_bearer_token(const httplib::Request& req);

}  // namespace oauthsim::rs
