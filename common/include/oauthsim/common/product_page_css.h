#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

namespace oauthsim::common {

// The stylesheet of every page a browser is shown: the mock SmartRecruiters sign-in, consent and
// error pages, and the reference vendor app. Inlined in each page (no request for a stylesheet,
// no JavaScript): the system font stack, a header, a "mock" banner, labelled fields, primary
// (button.primary, button[value=allow]) and secondary (button[value=deny], .secondary) buttons,
// visible keyboard focus, one column at phone width. body.sr and body.vendor pick the accent.
std::string_view product_page_css();

// A whole page a browser is shown: the shared head (charset, viewport, the stylesheet inlined)
// titled with the `title` parts, then the `body` parts (from <body> to the end of the document),
// joined once into a string sized for them all: the login, consent and app pages are served in
// every flow. The parts are HTML: the caller escapes what needs it.
std::string product_page(std::initializer_list<std::string_view> title,
                         std::initializer_list<std::string_view> body);

}  // namespace oauthsim::common
