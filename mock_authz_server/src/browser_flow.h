#pragma once
#include <functional>
#include <optional>
#include <string>

#include <httplib.h>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/csrf_tokens.h"
#include "oauthsim/authz/pending_request_store.h"
#include "oauthsim/authz/session_store.h"
#include "oauthsim/authz/user_directory.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/random.h"

namespace oauthsim::authz {

inline constexpr const char* kSessionCookie = "sr_session";
inline constexpr const char* kLoginCookie = "sr_login";

// The part of the authorization server a browser sees: the authorization endpoint, the
// login form and the consent form, ending in a redirect back to the client.
class BrowserFlow {
 public:
  struct Deps {
    const common::Config& config;
    const common::Clock& clock;
    common::Random& random;
    SessionStore& sessions;
    PendingRequestStore& pending;
    CsrfTokens& csrf;
    UserDirectory& users;
    CodeStore& codes;
    std::function<std::string()> base_url;  // for absolute Location headers
  };
  static constexpr std::int64_t kPendingLifetimeMs = 10 * 60 * 1000;
  static constexpr std::int64_t kSessionLifetimeMs = 8 * 60 * 60 * 1000;

  explicit BrowserFlow(Deps deps) : d_(std::move(deps)) {}

  void authorize(const httplib::Request& req, httplib::Response& res);     // GET allow
  void login(const httplib::Request& req, httplib::Response& res);         // POST login
  void show_consent(const httplib::Request& req, httplib::Response& res);  // GET consent
  void decide(const httplib::Request& req, httplib::Response& res);        // POST consent

 private:
  std::optional<Session> current_session(const httplib::Request& req) const;
  void render_login(const httplib::Request& req, httplib::Response& res, const PendingRequest& p,
                    int status, const std::string& username, const std::string& error);
  // The login form's CSRF token is bound to this browser through a cookie (before sign-in
  // there is no session to bind it to); the binding the token is issued and checked against.
  std::string login_binding(const httplib::Request& req, httplib::Response* res) const;
  void render_consent(httplib::Response& res, const PendingRequest& p, const Session& s);
  void error_page(httplib::Response& res, const std::string& title, const std::string& message,
                  const std::string& note);
  std::string client_name(const std::string& client_id) const;

  Deps d_;
};

// The value of one cookie from the request's Cookie header(s), or nullopt.
std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name);

}  // namespace oauthsim::authz
