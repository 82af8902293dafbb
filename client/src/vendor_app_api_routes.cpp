// GET and POST /action: the user asks the app to call the Customer API.
#include <nlohmann/json.hpp>

#include "oauthsim/common/json_limits.h"

#include "vendor_app_impl.h"
#include "vendor_pages.h"

namespace oauthsim::client {
namespace {

// Only paths on the configured API: "//host" would be a different server to a browser.
bool is_api_path(const std::string& path) {
  return !path.empty() && path.front() == '/' && path.rfind("//", 0) != 0;
}

constexpr const char* kBadPath = "path must start with a single '/'";

}  // namespace

void VendorApp::Impl::on_get_action(const httplib::Request& req, httplib::Response& res) {
  const std::string path = common::query_params(req).get_or("path", "/users/me");
  if (!is_api_path(path)) return fail(res, 400, "Bad request", kBadPath);
  call_api(req, res, "GET", path, "");
}

void VendorApp::Impl::on_post_action(const httplib::Request& req, httplib::Response& res) {
  auto form = form_or_400(req, res);
  if (!form) return;
  // Unlike GET /action there is no default path: a POST that forgot it should not quietly
  // read /users/me instead of creating what it meant to create.
  const auto path = form->get("path");
  if (!path) return fail(res, 400, "Bad request", "path is missing");
  if (!is_api_path(*path)) return fail(res, 400, "Bad request", kBadPath);
  const std::string method = form->get_or("method", "POST");
  if (method != "GET" && method != "POST") {
    return fail(res, 400, "Bad request", "method must be GET or POST");
  }
  const std::string body = form->get_or("body", "");
  if (!body.empty()) {
    if (method == "GET") return fail(res, 400, "Bad request", "a GET carries no body");
    std::string error;
    if (common::parse_bounded_json(body, &error).is_discarded()) {
      return fail(res, 400, "Bad request",
                  error == "malformed JSON" ? "body is not JSON" : "body is " + error);
    }
  }
  call_api(req, res, method, *path, body);
}

void VendorApp::Impl::call_api(const httplib::Request& req, httplib::Response& res,
                               const std::string& method, const std::string& path,
                               const std::string& json_body) {
  with_connected_session(req, res, [&](detail::VendorSession& session) {
    try {
      auto answer = oauth()->call_api(method, path, *session.tokens, json_body);
      common::send_html(res, 200,
                        detail::api_result_page(method, path, answer.status, answer.body));
      common::HttpServer::note(res, "API answered " + std::to_string(answer.status));
    } catch (const ClientError& e) {
      answer_client_error(session, e, "Customer API call failed", res);
    }
  });
}

}  // namespace oauthsim::client
