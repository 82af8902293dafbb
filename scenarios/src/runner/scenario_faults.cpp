#include "scenario_faults.h"

#include <atomic>
#include <memory>
#include <stdexcept>

#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/url.h"

namespace oauthsim::scenario::detail {
namespace {

using FaultKind = ScenarioFault::Kind;
using Point = ScenarioFault::Point;

void queue_server_fault(const ScenarioFault& f, World& world);

// The authorization server's answer to the client carries a code or an error; the redirect to
// the authorization endpoint (which also carries a state) has a response_type instead.
bool is_redirect_back(const common::Params& query) {
  return (query.has("code") || query.has("error")) && !query.has("response_type");
}

bool is_authorization_request(const common::Params& query) {
  return query.has("response_type");
}

// The user agent shares the token endpoint's TLS port: a refused handshake queued at the start
// would hit its first page. Queued once the code is on its way to the app, the next handshake
// there is the app's code exchange.
bool waits_for_the_code(const ScenarioFault& f) {
  return f.at == Point::kTokenEndpoint && f.kind == FaultKind::kQuirk &&
         f.quirk == common::FaultQuirk::kTlsHandshakeRefused;
}

// One front-channel edit; returns what it did, for the trace marker.
std::string apply_front(const ScenarioFault& fault, common::Params& query) {
  switch (fault.kind) {
    case FaultKind::kReplaceCode:
      if (!query.has("code")) return {};
      query.set("code", fault.value);
      return "the code was replaced on the way back to the client";
    case FaultKind::kReplaceState:
      query.set("state", fault.value);
      return "the state was replaced on the way back to the client";
    case FaultKind::kDropState:
      query.erase("state");
      return "the state was dropped on the way back to the client";
    case FaultKind::kReplaceClientId:
      query.set("client_id", fault.value);
      return "the client_id was replaced on the way to the authorization endpoint";
    case FaultKind::kReplaceRedirectUri:
      query.set("redirect_uri", fault.value);
      return "the redirect_uri was replaced on the way to the authorization endpoint";
    default:
      return {};
  }
}

World::ResponseTamperer front_channel_tamperer(std::vector<ScenarioFault> faults, World& world) {
  auto queued = std::make_shared<std::atomic<bool>>(false);  // the code-waiting faults, once
  return [faults = std::move(faults), &world, queued](const common::HttpRequest&,
                                                      common::HttpResponse& res) {
    auto location = res.header("Location");
    if (res.status / 100 != 3 || !location) return;
    auto url = common::parse_url(*location);
    if (!url) return;
    common::Params query = url->query_params();
    const bool back = is_redirect_back(query);
    const bool forth = is_authorization_request(query);
    bool changed = false;
    if (back && query.has("code") && !queued->exchange(true)) {
      for (const auto& f : faults) {
        if (waits_for_the_code(f)) queue_server_fault(f, world);
      }
    }
    for (const auto& f : faults) {
      if ((f.at == Point::kRedirectBack && back) ||
          (f.at == Point::kAuthorizationRequest && forth)) {
        const std::string what = apply_front(f, query);
        if (!what.empty()) {
          world.mark("fault: " + what);
          changed = true;
        }
      }
    }
    if (!changed) return;
    url->query = query.encode();
    res.headers.erase("location");
    res.headers.erase("Location");
    res.headers.set("Location", url->to_string());
  };
}

struct Credentials {
  std::string client_id, client_secret;
};

bool uses_basic(const common::HttpRequest& r) {
  return r.headers.get_or("Authorization", "").rfind("Basic ", 0) == 0;
}

// Puts `c` wherever the request carries its client authentication.
void authenticate_as(common::HttpRequest& r, common::Params& form, const Credentials& c) {
  if (uses_basic(r)) {
    r.headers.set("Authorization", common::basic_authorization(c.client_id, c.client_secret));
  } else {
    form.set("client_id", c.client_id);
    form.set("client_secret", c.client_secret);
  }
}

// A back-channel edit of one code exchange; returns what it did.
std::string apply_back(const ScenarioFault& f, World& world, common::HttpRequest& r,
                       common::Params& form, bool& clock_moved) {
  const auto& me = world.client_registration();
  switch (f.kind) {
    case FaultKind::kReplaceRedirectUri:
      form.set("redirect_uri", f.value);
      return "the code exchange carries redirect_uri " + f.value;
    case FaultKind::kWrongClientSecret:
      authenticate_as(r, form, {me.client_id, f.value});
      return "the code exchange carries a wrong client secret";
    case FaultKind::kDropClientAuthentication:
      r.headers.erase("Authorization");
      form.erase("client_secret");
      if (!form.has("client_id")) form.add("client_id", me.client_id);
      return "the code exchange carries no client authentication";
    case FaultKind::kDoubleClientAuthentication:
      if (uses_basic(r)) {
        form.set("client_id", me.client_id);
        form.set("client_secret", me.client_secret);
      } else {
        r.headers.set("Authorization", common::basic_authorization(me.client_id, me.client_secret));
      }
      return "the code exchange authenticates twice (HTTP Basic and client_secret)";
    case FaultKind::kUseClient: {
      const auto* other = world.config().find_client(f.value);
      if (!other) throw std::runtime_error("use_client: no client '" + f.value + "' registered");
      authenticate_as(r, form, {other->client_id, other->client_secret});
      return "the code is redeemed by client " + f.value;
    }
    case FaultKind::kReplaceCodeVerifier:
      form.set("code_verifier", f.value);
      return "the code exchange carries another code_verifier";
    case FaultKind::kAdvanceClock:
      if (clock_moved) return {};
      clock_moved = true;
      world.clock().advance_seconds(f.seconds);
      return "the clock moved " + std::to_string(f.seconds) + " s before the code exchange";
    default:
      return {};
  }
}

// Changes the last character of the bearer token: a token the server never issued.
std::string tamper_bearer(common::HttpRequest& r) {
  std::string auth = r.headers.get_or("Authorization", "");
  if (auth.rfind("Bearer ", 0) != 0 || auth.size() == 7) return {};
  auth.back() = auth.back() == 'A' ? 'B' : 'A';
  r.headers.set("Authorization", auth);
  return "the access token was altered on its way to the Customer API";
}

// The client's back channel: its code exchanges and its Customer API requests.
class BackChannelFaults {
 public:
  BackChannelFaults(std::vector<ScenarioFault> faults, World& world,
                    std::shared_ptr<CodeExchangeRecorder> recorder)
      : faults_(std::move(faults)),
        world_(world),
        recorder_(std::move(recorder)),
        token_endpoint_(world.token_endpoint()),
        api_base_(world.resource_server().base_url() + "/") {
    for (const auto& f : faults_) remaining_.push_back(f.times);
  }

