// Configuration files (`--config FILE`): JSON read strictly, every mistake a ConfigError naming
// the key. A configuration that loads must survive config_to_json and load again unchanged.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "oauthsim/common/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim::common;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return 0;
  Config config;
  try {
    config = parse_config(j, "fuzz.json");
  } catch (const ConfigError& e) {
    FUZZ_CHECK(std::string_view(e.what()).rfind("fuzz.json", 0) == 0, e.what());
    return 0;
  }
  nlohmann::json printed;
  try {
    printed = config_to_json(config);
  } catch (const nlohmann::json::exception& e) {
    // Keys and values that are not UTF-8 cannot be printed as JSON; they also could not have
    // been read from a JSON file, which nlohmann validates.
    oauthsim::fuzz::fail("a loaded configuration cannot be printed", e.what());
  }
  try {
    const Config again = parse_config(printed, "printed.json");
    FUZZ_CHECK(config_to_json(again) == printed, "configuration changed across print/load");
  } catch (const ConfigError& e) {
    oauthsim::fuzz::fail("a printed configuration does not load", e.what());
  }
  return 0;
}
