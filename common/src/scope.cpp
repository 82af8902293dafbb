#include "oauthsim/common/scope.h"

namespace oauthsim::common {

std::vector<std::string> split_scopes(std::string_view scope) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < scope.size()) {
    while (i < scope.size() && scope[i] == ' ') ++i;
    std::size_t j = i;
    while (j < scope.size() && scope[j] != ' ') ++j;
    if (j > i) out.emplace_back(scope.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string join_scopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

}  // namespace oauthsim::common
