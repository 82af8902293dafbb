#pragma once
// A tiny stand-in for SR's token endpoint and Customer API, so the vendor app's component
// tests exercise real HTTP without the real authorization server.
#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/common/http_server.h"
#include "oauthsim/common/peer_certificate.h"

namespace oauthsim::client::testing {

class FakeSrServer {
 public:
  // With `tls` it speaks https and notes the client certificate of each token request.
  explicit FakeSrServer(std::optional<common::TlsServerOptions> tls = std::nullopt)
      : server_("fake_sr", nullptr, nullptr, std::move(tls)) {
    auto& r = server_.routes();
    r.Post("/identity/oauth/token",
           [this](const httplib::Request& req, httplib::Response& res) { on_token(req, res); });
    r.Get("/users/me", [this](const httplib::Request& req, httplib::Response& res) {
      if (!token_accepted(req)) return unauthorized(res);
      common::send_json(res, 200, {{"id", "u-1"}, {"firstName", "Alice"}, {"lastName", "Liddell"}});
    });
    r.Get("/jobs", [this](const httplib::Request& req, httplib::Response& res) {
      if (!token_accepted(req)) return unauthorized(res);
      common::send_json(res, 200, {{"totalFound", 0}, {"content", nlohmann::json::array()}});
    });
    r.Post("/candidates", [this](const httplib::Request& req, httplib::Response& res) {
      if (!token_accepted(req)) return unauthorized(res);
      {
        std::lock_guard lock(mu_);
        last_candidate_ = {req.method, req.get_header_value("Content-Type"), req.body};
      }
      common::send_json(res, 201, {{"id", "c-1"}});
    });
    r.Post("/identity/oauth/revoke",
           [this](const httplib::Request& req, httplib::Response& res) { on_revoke(req, res); });
    server_.start("127.0.0.1", 0);
  }

  std::string base_url() const { return server_.base_url(); }

  // What the token endpoint does next: issue tokens, or refuse with this OAuth error.
  void refuse_tokens_with(std::string error) {
    std::lock_guard lock(mu_);
    refusal_ = std::move(error);
  }
  // Makes the API reject every token issued so far (as if they expired server-side).
  void revoke_issued_access_tokens() {
    std::lock_guard lock(mu_);
    live_access_tokens_.clear();
  }
  // What the revocation endpoint does next: answer 200, or refuse with this OAuth error.
  void refuse_revocation_with(std::string error) {
    std::lock_guard lock(mu_);
    revocation_refusal_ = std::move(error);
  }
  int token_requests() const { return token_requests_.load(); }
  int revocation_requests() const { return revocation_requests_.load(); }
  common::Params last_revocation_form() const {
    std::lock_guard lock(mu_);
    return last_revocation_form_;
  }
  struct Received {
    std::string method, content_type, body;
  };
  Received last_candidate() const {
    std::lock_guard lock(mu_);
    return last_candidate_;
  }
  common::Params last_token_form() const {
    std::lock_guard lock(mu_);
    return last_form_;
  }
  // x5t#S256 of the certificate the last token request presented; "" for none.
  std::string last_token_certificate() const {
    std::lock_guard lock(mu_);
    return last_token_certificate_;
  }

 private:
  void on_token(const httplib::Request& req, httplib::Response& res) {
    token_requests_.fetch_add(1);
    std::lock_guard lock(mu_);
    last_form_ = common::form_params(req);
    last_token_certificate_ = common::peer_certificate_thumbprint(req);
    if (!refusal_.empty()) {
      common::send_json(res, 400, {{"error", refusal_}, {"error_description", "refused by fake"}});
      return;
    }
    const int n = ++issued_;
    const std::string access = "at-" + std::to_string(n);
    live_access_tokens_.insert(access);
    common::send_json(res, 200,
                      {{"access_token", access},
                       {"refresh_token", "rt-" + std::to_string(n)},
                       {"token_type", "Bearer"},
                       {"expires_in", 1800},
                       {"scope", "user_me_read"}});
  }

  // RFC 7009 as SR's mock does it: a refresh token takes its grant (here: every access
  // token) with it; unknown tokens are answered 200 too.
  void on_revoke(const httplib::Request& req, httplib::Response& res) {
    revocation_requests_.fetch_add(1);
    std::lock_guard lock(mu_);
    last_revocation_form_ = common::form_params(req);
    if (!revocation_refusal_.empty()) {
      common::send_json(res, 401, {{"error", revocation_refusal_}});
      return;
    }
    const std::string token = last_revocation_form_.get_or("token", "");
    if (token.rfind("rt-", 0) == 0) {
      live_access_tokens_.clear();
    } else {
      live_access_tokens_.erase(token);
    }
    res.status = 200;
  }

  bool token_accepted(const httplib::Request& req) {
    const std::string auth = req.get_header_value("Authorization");
    std::lock_guard lock(mu_);
    return auth.rfind("Bearer ", 0) == 0 && live_access_tokens_.count(auth.substr(7)) > 0;
  }

  static void unauthorized(httplib::Response& res) {
    res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    common::send_json(res, 401, {{"error", "invalid_token"}});
  }

  common::HttpServer server_;
  mutable std::mutex mu_;
  std::string refusal_;
  int issued_ = 0;
  std::set<std::string> live_access_tokens_;
  common::Params last_form_;
  std::string last_token_certificate_;
  std::string revocation_refusal_;
  common::Params last_revocation_form_;
  Received last_candidate_;
  std::atomic<int> token_requests_{0};
  std::atomic<int> revocation_requests_{0};
};

}  // namespace oauthsim::client::testing
