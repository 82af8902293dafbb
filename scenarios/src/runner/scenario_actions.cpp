#include "scenario_actions.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "oauthsim/common/fault_injector.h"
#include "oauthsim/common/scope.h"
#include "oauthsim/common/url.h"

namespace oauthsim::scenario::detail {
namespace {

using Kind = ScenarioAction::Kind;

// The seconds an advance_clock action moves: given, or one past a configured lifetime.
std::int64_t advance_seconds(const ScenarioAction& a, const common::Lifetimes& lifetimes) {
  if (a.past.empty()) return a.seconds;
  if (a.past == "access_token") return lifetimes.access_token + 1;
  if (a.past == "refresh_token") return lifetimes.refresh_token + 1;
  if (a.past == "authorization_code") return lifetimes.authorization_code + 1;
  throw std::logic_error("advance_clock past '" + a.past + "': no such lifetime");
}

void browse_or_throw(const BrowseResult& r) {
  if (r.error) throw std::runtime_error("user agent: " + *r.error);
}

// Follows the refresh token the app holds across actions, so a scenario can replay the one the
// app gave up at its last refresh.
class RefreshTokenHistory {
 public:
  void observe(World& w) {
    if (w.has_external_client()) return;  // its tokens are its own business
    const auto tokens = w.vendor_app().current_tokens();
    if (!tokens || tokens->refresh_token == held_) return;
    if (!held_.empty()) previous_ = held_;
    held_ = tokens->refresh_token;
  }
  const std::string& previous() const {
    if (previous_.empty()) {
      throw std::runtime_error(
          "reuse_previous_refresh_token: the app has not refreshed, so it gave up no refresh "
          "token yet");
    }
    return previous_;
  }

 private:
  std::string held_, previous_;
};

common::HttpResponse send_direct(World& w, const common::HttpRequest& request) {
  try {
    return w.direct_transport().send(request);
  } catch (const common::TransportError& e) {
    throw std::runtime_error(std::string("harness request failed: ") + e.what());
  }
}

common::Params client_form(World& w, common::Params form) {
  const auto& reg = w.client_registration();
  form.add("client_id", reg.client_id);
  form.add("client_secret", reg.client_secret);
  return form;
}

void reuse_refresh_token(World& w, const std::string& refresh_token) {
  send_direct(w, common::HttpRequest::post_form(
                     w.token_endpoint(), client_form(w, {{"grant_type", "refresh_token"},
                                                         {"refresh_token", refresh_token}})));
}

std::string api_url(World& w, const std::string& path) {
  std::string base = w.resource_server().base_url();
  return base + path;
}

common::HttpRequest bearer_get(const std::string& url, const std::string& token) {
  auto request = common::HttpRequest::get(url);
  request.headers.add("Authorization", "Bearer " + token);
  request.headers.add("Accept", "application/json");
  return request;
}

// The client acting for itself (RFC 6749 4.4), then one API call with that token.
void client_credentials(World& w, const ScenarioAction& a) {
  common::Params form{{"grant_type", "client_credentials"}};
  if (!a.scopes.empty()) form.add("scope", common::join_scopes(a.scopes));
  const auto answer = send_direct(
      w, common::HttpRequest::post_form(w.token_endpoint(), client_form(w, std::move(form))));
  if (a.path.empty()) return;
  const auto body = nlohmann::json::parse(answer.body, nullptr, false);
  const auto token = body.is_object() ? body.find("access_token") : body.end();
  if (answer.status != 200 || token == body.end() || !token->is_string()) {
    throw std::runtime_error(
        "client_credentials: the token endpoint answered " + std::to_string(answer.status) +
        " without an access token, so there is nothing to call " + a.path + " with");
  }
  send_direct(w, bearer_get(api_url(w, a.path), token->get<std::string>()));
}

void call_api_with_token_in_query(World& w, const ScenarioAction& a) {
  const auto tokens = w.vendor_app().current_tokens();
  if (!tokens) {
    throw std::runtime_error("call_api_with_token_in_query: the app holds no access token");
  }
  auto request = common::HttpRequest::get(
      common::append_query(api_url(w, a.path), {{"access_token", tokens->access_token}}));
  request.headers.add("Accept", "application/json");
  send_direct(w, request);
}

// RFC 8705 3: whoever holds a copy of a bound token still lacks the certificate's key.
void call_api_with_other_certificate(World& w, const ScenarioAction& a) {
  const auto tokens = w.vendor_app().current_tokens();
  if (!tokens) {
    throw std::runtime_error("call_api_with_other_certificate: the app holds no access token");
  }
  const auto transport = w.transport_presenting(a.certificate);
  try {
    transport->send(bearer_get(api_url(w, a.path), tokens->access_token));
  } catch (const common::TransportError& e) {
    throw std::runtime_error(std::string("harness request failed: ") + e.what());
  }
}

void replay_code(World& w, const CodeExchangeRecorder& recorder) {
  const auto last = recorder.last();
  if (!last) throw std::runtime_error("replay_code: the client has not exchanged a code yet");
  send_direct(w, *last);
}

void delete_user(World& w, const std::string& username) {
  if (!w.authorization_server().delete_user(username)) {
    throw std::runtime_error("delete_user: no user '" + username + "'");
  }
}

// The route the client called last, as the Customer API saw it; else the action's path.
std::string last_api_route(World& w, const ScenarioAction& a) {
  w.trace().settle();  // a server records just after answering
  const auto entries = w.trace().entries();
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->observer == common::party::kResourceServer && !it->path.empty()) return it->path;
  }
  return a.path;
}

