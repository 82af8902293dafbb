#include "oauthsim/common/http_responses.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace oauthsim::common {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
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
  res.set_content(html, "text/html; charset=utf-8");
}

Params query_params(const httplib::Request& req) {
  // req.params mixes the query with a parsed form body; the trace keeps them apart.
  const auto q = req.target.find('?');
  if (q == std::string::npos) return {};
  auto parsed = parse_params(std::string_view(req.target).substr(q + 1));
  return parsed ? *parsed : Params{{"_query", "[malformed query]"}};
}

Params form_params(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  // Media types are case-insensitive; parameters (charset) may follow a ';'.
  static constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  std::string media = type.substr(0, type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.pop_back();
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (media != kForm) {
    throw OAuthError::invalid_request(
        "the request body must be application/x-www-form-urlencoded, got '" +
        (type.empty() ? std::string("no Content-Type") : type) + "'");
  }
  std::string error;
  auto parsed = parse_params(req.body, &error);
  if (!parsed) throw OAuthError::invalid_request("malformed form body: " + error);
  return *parsed;
}

}  // namespace oauthsim::common
