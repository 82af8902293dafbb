// How the vendor app answers failures, shared by every route.
#include "vendor_app_impl.h"
#include "vendor_pages.h"

namespace oauthsim::client {

void VendorApp::Impl::answer_client_error(detail::VendorSession& session, const ClientError& e,
                                          const std::string& title, httplib::Response& res) {
  // invalid_grant on a refresh: the refresh token was rotated away, revoked or outlived SR's
  // 28 days. Nothing the app can send will revive it, so keeping the tokens would only fail
  // again on every click, and retrying would spend requests on a dead grant.
  if (e.kind() == ClientError::Kind::kRefreshRefused && e.oauth_error() == "invalid_grant") {
    session.tokens.reset();
    return fail(res, 502, title,
                "refresh refused: invalid_grant; tokens dropped, the user must connect again");
  }
  fail(res, 502, title, e.what());
}

void VendorApp::Impl::not_connected(httplib::Response& res) {
  fail(res, 409, "Not connected", "not connected: connect first");
}

void VendorApp::Impl::fail(httplib::Response& res, int status, const std::string& title,
                           const std::string& message) {
  common::send_html(res, status, detail::error_page(title, message));
  common::HttpServer::note(res, message);
}

std::optional<common::Params> VendorApp::Impl::form_or_400(const httplib::Request& req,
                                                           httplib::Response& res) {
  // An empty POST is an empty form whatever its Content-Type: a scripted client posting
  // /revoke with every field defaulted should not have to invent a body.
  if (req.body.empty()) return common::Params();
  try {
    return common::form_params(req);
  } catch (const common::OAuthError& e) {
    fail(res, e.status(), "Bad request", "the form could not be read: " + e.description());
    return std::nullopt;
  }
}

}  // namespace oauthsim::client