// Every request to the route fails until the action ends (a bound no client reaches).
constexpr int kFailuresPerAction = 1000;

void fail_api_during(World& w, const ScenarioAction& a) {
  common::InjectedFault fault;
  fault.path = last_api_route(w, a);
  fault.status = a.api_fails->status;
  fault.times = kFailuresPerAction;
  if (a.api_fails->retry_after >= 0) {
    fault.headers.add("Retry-After", std::to_string(a.api_fails->retry_after));
  }
  if (fault.status == 429) {
    // SR documents these on a 429 (Retry-After it does not promise): a client that backs off
    // has them, and nothing else, to go by.
    fault.headers.add("X-RateLimit-Limit",
                      std::to_string(w.config().rate_limit.requests_per_second));
    fault.headers.add("X-RateLimit-Remaining", "0");
  }
  w.resource_server().faults().add(fault);
  w.mark("fault: the Customer API answers " + std::to_string(fault.status) + " to every " +
         fault.path + " during this action");
}

void call_api(World& w, const ScenarioAction& a) {
  if (a.api_fails) fail_api_during(w, a);
  BrowseResult r;
  if (a.method == "GET") {
    r = w.user_agent().get(w.action_url(a.path));
  } else {
    r = w.user_agent().post_form(w.app_url("/action"),
                                 {{"path", a.path}, {"method", a.method}, {"body", a.body}});
  }
  // FaultInjector removes no single fault: the API's queue is emptied (documented).
  if (a.api_fails) w.resource_server().faults().clear();
  browse_or_throw(r);
}

const std::string& user_of(const ScenarioAction& a, const UserScript& user) {
  return a.username.empty() ? user.username : a.username;
}

}  // namespace

std::string_view action_word(ScenarioAction::Kind kind) {
  switch (kind) {
    case Kind::kConnect:
      return "connect";
    case Kind::kAdvanceClock:
      return "advance_clock";
    case Kind::kCallApi:
      return "call_api";
    case Kind::kRefresh:
      return "refresh";
    case Kind::kRevoke:
      return "revoke";
    case Kind::kClientCredentials:
      return "client_credentials";
    case Kind::kDeleteUser:
      return "delete_user";
    case Kind::kReplayCode:
      return "replay_code";
    case Kind::kCallApiWithTokenInQuery:
      return "call_api_with_token_in_query";
    case Kind::kCallApiWithOtherCertificate:
      return "call_api_with_other_certificate";
    case Kind::kReusePreviousRefreshToken:
      return "reuse_previous_refresh_token";
    case Kind::kCustomerApiAccess:
      return "customer_api_access";
  }
  return "?";
}

