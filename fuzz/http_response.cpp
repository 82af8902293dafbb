// The HTTP/1.x response parser the user agent and the OAuth client read every answer with
// (status line, headers, Content-Length, chunked bodies, 1xx interim responses, read to close).
// The first input byte picks HEAD or not, small or default limits, and where the stream is cut
// into pieces: the reader must reach the same answer however the bytes arrive.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "oauthsim/common/http_response_parser.h"

namespace {

using oauthsim::common::HttpResponse;
using oauthsim::common::HttpResponseLimits;
using oauthsim::common::HttpResponseReader;

struct Outcome {
  HttpResponseReader::State state;
  std::string error;
  HttpResponse response;
};

Outcome read_in_pieces(std::string_view raw, bool head, HttpResponseLimits limits,
                       std::size_t piece) {
  HttpResponseReader reader(head, limits);
  auto state = HttpResponseReader::State::kNeedMore;
  for (std::size_t at = 0; at < raw.size() && state == HttpResponseReader::State::kNeedMore;
       at += piece) {
    state = reader.feed(raw.substr(at, piece));
  }
  if (state == HttpResponseReader::State::kNeedMore) state = reader.finish();
  Outcome out{state, reader.error(), {}};
  if (state == HttpResponseReader::State::kDone) out.response = reader.take_response();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t knobs = data[0];
  const std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool head = (knobs & 1) != 0;
  HttpResponseLimits limits;
  if (knobs & 2) {
    limits.max_header_bytes = 256;
    limits.max_body_bytes = 1024;
    limits.max_interim_responses = 2;
  }
  const std::size_t piece = std::max<std::size_t>(1, knobs >> 2);

  std::string error;
  const auto whole = oauthsim::common::parse_http_response(raw, &error, head, limits);
  const Outcome split = read_in_pieces(raw, head, limits, piece);
  FUZZ_CHECK(whole.has_value() == (split.state == HttpResponseReader::State::kDone),
             whole ? "split read failed: " + split.error : "whole read failed: " + error);
  if (!whole) {
    FUZZ_CHECK(!error.empty(), "a refused response must say why");
    return 0;
  }
  FUZZ_CHECK(whole->status >= 100 && whole->status <= 999, std::to_string(whole->status));
  FUZZ_CHECK(whole->status >= 200, "an interim response was returned as the answer");
  FUZZ_CHECK(whole->body.size() <= limits.max_body_bytes, "body over the limit");
  FUZZ_CHECK(!head || whole->body.empty(), "a HEAD answer has no body");
  FUZZ_CHECK(split.response.status == whole->status &&
                 split.response.headers.items() == whole->headers.items() &&
                 split.response.body == whole->body,
             "the answer depends on how the bytes arrived");
  for (const auto& [name, value] : whole->headers.items()) {
    FUZZ_CHECK(name.find_first_of("\r\n:") == std::string::npos, name);
    FUZZ_CHECK(value.find_first_of("\r\n") == std::string::npos, name);
    (void)whole->header(name);
  }
  return 0;
}
