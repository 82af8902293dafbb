#pragma once
// The authorization server's handlers in-process, without sockets: the same stores, token
// endpoint and browser flow AuthorizationServer wires, answering synthetic httplib requests the
// way its routes do. Shared by the token_endpoint and authorize_flow fuzz targets.
//
// Each call runs on a fresh thread: handlers leave their trace note in a thread-local that only
// the HTTP server's recorder empties, and a fuzzing run makes millions of calls.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "mock_authz_server/src/browser_flow.h"
#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/csrf_tokens.h"
#include "oauthsim/authz/grant_handlers.h"
#include "oauthsim/authz/metadata.h"
#include "oauthsim/authz/pending_request_store.h"
#include "oauthsim/authz/session_store.h"
#include "oauthsim/authz/token_endpoint.h"
#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_responses.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::fuzz {

struct Answer {
  int status = 0;
  std::string body;
  std::string location;
  std::string set_cookie;
  std::string error_description;  // of an OAuth error answer
};

class AuthzWorld {
 public:
  static constexpr const char* kBaseUrl = "http://127.0.0.1:8080";

  AuthzWorld()
      : config_(make_config()),
        random_(20261201),
        users_(config_.users),
        csrf_(random_),
        issuer_(tokens_, config_.lifetimes, clock_, random_),
        token_endpoint_(config_, authz::make_grant_handlers(authz::GrantContext{
                                     config_, codes_, tokens_, users_, issuer_, clock_, random_})),
        browser_(authz::BrowserFlow::Deps{config_, clock_, random_, sessions_, pending_, csrf_,
                                          users_, codes_, [] { return std::string(kBaseUrl); }}) {}

  const common::Config& config() const { return config_; }
  common::VirtualClock& clock() { return clock_; }

