// The user agent's HTML form reader: every page it receives (login, consent, a vendor's own
// pages) is read for forms. It promises never to throw and to run in time linear in the input.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "oauthsim/common/ascii.h"
#include "oauthsim/scenario/browser/html_form.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim::scenario;
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const auto forms = parse_forms(html);
  for (const auto& f : forms) {
    FUZZ_CHECK(oauthsim::common::ascii_lower(f.method) == f.method, f.method);
    FUZZ_CHECK(f.fields.items().size() <= size, "more fields than bytes");
    FUZZ_CHECK(f.password_field.empty() || f.has_password_field, f.password_field);
    for (const auto& [name, value] : f.buttons) (void)f.has_button(name, value);
    (void)f.fields.encode();
  }
  const std::string decoded = decode_html_entities(html);
  // Every entity is at least as long as what it stands for, except &#NN; of a code point whose
  // UTF-8 takes more bytes than the digits: at most 4 bytes for a 4-byte entity "&#N;".
  FUZZ_CHECK(decoded.size() <= size * 2, "entity decoding blew up");
  return 0;
}
