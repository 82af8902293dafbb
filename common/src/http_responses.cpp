#include "oauthsim/common/http_responses.h"

#include <nlohmann/json.hpp>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/json_limits.h"

namespace oauthsim::common {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(dump_json(body), "application/json");
}

void send_oauth_error(httplib::Response& res, const OAuthError& e) {
  res.status = e.status();
  if (!e.www_authenticate().empty()) res.set_header("WWW-Authenticate", e.www_authenticate());
  res.set_header("Cache-Control", "no-store");
  res.set_header("Pragma", "no-cache");
  res.set_content(e.body_json(), "application/json");
}

void send_bearer_error(httplib::Response& res, const BearerError& e) {
  res.status = e.status();
  res.set_header("WWW-Authenticate", e.www_authenticate());
  res.set_content(e.body_json(), "application/json");
}

void send_html(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  // No page of ours may be framed: a framed login or consent page invites clickjacking.
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy", "frame-ancestors 'none'");
  res.set_content(html, "text/html; charset=utf-8");
}

Params query_params(const httplib::Request& req) {
  // req.params mixes the query with a parsed form body; the trace keeps them apart.
  const auto q = req.target.find('?');
  if (q == std::string::npos) return {};
  auto parsed = parse_params(std::string_view(req.target).substr(q + 1));
  return parsed ? *parsed : Params{{"_query", "[malformed query]"}};
}

bool is_form_media_type(std::string_view content_type) {
  // Media types are case-insensitive; parameters (charset) may follow a ';'.
  static constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  return iequals(media, kForm);
}

Params form_params(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (!is_form_media_type(type)) {
    throw OAuthError::invalid_request(
        "the request body must be application/x-www-form-urlencoded, got '" +
        (type.empty() ? std::string("no Content-Type") : type) + "'");
  }
  if (req.body.size() > kMaxFormBytes) {
    throw OAuthError("invalid_request",
                     "the form body is larger than " + std::to_string(kMaxFormBytes) + " bytes",
                     413);
  }
  std::string error;
  auto parsed = parse_params(req.body, &error);
  if (!parsed) throw OAuthError::invalid_request("malformed form body: " + error);
  return *parsed;
}

}  // namespace oauthsim::common
