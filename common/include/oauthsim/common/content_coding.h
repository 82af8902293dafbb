#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace oauthsim::common {

// A body with its Content-Encoding undone, or why that was impossible.
struct DecodedContent {
  std::optional<std::string> body;  // nullopt: see error
  std::string error;                // e.g. "unsupported Content-Encoding: zstd"
};

// Undoes a Content-Encoding (RFC 9110 8.4.1): gzip (and x-gzip), deflate (zlib-wrapped as the
// RFC says, or raw as some servers send it), br and identity; a list ("gzip, br") was applied
// left to right and is undone right to left. Names are case-insensitive. A decoded body larger
// than `max_size` is refused, so a small hostile body cannot make the recorder allocate without
// bound. Vendor HTTP stacks ask for compression by default and real servers answer compressed:
// whoever records what was on the wire must see through it.
DecodedContent decode_content(std::string_view content_encoding, std::string_view body,
                              std::size_t max_size = std::size_t{8} << 20);

}  // namespace oauthsim::common
