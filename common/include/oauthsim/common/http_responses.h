#pragma once
#include <string>

#include <httplib.h>
#include <nlohmann/json_fwd.hpp>

#include "oauthsim/common/encoding.h"
#include "oauthsim/common/oauth_error.h"

namespace oauthsim::common {

// Response helpers shared by the parties.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_oauth_error(httplib::Response& res, const OAuthError& e);
void send_bearer_error(httplib::Response& res, const BearerError& e);
void send_html(httplib::Response& res, int status, const std::string& html);

// The query of the request target as Params, in order (req.params would mix in a form body);
// a malformed query becomes the single pair _query=[malformed query].
Params query_params(const httplib::Request& req);
// cpp-httplib refuses a larger form body itself (413), but only when its Content-Type is
// spelled in lowercase; form_params holds every spelling to the same limit.
inline constexpr std::size_t kMaxFormBytes = 8192;
// True for application/x-www-form-urlencoded in any case, with or without parameters.
bool is_form_media_type(std::string_view content_type);
// Parses an application/x-www-form-urlencoded body; throws OAuthError(invalid_request) when
// the content type is wrong or the body is malformed, with status 413 when it is larger than
// kMaxFormBytes.
Params form_params(const httplib::Request& req);

}  // namespace oauthsim::common
