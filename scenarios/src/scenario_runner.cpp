#include "oauthsim/scenario/scenario_runner.h"

#include <optional>
#include <stdexcept>

#include "oauthsim/common/url.h"
#include "oauthsim/scenario/builtin_catalog.h"
#include "oauthsim/scenario/check_registry.h"

namespace oauthsim::scenario {
namespace {

// The authorization server's answer to the client carries a code or an error; the redirect to
// the authorization endpoint (which also carries a state) has a response_type instead.
bool is_redirect_back(const common::Params& query) {
  return (query.has("code") || query.has("error")) && !query.has("response_type");
}

void apply(const ScenarioFault& fault, common::Params& query) {
  switch (fault.kind) {
    case ScenarioFault::Kind::kReplaceCode:
      if (query.has("code")) query.set("code", fault.value);
      break;
    case ScenarioFault::Kind::kReplaceState:
      query.set("state", fault.value);
      break;
    case ScenarioFault::Kind::kDropState:
      query.erase("state");
      break;
  }
}

World::ResponseTamperer tamperer_for(std::vector<ScenarioFault> faults) {
  return [faults = std::move(faults)](const common::HttpRequest&, common::HttpResponse& res) {
    auto location = res.header("Location");
    if (res.status / 100 != 3 || !location) return;
    auto url = common::parse_url(*location);
    if (!url) return;
    common::Params query = url->query_params();
    if (!is_redirect_back(query)) return;
    for (const auto& f : faults) apply(f, query);
    url->query = query.encode();
    res.headers.erase("location");
    res.headers.set("Location", url->to_string());
  };
}

void browse_or_throw(const BrowseResult& r) {
  if (r.error) throw std::runtime_error("user agent: " + *r.error);
}

// Follows the refresh token the app holds across actions, so a scenario can replay the one the
// app gave up at its last refresh.
class RefreshTokenHistory {
 public:
  void observe(World& w) {
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

void reuse_refresh_token(World& w, const std::string& refresh_token) {
  const auto& reg = w.client_registration();
  w.direct_transport().send(
      common::HttpRequest::post_form(w.token_endpoint(), {{"grant_type", "refresh_token"},
                                                          {"refresh_token", refresh_token},
                                                          {"client_id", reg.client_id},
                                                          {"client_secret", reg.client_secret}}));
}

void run_actions(const ScenarioSpec& spec, World& w) {
  if (!spec.faults.empty()) w.tamper_user_agent_responses(tamperer_for(spec.faults));
  RefreshTokenHistory history;
  for (const auto& a : spec.actions) {
    switch (a.kind) {
      case ScenarioAction::Kind::kConnect: {
        const BrowseResult r = w.user_agent().run_flow(w.connect_url(), spec.user);
        // A script that stops early is the outcome the steps judge, when the scenario says so.
        if (a.script_completes) browse_or_throw(r);
        break;
      }
      case ScenarioAction::Kind::kAdvanceClock:
        w.clock().advance_seconds(a.seconds);
        break;
      case ScenarioAction::Kind::kCallApi:
        browse_or_throw(w.user_agent().get(w.action_url(a.path)));
        break;
      case ScenarioAction::Kind::kReusePreviousRefreshToken:
        reuse_refresh_token(w, history.previous());
        break;
    }
    history.observe(w);
  }
}

}  // namespace

MissionFlow to_flow(const ScenarioSpec& spec) {
  MissionFlow f;
  f.name = spec.name;
  f.description = spec.description;
  f.configure = [world = spec.world, seed = spec.seed](WorldOptions& o) {
    const std::uint64_t runner_seed = o.seed;
    o = world;
    o.seed = seed.value_or(runner_seed);
  };
  f.run = [spec](World& w) { run_actions(spec, w); };
  f.expected = spec.expected;
  for (const auto& name : spec.checks) {
    auto check = make_extra_check(name);
    if (!check) throw std::invalid_argument("unknown check " + name);
    f.extra_checks.push_back(std::move(check));
  }
  return f;
}

std::vector<ScenarioSpec> builtin_scenarios() {
  std::vector<ScenarioSpec> out;
  for (const auto& [file, text] : builtin_catalog()) {
    for (auto& spec : parse_scenario_text(text, "catalog/" + file)) out.push_back(std::move(spec));
  }
  return out;
}

}  // namespace oauthsim::scenario