std::string describe_action(std::size_t number, const ScenarioAction& a, const UserScript& user) {
  std::string text = "action " + std::to_string(number) + ": ";
  switch (a.kind) {
    case Kind::kConnect:
      return text + "connect (" + user.username + " " +
             (user.decision == Decision::kAllow ? "allows" : "denies") + ")";
    case Kind::kAdvanceClock:
      return text + "advance_clock " +
             (a.past.empty() ? std::to_string(a.seconds) + " s"
                             : "past the " + a.past + " lifetime");
    case Kind::kCallApi:
      return text + "call_api " + a.method + " " + a.path +
             (a.api_fails ? " (the API answers " + std::to_string(a.api_fails->status) + ")" : "");
    case Kind::kRefresh:
      return text + "refresh";
    case Kind::kRevoke:
      return text + "revoke " + a.token;
    case Kind::kClientCredentials:
      return text + "client_credentials" +
             (a.scopes.empty() ? "" : " scope " + common::join_scopes(a.scopes)) +
             (a.path.empty() ? "" : ", then GET " + a.path);
    case Kind::kDeleteUser:
      return text + "delete_user " + user_of(a, user);
    case Kind::kReplayCode:
      return text + "replay_code";
    case Kind::kCallApiWithTokenInQuery:
      return text + "call_api_with_token_in_query GET " + a.path;
    case Kind::kCallApiWithOtherCertificate:
      return text + "call_api_with_other_certificate GET " + a.path;
    case Kind::kReusePreviousRefreshToken:
      return text + "reuse_previous_refresh_token";
    case Kind::kCustomerApiAccess:
      return text + "customer_api_access " + a.company + (a.enabled ? " on" : " off");
  }
  return text;
}

void run_actions(const ScenarioSpec& spec, World& w,
                 const std::shared_ptr<CodeExchangeRecorder>& recorder) {
  RefreshTokenHistory history;
  std::size_t number = 0;
  for (const auto& a : spec.actions) {
    ++number;
    w.mark_action(number, std::string(action_word(a.kind)), describe_action(number, a, spec.user));
    switch (a.kind) {
      case Kind::kConnect: {
        const BrowseResult r = w.user_agent().run_flow(w.connect_url(), spec.user);
        // A script that stops early is the outcome the steps judge, when the scenario says so.
        if (a.script_completes) browse_or_throw(r);
        break;
      }
      case Kind::kAdvanceClock:
        w.clock().advance_seconds(advance_seconds(a, w.config().lifetimes));
        break;
      case Kind::kCallApi:
        call_api(w, a);
        break;
      case Kind::kRefresh:
        browse_or_throw(w.user_agent().post_form(w.app_url("/refresh"), {}));
        break;
      case Kind::kRevoke:
        browse_or_throw(w.user_agent().post_form(w.app_url("/revoke"), {{"token", a.token}}));
        break;
      case Kind::kClientCredentials:
        client_credentials(w, a);
        break;
      case Kind::kDeleteUser:
        delete_user(w, user_of(a, spec.user));
        break;
      case Kind::kCustomerApiAccess:
        w.resource_server().set_customer_api_access(a.company, a.enabled);
        break;
      case Kind::kReplayCode:
        replay_code(w, *recorder);
        break;
      case Kind::kCallApiWithOtherCertificate:
        call_api_with_other_certificate(w, a);
        break;
      case Kind::kCallApiWithTokenInQuery:
        call_api_with_token_in_query(w, a);
        break;
      case Kind::kReusePreviousRefreshToken:
        reuse_refresh_token(w, history.previous());
        break;
    }
    history.observe(w);
  }
}

}  // namespace oauthsim::scenario::detail
