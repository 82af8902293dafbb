#pragma once
#include <string_view>

namespace oauthsim::common {

// The stylesheet of every page a browser is shown: the mock SmartRecruiters sign-in, consent and
// error pages, and the reference vendor app. Inlined in each page (no request for a stylesheet,
// no JavaScript): the system font stack, a header, a "mock" banner, labelled fields, primary
// (button.primary, button[value=allow]) and secondary (button[value=deny], .secondary) buttons,
// visible keyboard focus, one column at phone width. body.sr and body.vendor pick the accent.
std::string_view product_page_css();

}  // namespace oauthsim::common
