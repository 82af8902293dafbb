// Scenario files (`oauthsim run PATH`, `replay`): JSON read strictly into ScenarioSpecs; every
// mistake a ScenarioError naming the file and the key, never a crash or another exception.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "oauthsim/scenario/runner/scenario_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim::scenario;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto specs = parse_scenario_text(text, "fuzz.json");
    for (const auto& spec : specs) FUZZ_CHECK(!spec.name.empty(), "a scenario without a name");
  } catch (const ScenarioError& e) {
    FUZZ_CHECK(std::string(e.what()).rfind("fuzz.json", 0) == 0, e.what());
  }
  return 0;
}
