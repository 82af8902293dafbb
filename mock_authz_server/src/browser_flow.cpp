#include "browser_flow.h"

#include "oauthsim/authz/metadata.h"
#include "oauthsim/authz/pages.h"
#include "oauthsim/authz/scopes.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/oauth_error.h"
#include "oauthsim/common/url.h"

namespace oauthsim::authz {
namespace {

using common::HttpServer;

std::optional<common::Params> raw_query(const httplib::Request& req) {
  const auto q = req.target.find('?');
  if (q == std::string::npos) return common::Params{};
  return common::parse_params(std::string_view(req.target).substr(q + 1));
}

// Login and consent forms are posted by a browser; a bad body is a page, not JSON.
std::optional<common::Params> browser_form(const httplib::Request& req) {
  try {
    return common::form_params(req);
  } catch (const common::OAuthError&) {
    return std::nullopt;
  }
}

void redirect(httplib::Response& res, const std::string& location) {
  res.status = 302;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name) {
  const std::size_t n = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < n; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    std::string_view rest = header;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
    }
  }
  return std::nullopt;
}

std::optional<Session> BrowserFlow::current_session(const httplib::Request& req) const {
  const auto id = cookie_value(req, kSessionCookie);
  if (!id || id->empty()) return std::nullopt;
  auto s = d_.sessions.find(*id, d_.clock.now_ms());
  if (s && !d_.users.exists(s->username)) return std::nullopt;
  return s;
}

std::string BrowserFlow::client_name(const std::string& client_id) const {
  const auto* c = d_.config.find_client(client_id);
  if (!c) return client_id;
  return c->name.empty() ? c->client_id : c->name;
}

void BrowserFlow::error_page(httplib::Response& res, const std::string& title,
                             const std::string& message, const std::string& note) {
  HttpServer::note(res, note);
  common::send_html(res, 400, render_error_page(title, message));
}

std::string BrowserFlow::login_binding(const httplib::Request& req, httplib::Response* res) const {
  auto browser = cookie_value(req, kLoginCookie);
  if ((!browser || browser->size() < 16) && res) {
    browser = d_.random.token(32);
    const bool https = d_.base_url().rfind("https://", 0) == 0;
    res->set_header("Set-Cookie", std::string(kLoginCookie) + "=" + *browser +
                                      "; Path=/; HttpOnly; SameSite=Lax" +
                                      (https ? "; Secure" : ""));
  }
  // Without the cookie the binding matches no issued token, so the form is refused.
  return browser ? "login:" + *browser : "login:-";
}

void BrowserFlow::render_login(const httplib::Request& req, httplib::Response& res,
                               const PendingRequest& p, int status, const std::string& username,
                               const std::string& error) {
  LoginPage page;
  page.request_id = p.id;
  page.csrf_token = d_.csrf.issue(login_binding(req, &res), p.id, p.expires_ms);
  page.client_name = client_name(p.request.client_id);
  page.username = username;
  page.error = error;
  common::send_html(res, status, render_login_page(page));
}

void BrowserFlow::render_consent(httplib::Response& res, const PendingRequest& p,
                                 const Session& s) {
  ConsentPage page;
  page.request_id = p.id;
  page.csrf_token = d_.csrf.issue(s.id, p.id, p.expires_ms);
  page.client_name = client_name(p.request.client_id);
  page.username = s.username;
  for (const auto& name : p.request.scopes) {
    const auto* info = d_.config.find_scope(name);
    page.scopes.push_back(info ? *info : common::ScopeInfo{name, name});
  }
  HttpServer::note(res, "consent form shown for " + join_scopes(p.request.scopes));
  HttpServer::outcome(res, common::ExchangeOutcome::kConsentShown);
  common::send_html(res, 200, render_consent_page(page));
}

void BrowserFlow::authorize(const httplib::Request& req, httplib::Response& res) {
  const auto query = raw_query(req);
  if (!query) {
    return error_page(res, "Invalid request", "The authorization request is malformed.",
                      "authorization refused: malformed query (error page, no redirect)");
  }
  const AuthorizeResult result = validate_authorize_request(d_.config, *query);
  if (const auto* err = std::get_if<AuthorizeError>(&result)) {
    if (!err->redirect) {
      return error_page(
          res, "Invalid request", err->description,
          "authorization refused: " + err->description + " (error page, no redirect)");
    }
    HttpServer::note(res, "authorization refused: " + err->error + ": " + err->description);
    return redirect(res, err->location());
  }
  PendingRequest p{d_.random.token(32), std::get<AuthorizeRequest>(result),
                   d_.clock.now_ms() + kPendingLifetimeMs};
  d_.pending.put(p);
  if (const auto session = current_session(req)) return render_consent(res, p, *session);
  HttpServer::note(res, "login form shown");
  HttpServer::outcome(res, common::ExchangeOutcome::kLoginFormShown);
  render_login(req, res, p, 200, "", "");
}

