#pragma once
#include <string>
#include <vector>

#include "oauthsim/scenario/runner/scenario_file.h"

namespace oauthsim::app {

// The scenario files a path names: the file itself, or every *.json in a directory, sorted.
// Throws scenario::ScenarioError when a directory cannot be listed or holds no *.json.
std::vector<std::string> scenario_files(const std::string& path);

// The scenarios the command line names, or the built-in catalog when it names none. Throws
// scenario::ScenarioError for a malformed file or a scenario name used twice.
std::vector<scenario::ScenarioSpec> load_scenarios(const std::vector<std::string>& paths);

}  // namespace oauthsim::app
