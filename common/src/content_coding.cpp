#include "oauthsim/common/content_coding.h"

#include <zlib.h>

#include <brotli/decode.h>
#include <vector>

#include "oauthsim/common/ascii.h"

namespace oauthsim::common {
namespace {

constexpr std::size_t kChunk = 16 * 1024;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// window_bits as zlib reads them: 15 + 32 accepts a zlib or gzip header, -15 raw deflate.
DecodedContent inflate_with(std::string_view body, int window_bits, std::size_t max_size,
                            std::string_view name) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return {std::nullopt, "zlib could not start"};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  std::string out;
  char buf[kChunk];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > max_size) {
      inflateEnd(&z);
      return {std::nullopt, std::string(name) + " body decodes to more than " +
                                std::to_string(max_size) + " bytes"};
    }
    // Z_OK with nothing left to read and room to spare: the stream stopped short.
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
      rc = Z_BUF_ERROR;
      break;
    }
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    return {std::nullopt, "malformed or truncated " + std::string(name) + " body"};
  }
  return {std::move(out), {}};
}

DecodedContent gunzip(std::string_view body, std::size_t max_size) {
  return inflate_with(body, 15 + 32, max_size, "gzip");
}

DecodedContent inflate_deflate(std::string_view body, std::size_t max_size) {
  auto zlib_wrapped = inflate_with(body, 15, max_size, "deflate");
  if (zlib_wrapped.body) return zlib_wrapped;
  auto raw = inflate_with(body, -15, max_size, "deflate");
  return raw.body ? raw : zlib_wrapped;
}

DecodedContent unbrotli(std::string_view body, std::size_t max_size) {
  BrotliDecoderState* s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!s) return {std::nullopt, "brotli could not start"};
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(body.data());
  std::size_t avail_in = body.size();
  std::string out;
  std::uint8_t buf[kChunk];
  BrotliDecoderResult r = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    std::uint8_t* next_out = buf;
    std::size_t avail_out = sizeof buf;
    r = BrotliDecoderDecompressStream(s, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(buf), sizeof buf - avail_out);
    if (out.size() > max_size) {
      BrotliDecoderDestroyInstance(s);
      return {std::nullopt, "br body decodes to more than " + std::to_string(max_size) + " bytes"};
    }
  }
  BrotliDecoderDestroyInstance(s);
  if (r != BROTLI_DECODER_RESULT_SUCCESS) return {std::nullopt, "malformed or truncated br body"};
  return {std::move(out), {}};
}

}  // namespace

DecodedContent decode_content(std::string_view content_encoding, std::string_view body,
                              std::size_t max_size) {
  std::vector<std::string_view> codings;
  while (!content_encoding.empty()) {
    const auto comma = content_encoding.find(',');
    const auto name = trim(content_encoding.substr(0, comma));
    if (!name.empty()) codings.push_back(name);
    if (comma == std::string_view::npos) break;
    content_encoding.remove_prefix(comma + 1);
  }
  std::string current(body);
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    DecodedContent step;
    if (iequals(*it, "identity")) continue;
    if (iequals(*it, "gzip") || iequals(*it, "x-gzip")) {
      step = gunzip(current, max_size);
    } else if (iequals(*it, "deflate")) {
      step = inflate_deflate(current, max_size);
    } else if (iequals(*it, "br")) {
      step = unbrotli(current, max_size);
    } else {
      return {std::nullopt, "unsupported Content-Encoding: " + std::string(*it)};
    }
    if (!step.body) return step;
    current = std::move(*step.body);
  }
  if (current.size() > max_size) {
    return {std::nullopt, "body of " + std::to_string(current.size()) + " bytes exceeds " +
                              std::to_string(max_size)};
  }
  return {std::move(current), {}};
}

}  // namespace oauthsim::common