  // Credentials a client could hold: a code for acme-ats, a PKCE code for pkce-app with its
  // verifier, and a refresh and an access token of one grant.
  struct Held {
    std::string code, pkce_code, verifier, refresh_token, access_token;
  };
  Held hand_out() {
    Held h;
    const std::int64_t now = clock_.now_ms();
    h.code = random_.token(32);
    codes_.put(authz::AuthorizationCode{h.code,
                                        "acme-ats",
                                        "http://localhost:9000/callback",
                                        "alice@example.com",
                                        {"user_me_read", "jobs_read"},
                                        "",
                                        "",
                                        random_.token(16),
                                        now + 60'000});
    h.pkce_code = random_.token(32);
    h.verifier = random_.token(32);
    codes_.put(authz::AuthorizationCode{h.pkce_code,
                                        "pkce-app",
                                        "http://localhost:9000/callback",
                                        "bob@example.com",
                                        {"user_me_read"},
                                        common::base64url_encode(common::sha256(h.verifier)),
                                        "S256",
                                        random_.token(16),
                                        now + 60'000});
    authz::Grant grant{random_.token(16), "acme-ats", "alice@example.com", {"user_me_read"}, now};
    tokens_.add_grant(grant);
    const auto issued = issuer_.issue(grant, grant.scopes, true);
    h.refresh_token = issued.refresh_token;
    h.access_token = issued.access_token;
    return h;
  }

  // One request to the route `method path` as AuthorizationServer::Impl::install_routes maps it.
  Answer call(const std::string& method, const std::string& target,
              const std::vector<std::pair<std::string, std::string>>& headers,
              const std::string& body) {
    httplib::Request req;
    req.method = method;
    req.target = target;
    req.path = target.substr(0, target.find('?'));
    for (const auto& [name, value] : headers) req.set_header(name, value);
    req.body = body;
    httplib::Response res;
    Answer answer;
    std::thread([&] { dispatch(req, res, answer); }).join();
    answer.status = res.status;
    answer.body = res.body;
    answer.location = res.get_header_value("Location");
    answer.set_cookie = res.get_header_value("Set-Cookie");
    return answer;
  }

 private:
  static common::Config make_config() {
    common::Config c = common::default_config();
    c.clients.front().require_pkce = false;
    common::ClientConfig pkce = c.clients.front();
    pkce.client_id = "pkce-app";
    pkce.client_secret = "pkce-app-secret";
    pkce.require_pkce = true;
    pkce.grant_types = {"authorization_code", "refresh_token"};
    c.clients.push_back(pkce);
    return c;
  }

  void dispatch(const httplib::Request& req, httplib::Response& res, Answer& answer) {
    const std::string& path = req.path;
    if (path == authz::paths::kAuthorize && req.method == "GET")
      return browser_.authorize(req, res);
    if (path == authz::paths::kLogin && req.method == "POST") return browser_.login(req, res);
    if (path == authz::paths::kConsent && req.method == "GET") {
      return browser_.show_consent(req, res);
    }
    if (path == authz::paths::kConsent && req.method == "POST") return browser_.decide(req, res);
    if (path == authz::paths::kToken && req.method == "POST") return token(req, res, answer);
    res.status = 404;
  }

  // POST /identity/oauth/token, answered as the route and oauth_route do.
  void token(const httplib::Request& req, httplib::Response& res, Answer& answer) {
    std::optional<std::string> authorization;
    if (req.has_header("Authorization")) authorization = req.get_header_value("Authorization");
    std::string note;
    try {
      try {
        const auto body =
            token_endpoint_.handle(common::form_params(req), authorization, note, std::nullopt);
        common::send_json(res, 200, body);
      } catch (const common::OAuthError& e) {
        answer.error_description = e.description();
        common::HttpServer::note(res, "refused: " + e.error() + ": " + e.description());
        common::send_oauth_error(res, e);
      }
    } catch (const nlohmann::json::type_error& e) {
      // Issue 12 "invalid UTF-8 gives 500" (fuzz/crashes/token_endpoint/invalid_utf8_*).
      fail("the token endpoint's answer cannot be printed", e.what());
    }
  }

  common::Config config_;
  common::VirtualClock clock_;
  common::SeededRandom random_;
  authz::InMemoryCodeStore codes_;
  authz::InMemoryTokenStore tokens_;
  authz::UserDirectory users_;
  authz::InMemorySessionStore sessions_;
  authz::InMemoryPendingRequestStore pending_;
  authz::CsrfTokens csrf_;
  authz::TokenIssuer issuer_;
  authz::TokenEndpoint token_endpoint_;
  authz::BrowserFlow browser_;
};

// Long enough, with a digit and no space: such a text is not a piece of a refusal's wording
// by chance (a secret "was sent" would be found in "client_secret was sent more than once").
inline bool looks_like_a_credential(std::string_view v) {
  return v.size() >= 8 && v.find_first_of(" +") == std::string_view::npos &&
         v.find_first_of("0123456789") != std::string_view::npos;
}

// Values of secret parameters (client_secret, code, refresh_token, password, ...) in a raw form
// body or query, as sent (before any decoding); only those that look like a credential, and
// only when no other parameter carries the same text (an error may quote a parameter that is not
// secret).
inline std::vector<std::string> raw_secret_values(std::string_view form) {
  std::vector<std::string> secrets;
  std::vector<std::string_view> others;
  while (!form.empty()) {
    const auto amp = form.find('&');
    const std::string_view piece = form.substr(0, amp);
    form = amp == std::string_view::npos ? std::string_view{} : form.substr(amp + 1);
    const auto eq = piece.find('=');
    const std::string_view name = piece.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? "" : piece.substr(eq + 1);
    if (common::is_secret_param(name) && looks_like_a_credential(value)) {
      secrets.emplace_back(value);
    } else {
      others.push_back(piece);
    }
  }
  std::vector<std::string> shown_only_as_secret;
  for (const auto& s : secrets) {
    bool elsewhere = false;
    for (const auto& o : others) elsewhere = elsewhere || o.find(s) != std::string_view::npos;
    if (!elsewhere) shown_only_as_secret.push_back(s);
  }
  return shown_only_as_secret;
}

inline void check_no_secret_shown(const Answer& a, std::string_view form) {
  for (const auto& s : raw_secret_values(form)) {
    FUZZ_CHECK(a.error_description.find(s) == std::string::npos, a.error_description);
  }
}

}  // namespace oauthsim::fuzz
