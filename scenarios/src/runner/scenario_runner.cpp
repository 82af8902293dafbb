#include "oauthsim/scenario/runner/scenario_runner.h"

#include <memory>
#include <stdexcept>

#include "oauthsim/scenario/judging/check_registry.h"
#include "oauthsim/scenario/runner/builtin_catalog.h"
#include "oauthsim/scenario/runner/external_client_rules.h"
#include "scenario_actions.h"
#include "scenario_faults.h"

namespace oauthsim::scenario {
MissionFlow to_flow(const ScenarioSpec& spec) {
  MissionFlow f;
  f.name = spec.name;
  f.description = spec.description;
  f.configure = [world = spec.world, seed = spec.seed](WorldOptions& o) {
    const std::uint64_t runner_seed = o.seed;
    o = world;
    o.seed = seed.value_or(runner_seed);
  };
  f.run = [spec](World& w) {
    if (w.has_external_client()) {
      if (auto refusal = external_client_refusal(spec)) {
        throw std::runtime_error(*refusal);
      }
    }
    auto recorder = std::make_shared<detail::CodeExchangeRecorder>();
    detail::install_faults(spec.faults, w, recorder);
    detail::run_actions(spec, w, recorder);
  };
  f.expected = spec.expected;
  f.expected_failures = spec.failing_checks;
  for (const auto& fault : spec.faults) {
    if (fault.kind == ScenarioFault::Kind::kDelay) f.cost.waits_ms += fault.delay_ms * fault.times;
  }
  f.cost.tls = spec.world.tls.has_value() || spec.world.tls_setup.has_value();
  for (std::size_t i = 0; i < spec.actions.size(); ++i) {
    if (spec.actions[i].expect) {
      f.extra_checks.push_back(std::make_shared<ApiCallAnswersAsScenarioExpects>(
          static_cast<int>(i + 1), *spec.actions[i].expect));
    }
  }
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
