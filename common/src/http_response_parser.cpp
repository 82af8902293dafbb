#include "oauthsim/common/http_response_parser.h"

#include <algorithm>
#include <cctype>

#include "oauthsim/common/ascii.h"

namespace oauthsim::common {
namespace {

constexpr std::size_t kMaxChunkSizeLine = 4096;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// RFC 9110 tchar: what a header name may be made of.
// Field values and reason phrases may hold SP, HTAB, visible ASCII and obs-text, nothing else.
bool is_field_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return c == '\t' || (u >= 0x20 && u != 0x7f);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A short, printable rendering of untrusted bytes for an error message.
std::string quoted(std::string_view s, std::size_t max = 60) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  if (s.size() > max) out += "...";
  return out + "\"";
}

std::string size_text(std::size_t n) {
  if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) return std::to_string(n / (1024 * 1024)) + " MiB";
  if (n >= 1024 && n % 1024 == 0) return std::to_string(n / 1024) + " KiB";
  return std::to_string(n) + " bytes";
}

std::optional<std::size_t> parse_content_length(std::string_view s) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), is_digit)) return std::nullopt;
  std::size_t n = 0;
  for (char c : s) n = n * 10 + static_cast<std::size_t>(c - '0');
  return n;
}

}  // namespace

HttpResponseReader::HttpResponseReader(bool head_request, HttpResponseLimits limits)
    : head_request_(head_request), limits_(limits) {}

HttpResponseReader::State HttpResponseReader::feed(std::string_view bytes) {
  if (state_ != State::kNeedMore) return state_;
  if (!bytes.empty()) received_anything_ = true;
  buf_.append(bytes);
  advance();
  compact();
  return state_;
}

HttpResponseReader::State HttpResponseReader::finish() {
  if (state_ != State::kNeedMore) return state_;
  switch (phase_) {
    case Phase::kUntilClose:
    case Phase::kDone:
      state_ = State::kDone;
      phase_ = Phase::kDone;
      return state_;
    case Phase::kHead:
      return fail(received_anything_
                      ? "the connection closed in the middle of the response headers"
                      : "the server closed the connection without sending a response");
    case Phase::kLengthBody:
      return fail("the response body was cut short: got " +
                  std::to_string(content_length_ - body_remaining_) + " of " +
                  std::to_string(content_length_) + " bytes (Content-Length)");
    default:
      return fail("the connection closed in the middle of the chunked response body");
  }
}

HttpResponseReader::State HttpResponseReader::fail(std::string message) {
  state_ = State::kError;
  error_ = std::move(message);
  return state_;
}

std::optional<std::string_view> HttpResponseReader::next_line(std::size_t cap) {
  const auto nl = buf_.find('\n', pos_);
  const std::size_t length = (nl == std::string::npos ? buf_.size() : nl + 1) - pos_;
  if (length > cap) {
    if (phase_ == Phase::kChunkSize) {
      fail("chunk size line longer than " + size_text(kMaxChunkSizeLine));
    } else if (phase_ == Phase::kChunkDataEnd) {
      fail("chunk data is longer than its declared size (no CRLF after it)");
    } else {
      fail("response headers exceed the " + size_text(limits_.max_header_bytes) + " limit");
    }
    return std::nullopt;
  }
  if (nl == std::string::npos) return std::nullopt;
  std::string_view line(buf_.data() + pos_, nl - pos_);
  pos_ = nl + 1;
  if (phase_ == Phase::kHead || phase_ == Phase::kTrailers) head_bytes_ += length;
  // RFC 9112 lets a recipient accept a bare LF as the line terminator.
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

HttpResponseReader::State HttpResponseReader::advance() {
  while (state_ == State::kNeedMore) {
    const std::size_t available = buf_.size() - pos_;
    switch (phase_) {
      case Phase::kHead:
      case Phase::kTrailers: {
        auto line = next_line(limits_.max_header_bytes - head_bytes_);
        if (!line) return state_;
        if (phase_ == Phase::kHead) {
          on_head_line(*line);
        } else if (line->empty()) {
          phase_ = Phase::kDone;  // trailer fields are read and ignored
        }
        break;
      }
      case Phase::kLengthBody:
      case Phase::kChunkData: {
        const std::size_t n = std::min(body_remaining_, available);
        response_.body.append(buf_, pos_, n);
        pos_ += n;
        body_remaining_ -= n;
        if (body_remaining_ > 0) return state_;
        phase_ = phase_ == Phase::kLengthBody ? Phase::kDone : Phase::kChunkDataEnd;
        break;
      }
      case Phase::kChunkDataEnd: {
        auto line = next_line(2);
        if (!line) return state_;
        if (!line->empty()) {
          return fail("chunk data is longer than its declared size (no CRLF after it)");
        }
        phase_ = Phase::kChunkSize;
        break;
      }
      case Phase::kChunkSize: {
        auto line = next_line(kMaxChunkSizeLine);
        if (!line) return state_;
        on_chunk_size_line(*line);
        break;
      }
      case Phase::kUntilClose:
        if (response_.body.size() + available > limits_.max_body_bytes) {
          return fail("response body exceeds the " + size_text(limits_.max_body_bytes) + " limit");
        }
        response_.body.append(buf_, pos_, available);
        pos_ += available;
        return state_;
      case Phase::kDone:
        state_ = State::kDone;
        break;
    }
  }
  return state_;
}

HttpResponseReader::State HttpResponseReader::on_head_line(std::string_view line) {
  if (!saw_status_line_) {
    // status-line = HTTP-version SP 3DIGIT SP [reason-phrase]; a missing SP before an empty
    // reason is tolerated because many servers send "HTTP/1.1 200".
    const bool ok = line.size() >= 12 && line.substr(0, 7) == "HTTP/1." && is_digit(line[7]) &&
                    line[8] == ' ' && is_digit(line[9]) && is_digit(line[10]) &&
                    is_digit(line[11]) && (line.size() == 12 || line[12] == ' ') &&
                    std::all_of(line.begin(), line.end(), is_field_char);
    if (!ok) return fail("malformed status line " + quoted(line));
    const int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (status < 100 || status > 599) return fail("status code out of range in " + quoted(line));
    response_.status = status;
    saw_status_line_ = true;
    return state_;
  }
  if (line.empty()) return on_head_complete();
  if (line.front() == ' ' || line.front() == '\t') {
    return fail("obsolete line folding (obs-fold) in the response headers is not supported");
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return fail("malformed header line without a colon: " + quoted(line, 30));
  }
  const std::string_view name = line.substr(0, colon);
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_http_token_char)) {
    return fail("malformed header name " + quoted(name, 40));
  }
  // Values are never quoted in errors: Set-Cookie and friends may carry secrets.
  const std::string_view value = trim(line.substr(colon + 1));
  if (!std::all_of(value.begin(), value.end(), is_field_char)) {
    return fail("header " + std::string(name) + " has a control character in its value");
  }
  response_.headers.add(std::string(name), std::string(value));
  return state_;
}

