#include "oauthsim/authz/authorization_server.h"

#include <nlohmann/json.hpp>

#include "browser_flow.h"
#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/csrf_tokens.h"
#include "oauthsim/authz/introspection.h"
#include "oauthsim/authz/metadata.h"
#include "oauthsim/authz/pending_request_store.h"
#include "oauthsim/authz/revocation.h"
#include "oauthsim/authz/session_store.h"
#include "oauthsim/authz/store_token_verifier.h"
#include "oauthsim/authz/token_endpoint.h"
#include "oauthsim/authz/token_issuer.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/peer_certificate.h"

namespace oauthsim::authz {
namespace {

using common::HttpServer;

std::optional<std::string> authorization_header(const httplib::Request& req) {
  if (!req.has_header("Authorization")) return std::nullopt;
  return req.get_header_value("Authorization");
}

// RFC 8705: the client certificate of the connection, as client authentication reads it.
std::optional<PresentedCertificate> presented_certificate(const httplib::Request& req) {
  const auto peer = common::peer_certificate(req);
  if (!peer) return std::nullopt;
  return PresentedCertificate{peer->subject_dn, peer->thumbprint_s256, peer->chains_to_trusted_ca,
                              peer->within_validity};
}

void no_store(httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Pragma", "no-cache");
}

// The one place an OAuthError becomes an HTTP answer for the back-channel endpoints.
template <typename Handler>
httplib::Server::Handler oauth_route(Handler handler) {
  return [handler](const httplib::Request& req, httplib::Response& res) {
    try {
      handler(req, res);
    } catch (const common::OAuthError& e) {
      HttpServer::note(res, "refused: " + e.error() + ": " + e.description());
      HttpServer::refusal_reason(res, e.reason());
      common::send_oauth_error(res, e);
    }
  };
}

std::string peer_of(const httplib::Request& req) {
  if (req.path == paths::kIntrospect) return common::party::kResourceServer;
  if (req.path == paths::kToken || req.path == paths::kRevoke) return common::party::kClient;
  return common::party::kUserAgent;
}

}  // namespace

struct AuthorizationServer::Impl {
  Impl(common::Config cfg, common::Clock& clk, common::Random& rnd, common::Trace* trace,
       AuthorizationServerSetup setup)
      : config(std::move(cfg)),
        clock(clk),
        random(rnd),
        code_store(setup.codes ? std::move(setup.codes) : std::make_unique<InMemoryCodeStore>()),
        token_store(setup.tokens ? std::move(setup.tokens)
                                 : std::make_unique<InMemoryTokenStore>()),
        codes(*code_store),
        tokens(*token_store),
        users(config.users),
        sessions(setup.wall_clock),
        pending(setup.wall_clock),
        csrf(rnd, setup.wall_clock),
        issuer(tokens, config.lifetimes, clk, rnd),
        verifier(tokens, users, clk),
        token_endpoint(config, make_grant_handlers(
                                   GrantContext{config, codes, tokens, users, issuer, clk, rnd})),
        browser(BrowserFlow::Deps{config, clk, rnd, sessions, pending, csrf, users, codes,
                                  [this] { return http.base_url(); }}),
        http(common::party::kAuthorizationServer, trace, &clk, std::move(setup.tls)) {
    install_routes();
  }

  void install_routes();
  httplib::Server::Handler token_route();

