#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "oauthsim/common/http_transport.h"

namespace oauthsim::common {

struct HttpResponseLimits {
  std::size_t max_header_bytes = 64 * 1024;       // per response head (status line + fields)
  std::size_t max_body_bytes = 16 * 1024 * 1024;  // decoded body
  int max_interim_responses = 16;                 // 1xx heads skipped before the final one
};

// Reads one HTTP/1.x response from bytes as they arrive. Header values are kept exactly as sent
// (only surrounding whitespace trimmed, never percent-decoded): OAuth redirects carry
// state/code/error_description whose escapes must survive. Interim 1xx responses are skipped.
class HttpResponseReader {
 public:
  enum class State { kNeedMore, kDone, kError };

  // A response to HEAD has no body whatever its headers say.
  explicit HttpResponseReader(bool head_request = false, HttpResponseLimits limits = {});

  // Consumes more bytes of the stream. Bytes after a complete response are ignored.
  State feed(std::string_view bytes);
  // The peer closed the connection: completes a read-until-close body, else is an error
  // unless the response was already complete.
  State finish();

  State state() const { return state_; }
  const std::string& error() const { return error_; }
  // The response once state() is kDone.
  HttpResponse take_response() { return std::move(response_); }

 private:
  enum class Phase {
    kHead,
    kLengthBody,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailers,
    kUntilClose,
    kDone
  };

  State advance();
  State fail(std::string message);
  // The next complete line without its CR LF, or nullopt when more bytes are needed (or the
  // line broke a limit, then state_ is kError). `cap` bounds the line's length.
  std::optional<std::string_view> next_line(std::size_t cap);
  State on_head_line(std::string_view line);
  State on_head_complete();
  State on_chunk_size_line(std::string_view line);
  void compact();

  bool head_request_;
  HttpResponseLimits limits_;
  State state_ = State::kNeedMore;
  Phase phase_ = Phase::kHead;
  std::string error_;
  std::string buf_;
  std::size_t pos_ = 0;  // first unconsumed byte of buf_
  std::size_t head_bytes_ = 0;
  bool saw_status_line_ = false;
  bool received_anything_ = false;
  int interim_responses_ = 0;
  std::size_t body_remaining_ = 0;  // for kLengthBody and kChunkData
  std::size_t content_length_ = 0;
  HttpResponse response_;
};

// Parses a complete response as read until the server closed the connection. On failure returns
// nullopt and sets *error. Kept separate from any socket so it can be unit tested and fuzzed.
std::optional<HttpResponse> parse_http_response(std::string_view raw, std::string* error,
                                                bool head_request = false,
                                                HttpResponseLimits limits = {});

}  // namespace oauthsim::common
