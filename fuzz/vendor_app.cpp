// The reference vendor app's routes in-process, as one browser's request sequence: /connect,
// /callback with any query, GET and POST /action (a JSON body for the API), /refresh, /revoke,
// with the session cookie or a forged one. Behind the app, a stand-in authorization server and
// Customer API answer every call. Every answer has an expected status and never shows the
// tokens or the client secret; afterwards a fresh flow still connects.
// Input: one request per line (at most 16), by its first character:
//   C           GET /connect (the browser keeps the cookie it sets)
//   B<query>    GET /callback?<query>; {state} stands for the pending state
//   A<query>    GET /action?<query>
//   P<form>     POST /action with the form (path, method, body)
//   R           POST /refresh
//   V<form>     POST /revoke with the form
//   K<cookie>   the Cookie header from now on; {cookie} stands for the session cookie
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <httplib.h>

#include "client/src/vendor_app_impl.h"
#include "fuzz_check.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/url.h"

namespace {

using namespace oauthsim;

constexpr const char* kClientSecret = "acme-secret-7f3a9c21";
constexpr const char* kAccessToken = "AT-4d1f0c9e8b7a6d5c";
constexpr const char* kRefreshToken = "RT-9a8b7c6d5e4f3a2b";

// The authorization server and the Customer API behind the app.
class StandIn final : public common::HttpTransport {
 public:
  common::HttpResponse send(const common::HttpRequest& r) override {
    common::HttpResponse res;
    res.status = 200;
    res.headers.add("Content-Type", "application/json");
    if (r.url.ends_with("/identity/oauth/token")) {
      res.body = std::string(R"({"access_token":")") + kAccessToken +
                 R"(","token_type":"Bearer","expires_in":3600,"refresh_token":")" + kRefreshToken +
                 R"(","scope":"user_me_read"})";
    } else if (r.url.ends_with("/identity/oauth/revoke")) {
      res.body = "{}";
    } else {
      res.body = R"({"id":"u1","firstName":"Ada","lastName":"Lovelace"})";
    }
    return res;
  }
};

client::ClientSettings settings() {
  client::ClientSettings s;
  s.client_id = "acme-ats";
  s.client_secret = kClientSecret;
  s.redirect_uri = "http://127.0.0.1:9000/callback";
  s.authorization_endpoint = "http://127.0.0.1:8080/identity/oauth/allow";
  s.token_endpoint = "http://127.0.0.1:8080/identity/oauth/token";
  s.revocation_endpoint = "http://127.0.0.1:8080/identity/oauth/revoke";
  s.api_base_url = "http://127.0.0.1:8081";
  s.scopes = {"user_me_read"};
  return s;
}

struct Browser {
  StandIn transport;
  common::VirtualClock clock;
  common::VirtualClock wall;
  common::SeededRandom random{20261202};
  client::VendorApp::Impl app{
      settings(), transport, clock, random, nullptr, std::nullopt, {&wall, {60 * 60 * 1000, 100}}};
  std::string cookie_header;  // what the browser sends
  std::string session;        // the app's last Set-Cookie value
  std::string state;          // of the last /connect

  httplib::Response call(const std::string& method, const std::string& path,
                         const std::string& query, const std::string& form) {
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.target = query.empty() ? path : path + "?" + query;
    if (!cookie_header.empty()) req.set_header("Cookie", cookie_header);
    if (method == "POST") req.set_header("Content-Type", "application/x-www-form-urlencoded");
    req.body = form;
    httplib::Response res;
    // A fresh thread: handlers leave their trace note in a thread-local (see authz_world.h).
    std::thread([&] {
      try {
        if (path == "/connect") return app.on_connect(req, res);
        if (path == "/callback") return app.on_callback(req, res);
        if (path == "/action" && method == "GET") return app.on_get_action(req, res);
        if (path == "/action") return app.on_post_action(req, res);
        if (path == "/refresh") return app.on_refresh(req, res);
        if (path == "/revoke") return app.on_revoke(req, res);
      } catch (const std::exception& e) {
        fuzz::fail("a vendor app handler threw (a 500)", e.what());
      }
    }).join();
    return res;
  }

  void connect() {
    const auto res = call("GET", "/connect", "", "");
    FUZZ_CHECK(res.status == 302, std::to_string(res.status));
    const std::string set_cookie = res.get_header_value("Set-Cookie");
    session = set_cookie.substr(0, set_cookie.find(';'));
    cookie_header = session;
    const auto url = common::parse_url(res.get_header_value("Location"));
    FUZZ_CHECK(url.has_value(), res.get_header_value("Location"));
    state = url->query_params().get_or("state", "");
  }
};

void check_answer(const httplib::Response& res, const std::string& session) {
  FUZZ_CHECK(res.status == 200 || res.status == 302 || res.status == 400 || res.status == 409 ||
                 res.status == 413 || res.status == 502,
             std::to_string(res.status) + " " + res.body);
  std::string shown = res.body;
  for (const auto& [name, value] : res.headers) {
    if (name != "Set-Cookie") shown += "\n" + name + ": " + value;
  }
  for (const std::string& secret : {std::string(kClientSecret), std::string(kAccessToken),
                                    std::string(kRefreshToken), session}) {
    FUZZ_CHECK(!fuzz::contains(shown, secret), "a secret shown: " + shown.substr(0, 2000));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  Browser b;
  for (int n = 0; n < 16 && !rest.empty(); ++n) {
    const auto nl = rest.find('\n');
    std::string line(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (line.empty()) continue;
    const char op = line.front();
    std::string arg = line.substr(1);
    fuzz::replace_all(arg, "{state}", b.state);
    fuzz::replace_all(arg, "{cookie}", b.session);
    httplib::Response res;
    switch (op) {
      case 'C':
        b.connect();
        continue;
      case 'B':
        res = b.call("GET", "/callback", arg, "");
        break;
      case 'A':
        res = b.call("GET", "/action", arg, "");
        break;
      case 'P':
        res = b.call("POST", "/action", "", arg);
        break;
      case 'R':
        res = b.call("POST", "/refresh", "", "");
        break;
      case 'V':
        res = b.call("POST", "/revoke", "", arg);
        break;
      case 'K':
        b.cookie_header = arg;
        continue;
      default:
        continue;
    }
    check_answer(res, b.session.substr(b.session.find('=') + 1));
  }
  // The app still connects a browser that does everything right.
  b.connect();
  const auto res = b.call("GET", "/callback", "code=good-code&state=" + b.state, "");
  FUZZ_CHECK(res.status == 200 && fuzz::contains(res.body, "Ada"), res.body);
  return 0;
}