  common::Config config;
  common::Clock& clock;
  common::Random& random;
  std::unique_ptr<CodeStore> code_store;
  std::unique_ptr<TokenStore> token_store;
  CodeStore& codes;
  TokenStore& tokens;
  UserDirectory users;
  InMemorySessionStore sessions;
  InMemoryPendingRequestStore pending;
  CsrfTokens csrf;
  TokenIssuer issuer;
  StoreTokenVerifier verifier;
  TokenEndpoint token_endpoint;
  BrowserFlow browser;
  HttpServer http;
};

httplib::Server::Handler AuthorizationServer::Impl::token_route() {
  return oauth_route([this](const httplib::Request& req, httplib::Response& res) {
    std::string note;
    try {
      auto body = token_endpoint.handle(common::form_params(req), authorization_header(req), note,
                                        presented_certificate(req));
      HttpServer::note(res, note);
      no_store(res);
      common::send_json(res, 200, body);
    } catch (const common::OAuthError&) {
      if (!note.empty()) HttpServer::note(res, note);
      throw;  // answered by oauth_route
    }
  });
}

void AuthorizationServer::Impl::install_routes() {
  auto& r = http.routes();
  http.set_peer_labeler(peer_of);
  for (const char* page : {paths::kAuthorize, paths::kLogin, paths::kConsent}) {
    http.answer_in_html_under(page);
  }

  r.Get(paths::kAuthorize, [this](const auto& req, auto& res) { browser.authorize(req, res); });
  r.Post(paths::kLogin, [this](const auto& req, auto& res) { browser.login(req, res); });
  r.Get(paths::kConsent, [this](const auto& req, auto& res) { browser.show_consent(req, res); });
  r.Post(paths::kConsent, [this](const auto& req, auto& res) { browser.decide(req, res); });

  r.Post(paths::kToken, token_route());
  r.Post(paths::kRevoke, oauth_route([this](const httplib::Request& req, httplib::Response& res) {
           const std::string note =
               revoke_token(config, tokens, common::form_params(req), authorization_header(req),
                            presented_certificate(req));
           HttpServer::note(res, note);
           no_store(res);
           res.status = 200;
         }));
  r.Post(paths::kIntrospect,
         oauth_route([this](const httplib::Request& req, httplib::Response& res) {
           auto result = introspect_token(config, verifier, common::form_params(req),
                                          authorization_header(req), presented_certificate(req));
           HttpServer::note(res, result.note);
           no_store(res);
           common::send_json(res, 200, result.body);
         }));
  r.Get(paths::kMetadata, [this](const httplib::Request&, httplib::Response& res) {
    common::send_json(res, 200, server_metadata(config, http.base_url(), http.tls()));
  });
}

AuthorizationServer::AuthorizationServer(common::Config config, common::Clock& clock,
                                         common::Random& random, common::Trace* trace,
                                         AuthorizationServerSetup setup)
    : impl_(std::make_unique<Impl>(std::move(config), clock, random, trace, std::move(setup))) {}

AuthorizationServer::~AuthorizationServer() {
  stop();
}

int AuthorizationServer::start(const std::string& host, int port) {
  return impl_->http.start(host, port);
}

void AuthorizationServer::stop() {
  impl_->http.stop();
}

std::function<void(const httplib::Request&, httplib::Response&)>
AuthorizationServer::token_endpoint_handler() {
  return impl_->token_route();
}

common::FaultInjector& AuthorizationServer::faults() {
  return impl_->http.faults();
}

std::string AuthorizationServer::base_url() const {
  return impl_->http.base_url();
}

common::TokenVerifier& AuthorizationServer::verifier() {
  return impl_->verifier;
}

bool AuthorizationServer::delete_user(const std::string& username) {
  if (!impl_->users.remove(username)) return false;
  impl_->tokens.revoke_grants_of_user(username);
  impl_->sessions.erase_user(username);
  return true;
}

std::optional<std::size_t> AuthorizationServer::revoke_user_grants(const std::string& username) {
  if (!impl_->users.exists(username)) return std::nullopt;
  return impl_->tokens.revoke_grants_of_user(username);
}

void AuthorizationServer::reset() {
  impl_->http.faults().clear();
  impl_->pending.clear();
  impl_->csrf.clear();
  impl_->sessions.clear();
  impl_->codes.clear();
  impl_->tokens.clear();
  impl_->users.restore(impl_->config.users);
}

common::HttpServer& AuthorizationServer::http() {
  return impl_->http;
}

}  // namespace oauthsim::authz
