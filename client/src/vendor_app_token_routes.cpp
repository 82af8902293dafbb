// POST /refresh and POST /revoke: the user manages the connection's tokens.
#include "vendor_app_impl.h"
#include "vendor_pages.h"

namespace oauthsim::client {

void VendorApp::Impl::on_refresh(const httplib::Request& req, httplib::Response& res) {
  with_connected_session(req, res, [&](detail::VendorSession& session) {
    try {
      session.tokens = oauth()->refresh(*session.tokens);
    } catch (const ClientError& e) {
      return answer_client_error(session, e, "Refresh failed", res);
    }
    common::send_html(res, 200, detail::message_page("Tokens refreshed", "tokens refreshed"));
    common::HttpServer::note(res, "tokens refreshed");
  });
}

void VendorApp::Impl::on_revoke(const httplib::Request& req, httplib::Response& res) {
  auto form = form_or_400(req, res);
  if (!form) return;
  const std::string kind = form->get_or("token", "refresh_token");
  if (kind != "access_token" && kind != "refresh_token") {
    return fail(res, 400, "Bad request", "token must be access_token or refresh_token");
  }
  const bool refresh = kind == "refresh_token";
  with_connected_session(req, res, [&](detail::VendorSession& session) {
    const std::string& token =
        refresh ? session.tokens->refresh_token : session.tokens->access_token;
    if (token.empty()) {
      return fail(res, 409, "Nothing to revoke", "the session has no " + kind);
    }
    try {
      oauth()->revoke(token, kind);
    } catch (const ClientError& e) {
      // Refused: the grant may still be alive, so the session keeps its tokens.
      return fail(res, 502, "Revocation failed", e.what());
    }
    std::string outcome = "access token revoked";
    if (refresh) {
      // SR revokes the whole grant with its refresh token; the access token is dead too.
      session.tokens.reset();
      outcome = "refresh token revoked; disconnected";
    }
    // After revoking only the access token the app keeps the set as it is: the next API call
    // meets the 401 and refreshes, which is what a scenario wants to watch.
    common::send_html(res, 200, detail::message_page("Token revoked", outcome));
    common::HttpServer::note(res, outcome);
  });
}

}  // namespace oauthsim::client