HttpResponseReader::State HttpResponseReader::on_head_complete() {
  head_bytes_ = 0;
  const int status = response_.status;
  if (status < 200) {
    if (status == 101) return fail("101 Switching Protocols is not supported");
    if (++interim_responses_ > limits_.max_interim_responses) {
      return fail("more than " + std::to_string(limits_.max_interim_responses) +
                  " interim 1xx responses");
    }
    response_ = HttpResponse{};
    saw_status_line_ = false;
    return state_;
  }
  if (head_request_ || status == 204 || status == 304) {
    phase_ = Phase::kDone;
    return state_;
  }
  std::optional<std::string> transfer_encoding;
  std::optional<std::size_t> content_length;
  for (const auto& [name, value] : response_.headers.items()) {
    if (iequals(name, "Transfer-Encoding")) {
      if (transfer_encoding) return fail("more than one Transfer-Encoding header");
      transfer_encoding = value;
    } else if (iequals(name, "Content-Length")) {
      auto n = parse_content_length(value);
      if (!n) return fail("invalid Content-Length " + quoted(value, 30));
      if (content_length && *content_length != *n)
        return fail("conflicting Content-Length headers");
      content_length = n;
    }
  }
  if (transfer_encoding) {
    // Both framings at once is the classic response-smuggling shape; refusing is safest.
    if (content_length) return fail("response has both Transfer-Encoding and Content-Length");
    if (!iequals(*transfer_encoding, "chunked")) {
      return fail("unsupported Transfer-Encoding " + quoted(*transfer_encoding, 40) +
                  " (only chunked is supported)");
    }
    phase_ = Phase::kChunkSize;
  } else if (content_length) {
    if (*content_length > limits_.max_body_bytes) {
      return fail("response body of " + std::to_string(*content_length) + " bytes exceeds the " +
                  size_text(limits_.max_body_bytes) + " limit");
    }
    content_length_ = body_remaining_ = *content_length;
    response_.body.reserve(*content_length);
    phase_ = *content_length == 0 ? Phase::kDone : Phase::kLengthBody;
  } else {
    phase_ = Phase::kUntilClose;
  }
  return state_;
}

HttpResponseReader::State HttpResponseReader::on_chunk_size_line(std::string_view line) {
  std::size_t size = 0;
  std::size_t i = 0;
  for (; i < line.size() && hex_digit_value(line[i]) >= 0; ++i) {
    if (i >= 15) return fail("chunk size too large");
    size = size * 16 + static_cast<std::size_t>(hex_digit_value(line[i]));
  }
  std::string_view rest = trim(line.substr(i));
  // Chunk extensions (";name=value") carry nothing this client uses.
  if (i == 0 || (!rest.empty() && rest.front() != ';') ||
      !std::all_of(rest.begin(), rest.end(), is_field_char)) {
    return fail("malformed chunk size line " + quoted(line, 40));
  }
  if (response_.body.size() + size > limits_.max_body_bytes) {
    return fail("response body exceeds the " + size_text(limits_.max_body_bytes) + " limit");
  }
  if (size == 0) {
    phase_ = Phase::kTrailers;
    head_bytes_ = 0;
  } else {
    phase_ = Phase::kChunkData;
    body_remaining_ = size;
  }
  return state_;
}

void HttpResponseReader::compact() {
  if (pos_ == 0) return;
  if (pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  } else if (pos_ >= 64 * 1024) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
}

std::optional<HttpResponse> parse_http_response(std::string_view raw, std::string* error,
                                                bool head_request, HttpResponseLimits limits) {
  HttpResponseReader reader(head_request, limits);
  auto state = reader.feed(raw);
  if (state == HttpResponseReader::State::kNeedMore) state = reader.finish();
  if (state == HttpResponseReader::State::kError) {
    if (error) *error = reader.error();
    return std::nullopt;
  }
  return reader.take_response();
}

}  // namespace oauthsim::common
