#pragma once
#include <string>
#include <string_view>

namespace oauthsim::scenario {

// Escapes text for an XML 1.0 document. Evidence and traces carry whatever a party sent on the
// wire, so anything XML 1.0 cannot hold (control characters other than tab and newlines,
// malformed UTF-8, surrogates, U+FFFE/U+FFFF) becomes U+FFFD instead of breaking the report.

// Character data between tags: escapes & < > (and \r, which parsers would otherwise fold).
std::string xml_text(std::string_view text);
// An attribute value in double or single quotes: also escapes " ' and tab/newlines, which
// attribute normalisation would otherwise turn into spaces.
std::string xml_attribute(std::string_view text);

}  // namespace oauthsim::scenario
