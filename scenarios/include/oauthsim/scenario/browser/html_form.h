#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "oauthsim/common/encoding.h"

namespace oauthsim::scenario {

// One <form> as a browser would submit it, read from HTML the user agent received.
struct HtmlForm {
  std::string id;
  std::string method = "get";  // lower case; "get" when absent, as in HTML
  std::string action;          // entity-decoded but not resolved; empty means the page URL
  // Successful controls in document order, values entity-decoded: inputs with a name (checkboxes
  // and radios only when checked), textareas, selects. Submit buttons are not here.
  common::Params fields;
  // Submit buttons with a name (<button> without type, type=submit, <input type=submit|image>).
  std::vector<std::pair<std::string, std::string>> buttons;
  bool has_password_field = false;
  // Name of the first password input, and of the input a user name would be typed into (one
  // named username/email/login/user, else the first text or email input); empty when none.
  std::string password_field;
  std::string username_field;

  bool has_button(std::string_view name) const;
  bool has_button(std::string_view name, std::string_view value) const;
};

// Reads every form in `html`. Tolerant the way browsers are: any attribute order and quoting,
// case-insensitive names, self-closing tags, unclosed forms, comments and scripts skipped.
// Never throws and runs in time linear in the input (it is fuzzed).
std::vector<HtmlForm> parse_forms(std::string_view html);

// &amp; &lt; &gt; &quot; &apos; &#39; &nbsp; &#NN; &#xHH;. Anything else stays as written.
std::string decode_html_entities(std::string_view s);

}  // namespace oauthsim::scenario
