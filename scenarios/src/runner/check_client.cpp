#include "oauthsim/scenario/runner/check_client.h"

#include <algorithm>
#include <stdexcept>

#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/url.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {
namespace {

bool in_plan(const ScenarioSpec& spec) {
  return std::find(spec.tags.begin(), spec.tags.end(), kClientTestPlanTag) != spec.tags.end();
}

void require_http_url(const std::string& what, const std::string& url) {
  const auto parsed = common::parse_url(url);
  if (!parsed || (parsed->scheme != "http" && parsed->scheme != "https")) {
    throw std::invalid_argument(what + " '" + url + "' is not an absolute http(s) URL");
  }
}

std::string plan_names() {
  std::string out;
  for (const auto& s : client_test_plan()) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

}  // namespace

const common::UserConfig& plan_user(const CheckClientOptions& options) {
  const auto& users = options.config.users;
  if (users.empty()) {
    throw std::invalid_argument("the configuration has no user to log in as: add one to users");
  }
  if (options.username.empty()) return users.front();
  for (const auto& u : users) {
    if (u.username == options.username) return u;
  }
  std::string known;
  for (const auto& u : users) known += (known.empty() ? "" : ", ") + u.username;
  throw std::invalid_argument("no user '" + options.username +
                              "' in the configuration (users: " + known + ")");
}

std::vector<ScenarioSpec> client_test_plan() {
  std::vector<ScenarioSpec> plan;
  for (auto& spec : builtin_scenarios()) {
    if (in_plan(spec)) plan.push_back(std::move(spec));
  }
  return plan;
}

bool needs_action_url(const ScenarioSpec& spec) {
  return std::any_of(spec.actions.begin(), spec.actions.end(), [](const ScenarioAction& a) {
    return a.kind == ScenarioAction::Kind::kCallApi;
  });
}

bool needs_tls(const ScenarioSpec& spec) {
  return spec.world.tls.has_value() ||
         std::any_of(spec.faults.begin(), spec.faults.end(), [](const ScenarioFault& f) {
           return f.kind == ScenarioFault::Kind::kQuirk &&
                  f.quirk == common::FaultQuirk::kTlsHandshakeRefused;
         });
}

void validate(const CheckClientOptions& options) {
  if (options.client.start_url.empty()) throw std::invalid_argument("the start URL is missing");
  require_http_url("the start URL", options.client.start_url);
  if (!options.client.action_url.empty()) {
    require_http_url("the action URL", options.client.action_url);
  }
  if (options.config.clients.empty()) {
    throw std::invalid_argument("the configuration registers no client");
  }
  const common::ClientConfig* registration = options.client_id.empty()
                                                 ? &options.config.clients.front()
                                                 : options.config.find_client(options.client_id);
  if (!registration) {
    throw std::invalid_argument("no client '" + options.client_id +
                                "' is registered in the configuration");
  }
  if (registration->redirect_uris.empty()) {
    throw std::invalid_argument("client '" + registration->client_id +
                                "' registers no redirect URI: add the app's callback URL to "
                                "its redirect_uris");
  }
  plan_user(options);
  const auto plan = client_test_plan();
  for (const auto& name : options.scenarios) {
    const bool known = std::any_of(plan.begin(), plan.end(),
                                   [&](const ScenarioSpec& s) { return s.name == name; });
    if (!known) {
      throw std::invalid_argument("no scenario '" + name + "' in the client test plan (" +
                                  plan_names() + ")");
    }
  }
}

std::vector<ScenarioSpec> selected_plan(const CheckClientOptions& options,
                                        std::vector<std::string>* left_out) {
  std::vector<ScenarioSpec> out;
  for (auto& spec : client_test_plan()) {
    const auto& names = options.scenarios;
    if (!names.empty() && std::find(names.begin(), names.end(), spec.name) == names.end()) {
      continue;
    }
    if (options.client.action_url.empty() && needs_action_url(spec)) {
      if (left_out) {
        left_out->push_back(spec.name + ": it needs --action URL to make your app call the API");
      }
      continue;
    }
    if (!options.server_tls && needs_tls(spec)) {
      if (left_out) {
        left_out->push_back(spec.name +
                            ": it needs https (--tls): over plain http there is no TLS "
                            "handshake to refuse");
      }
      continue;
    }
    out.push_back(std::move(spec));
  }
  return out;
}

MissionFlow external_client_flow(const ScenarioSpec& plan_spec, const CheckClientOptions& options) {
  // The vendor's configuration decides who logs in, not the plan's demo user.
  ScenarioSpec spec = plan_spec;
  const common::UserConfig& user = plan_user(options);
  spec.user.username = user.username;
  spec.user.password = user.password;
  MissionFlow flow = to_flow(spec);
  // The scenario's "world" describes the reference client; here the vendor's app and its
  // registration take its place.
  flow.configure = [options](WorldOptions& o) {
    WorldOptions world;
    world.seed = o.seed;
    world.config = options.config;
    world.client_id = options.client_id;
    world.external_client = options.client;
    world.host = options.host;
    world.authz_port = options.authz_port;
    world.api_port = options.api_port;
    world.on_servers_listening = options.on_servers_listening;
    if (options.server_tls && options.verify_tls) {
      WorldTlsSetup tls;
      tls.server = *options.server_tls;
      tls.verify = tls.app = *options.verify_tls;
      world.tls_setup = tls;
    }
    o = std::move(world);
  };
  return flow;
}

std::optional<std::string> probe_app(const std::string& url, int timeout_seconds,
                                     const std::optional<common::TlsClientOptions>& tls) {
  try {
    common::SocketHttpTransport transport(timeout_seconds, {}, tls);
    const auto answer = transport.send(common::HttpRequest::get(url));
    if (answer.status <= 0) return "no HTTP answer from " + url;
    return std::nullopt;
  } catch (const std::exception& e) {
    return "nothing answers at " + url + ": " + e.what();
  }
}

std::vector<FlowResult> check_client(const CheckClientOptions& options,
                                     const CheckClientProgress& progress) {
  validate(options);
  const auto plan = selected_plan(options);
  std::vector<FlowResult> results;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    results.push_back(run_mission_flow(external_client_flow(plan[i], options), options.seed));
    if (progress) progress(i + 1, plan.size(), results.back());
  }
  return results;
}

}  // namespace oauthsim::scenario
