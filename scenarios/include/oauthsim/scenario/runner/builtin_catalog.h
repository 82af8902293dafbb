#pragma once
#include <string>
#include <utility>
#include <vector>

namespace oauthsim::scenario {

// The scenario files of scenarios/catalog/, compiled in: (file name, JSON text), sorted by file
// name. Generated at build time by scenarios/cmake/embed_catalog.cmake.
std::vector<std::pair<std::string, std::string>> builtin_catalog();

}  // namespace oauthsim::scenario
