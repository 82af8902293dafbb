#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "oauthsim/scenario/steps.h"
#include "oauthsim/scenario/user_agent.h"
#include "oauthsim/scenario/world.h"

namespace oauthsim::scenario {

// Something the parties do, in order (the key "do" of an action).
struct ScenarioAction {
  enum class Kind {
    kConnect,                    // the user agent runs the login/consent script from /connect
    kAdvanceClock,               // the shared virtual clock moves `seconds` ahead
    kCallApi,                    // the user agent asks the vendor app to GET `path` of the API
    kReusePreviousRefreshToken,  // the refresh token the app held before its last refresh is
                                 // posted to the token endpoint, as a stolen copy would be
  };
  Kind kind = Kind::kConnect;
  std::int64_t seconds = 0;  // kAdvanceClock
  std::string path;          // kCallApi
  // kConnect: false when the scenario expects the user agent to stop before the client's
  // answer (the flow is refused at the authorization endpoint, or the login never succeeds);
  // true makes an unfinished script a harness error.
  bool script_completes = true;
};

// A man in the middle of the front channel: changes what the user agent receives.
struct ScenarioFault {
  enum class Point { kRedirectBack };  // the authorization server's redirect to the client
  enum class Kind { kReplaceCode, kReplaceState, kDropState };
  Point at = Point::kRedirectBack;
  Kind kind = Kind::kReplaceCode;
  std::string value;  // kReplaceCode, kReplaceState
};

// One scenario as a file describes it (docs/scenarios.md has every key).
struct ScenarioSpec {
  std::string name;
  std::string description;
  std::vector<std::string> tags;
  std::string source;                 // file it came from, for messages
  WorldOptions world;                 // world.config merged over the defaults
  std::optional<std::uint64_t> seed;  // unset: the runner's --seed
  UserScript user{"alice@example.com", "wonderland", std::nullopt, Decision::kAllow};
  std::vector<ScenarioAction> actions;  // default: one connect
  std::vector<ScenarioFault> faults;
  Expectations expected;            // steps not listed: pass
  std::vector<std::string> checks;  // names from check_registry.h
};

// A malformed scenario: what() names the file, the key as a JSON pointer (e.g.
// /expect/steps/11) and what was expected. Executables exit 2.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A document holds one scenario object or an array of them.
std::vector<ScenarioSpec> parse_scenarios(const nlohmann::json& j, const std::string& source);
// Parses text (bad JSON is a ScenarioError too).
std::vector<ScenarioSpec> parse_scenario_text(const std::string& text, const std::string& source);
std::vector<ScenarioSpec> load_scenario_file(const std::string& path);

}  // namespace oauthsim::scenario
