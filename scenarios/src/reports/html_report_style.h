#pragma once
#include <string_view>

namespace oauthsim::scenario {

// The HTML report's stylesheet, inlined in the page so it opens offline from a CI artifact: the
// system font stack, no @import, no url().
std::string_view html_report_css();

}  // namespace oauthsim::scenario
