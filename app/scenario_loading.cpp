#include "scenario_loading.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::app {

std::vector<std::string> scenario_files(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.path().extension() == ".json" && !entry.is_directory(ec)) {
      files.push_back(entry.path().string());
    }
  }
  if (ec) throw scenario::ScenarioError(path + ": cannot list the directory: " + ec.message());
  if (files.empty()) throw scenario::ScenarioError(path + ": the directory holds no *.json file");
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<scenario::ScenarioSpec> load_scenarios(const std::vector<std::string>& paths) {
  if (paths.empty()) return scenario::builtin_scenarios();
  std::vector<scenario::ScenarioSpec> specs;
  std::set<std::string> names;
  for (const auto& path : paths) {
    for (const auto& file : scenario_files(path)) {
      for (auto& spec : scenario::load_scenario_file(file)) {
        // Reports key results by name: two scenarios with one name would be indistinguishable.
        if (!names.insert(spec.name).second) {
          throw scenario::ScenarioError(file + ": /name: scenario name '" + spec.name +
                                        "' is already used by an earlier scenario");
        }
        specs.push_back(std::move(spec));
      }
    }
  }
  return specs;
}

}  // namespace oauthsim::app
