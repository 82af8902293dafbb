#pragma once
#include <string>
#include <string_view>

namespace oauthsim::common {

// Escapes & < > " ' so text is safe inside HTML elements and quoted attributes.
std::string html_escape(std::string_view s);

}  // namespace oauthsim::common
