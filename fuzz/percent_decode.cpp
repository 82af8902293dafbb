// Percent-decoding and the base64 codecs that read what a client sends (Basic credentials,
// PKCE verifiers and challenges), each against its encoder.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "oauthsim/common/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim::common;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  for (const bool plus_as_space : {true, false}) {
    const auto decoded = url_decode(input, plus_as_space);
    if (!decoded) continue;
    FUZZ_CHECK(decoded->size() <= input.size(), "decoding grew the text");
    // Encoding then decoding is the identity, whatever bytes came out.
    const auto again = url_decode(url_encode(*decoded), plus_as_space);
    FUZZ_CHECK(again && *again == *decoded, "url_encode/url_decode round trip");
  }
  if (const auto b = base64_decode(input)) {
    const auto again = base64_decode(base64_encode(*b));
    FUZZ_CHECK(again && *again == *b, "base64 round trip");
  }
  if (const auto b = base64url_decode(input)) {
    const auto again = base64url_decode(base64url_encode(*b));
    FUZZ_CHECK(again && *again == *b, "base64url round trip");
  }
  // Any bytes encode to something that decodes back to them.
  const std::string bytes(input);
  FUZZ_CHECK(base64_decode(base64_encode(bytes)) == bytes, "base64 of arbitrary bytes");
  FUZZ_CHECK(base64url_decode(base64url_encode(bytes)) == bytes, "base64url of arbitrary bytes");
  FUZZ_CHECK(url_decode(url_encode(bytes), false) == bytes, "percent-encoding of arbitrary bytes");
  return 0;
}