void BrowserFlow::login(const httplib::Request& req, httplib::Response& res) {
  // Refused until the credentials are accepted, whichever check below stops it.
  HttpServer::outcome(res, common::ExchangeOutcome::kLoginRefused);
  const auto form = browser_form(req);
  if (!form) {
    return error_page(res, "Invalid request", "The sign-in form could not be read.",
                      "login refused: unreadable form");
  }
  const std::int64_t now = d_.clock.now_ms();
  const std::string request_id = form->get_or("request_id", "");
  const auto pending = d_.pending.find(request_id, now);
  if (!pending) {
    return error_page(res, "Request expired",
                      "This sign-in request has expired or is unknown. Go back to the "
                      "application and connect again.",
                      "login refused: unknown or expired authorization request");
  }
  if (!d_.csrf.consume(form->get_or("csrf_token", ""), login_binding(req, nullptr), request_id,
                       now)) {
    return error_page(res, "Invalid request", "The sign-in form has expired or was tampered with.",
                      "login refused: CSRF token invalid");
  }
  const std::string username = form->get_or("username", "");
  const auto user = d_.users.authenticate(username, form->get_or("password", ""));
  if (!user) {
    HttpServer::note(res, d_.users.exists(username) ? "login refused: wrong password"
                                                    : "login refused: unknown user");
    return render_login(req, res, *pending, 200, username, "Invalid e-mail or password");
  }
  Session s{d_.random.token(32), user->username, now + kSessionLifetimeMs};
  d_.sessions.put(s);
  // Over https the session cookie is Secure: a browser never sends it over plain http.
  const bool https = d_.base_url().rfind("https://", 0) == 0;
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + s.id +
                                   "; Path=/; HttpOnly; SameSite=Lax" + (https ? "; Secure" : ""));
  HttpServer::note(res, "login accepted");
  HttpServer::outcome(res, common::ExchangeOutcome::kLoginAccepted);
  redirect(res, d_.base_url() + paths::kConsent + "?request_id=" + common::url_encode(request_id));
}

void BrowserFlow::show_consent(const httplib::Request& req, httplib::Response& res) {
  const auto query = raw_query(req);
  const std::string request_id = query ? query->get_or("request_id", "") : "";
  const auto pending = d_.pending.find(request_id, d_.clock.now_ms());
  if (!pending) {
    return error_page(res, "Request expired",
                      "This authorization request has expired or is unknown. Go back to the "
                      "application and connect again.",
                      "consent refused: unknown or expired authorization request");
  }
  if (const auto session = current_session(req)) return render_consent(res, *pending, *session);
  HttpServer::note(res, "login form shown");
  HttpServer::outcome(res, common::ExchangeOutcome::kLoginFormShown);
  render_login(req, res, *pending, 200, "", "");
}

void BrowserFlow::decide(const httplib::Request& req, httplib::Response& res) {
  const auto form = browser_form(req);
  if (!form) {
    return error_page(res, "Invalid request", "The consent form could not be read.",
                      "consent refused: unreadable form");
  }
  const std::string decision = form->get_or("decision", "");
  if (decision != "allow" && decision != "deny") {
    return error_page(res, "Invalid request", "Choose Allow or Deny.",
                      "consent refused: decision '" + decision + "' is neither allow nor deny");
  }
  const std::int64_t now = d_.clock.now_ms();
  const auto session = current_session(req);
  if (!session) {
    return error_page(res, "Not signed in", "Your session has ended. Connect again.",
                      "consent refused: no session");
  }
  const std::string request_id = form->get_or("request_id", "");
  if (!d_.pending.find(request_id, now)) {
    return error_page(res, "Request expired",
                      "This authorization request has expired or is unknown. Go back to the "
                      "application and connect again.",
                      "consent refused: unknown or expired authorization request");
  }
  if (!d_.csrf.consume(form->get_or("csrf_token", ""), session->id, request_id, now)) {
    return error_page(res, "Invalid request", "The consent form has expired or was tampered with.",
                      "consent refused: CSRF token invalid for this session and request");
  }
  const auto pending = d_.pending.take(request_id, now);
  if (!pending) {
    return error_page(res, "Request expired", "This authorization request was already answered.",
                      "consent refused: request already decided");
  }
  const AuthorizeRequest& ar = pending->request;
  common::Params back;
  if (decision == "deny") {
    back.add("error", "access_denied");
    back.add("error_description", "The user denied the request");
    HttpServer::note(res, "consent denied");
    HttpServer::outcome(res, common::ExchangeOutcome::kConsentDenied);
  } else {
    AuthorizationCode code;
    code.code = d_.random.token(32);
    code.client_id = ar.client_id;
    code.redirect_uri = ar.redirect_uri;
    code.username = session->username;
    code.scopes = ar.scopes;
    code.code_challenge = ar.code_challenge;
    code.code_challenge_method = ar.code_challenge_method;
    code.grant_id = d_.random.token(16);
    code.expires_ms = now + d_.config.lifetimes.authorization_code * 1000;
    back.add("code", code.code);
    d_.codes.put(std::move(code));
    HttpServer::note(res, "consent given: code issued");
    HttpServer::outcome(res, common::ExchangeOutcome::kConsentAllowed);
  }
  if (ar.state) back.add("state", *ar.state);
  redirect(res, common::append_query(ar.redirect_uri, back));
}

}  // namespace oauthsim::authz
