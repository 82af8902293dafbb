#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// The checks a scenario may add by name ("expect": {"checks": [...]}), beyond the standard ones
// every flow gets. nullptr for a name that is not registered.
std::shared_ptr<const Check> make_extra_check(std::string_view name);
// Every registered name, sorted, for error messages and documentation.
std::vector<std::string> extra_check_names();

// The checks every flow gets (standard_checks()), by name: a scenario may expect some of them
// to fail ("expect": {"failing_checks": [...]}).
bool is_standard_check(std::string_view name);
std::vector<std::string> standard_check_names();

}  // namespace oauthsim::scenario