  void operator()(common::HttpRequest& r) {
    std::lock_guard lock(mu_);
    if (r.url.rfind(api_base_, 0) == 0) return on_api_request(r);
    if (r.method != "POST" || r.url != token_endpoint_) return;
    auto form = common::parse_params(r.body);
    if (!form || form->get_or("grant_type", "") != "authorization_code") return;
    bool changed = false;
    for (const auto& f : faults_) {
      if (f.at != Point::kTokenRequest) continue;
      changed = mark(apply_back(f, world_, r, *form, clock_moved_)) || changed;
    }
    if (changed) r.body = form->encode();
    recorder_->record(r);
  }

 private:
  void on_api_request(common::HttpRequest& r) {
    for (std::size_t i = 0; i < faults_.size(); ++i) {
      if (faults_[i].at != Point::kApiRequest || remaining_[i] == 0) continue;
      if (mark(tamper_bearer(r))) --remaining_[i];
    }
  }
  bool mark(const std::string& what) {
    if (what.empty()) return false;
    world_.mark("fault: " + what);
    return true;
  }

  std::vector<ScenarioFault> faults_;
  World& world_;
  std::shared_ptr<CodeExchangeRecorder> recorder_;
  std::string token_endpoint_, api_base_;
  std::vector<int> remaining_;
  bool clock_moved_ = false;
  std::mutex mu_;  // the app's server threads share one tamperer
};

void queue_server_fault(const ScenarioFault& f, World& world) {
  common::InjectedFault injected;
  injected.status = f.kind == FaultKind::kAnswer ? f.status : 0;
  injected.delay = std::chrono::milliseconds(f.kind == FaultKind::kDelay ? f.delay_ms : 0);
  injected.times = f.times;
  if (f.kind == FaultKind::kQuirk) common::apply_quirk(f.quirk, injected);
  if (f.retry_after >= 0) injected.headers.add("Retry-After", std::to_string(f.retry_after));
  if (f.at == Point::kTokenEndpoint) {
    injected.method = "POST";
    injected.path = client::kTokenPath;
    world.authorization_server().faults().add(injected);
    world.mark(std::string("fault: the token endpoint ") +
               (injected.refuse_tls_handshake ? "refuses the next handshake: " : "answers ") +
               injected.describe());
  } else {
    injected.method = f.method;
    injected.path = f.path;
    world.resource_server().faults().add(injected);
    world.mark("fault: the Customer API answers " + injected.describe());
  }
}

}  // namespace

void CodeExchangeRecorder::record(const common::HttpRequest& request) {
  std::lock_guard lock(mu_);
  last_ = request;
}

std::optional<common::HttpRequest> CodeExchangeRecorder::last() const {
  std::lock_guard lock(mu_);
  return last_;
}

void install_faults(const std::vector<ScenarioFault>& faults, World& world,
                    std::shared_ptr<CodeExchangeRecorder> recorder) {
  std::vector<ScenarioFault> front, back;
  for (const auto& f : faults) {
    switch (f.at) {
      case Point::kAuthorizationRequest:
      case Point::kRedirectBack:
        front.push_back(f);
        break;
      case Point::kTokenRequest:
      case Point::kApiRequest:
        back.push_back(f);
        break;
      case Point::kTokenEndpoint:
      case Point::kApi:
        if (waits_for_the_code(f)) {
          front.push_back(f);
        } else {
          queue_server_fault(f, world);
        }
        break;
    }
  }
  if (!front.empty()) world.tamper_user_agent_responses(front_channel_tamperer(front, world));
  // std::function needs a copyable target, so the stateful tamperer sits behind a shared_ptr.
  world.tamper_client_requests(
      [faults = std::make_shared<BackChannelFaults>(back, world, std::move(recorder))](
          common::HttpRequest& r) { (*faults)(r); });
}

}  // namespace oauthsim::scenario::detail
