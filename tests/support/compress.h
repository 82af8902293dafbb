#pragma once
// Compressors for tests of the recorders' decoding: bodies as a vendor's HTTP stack or a real
// server would send them.
#include <zlib.h>

#include <brotli/encode.h>
#include <stdexcept>
#include <string>
#include <string_view>

namespace oauthsim::test_support {

// window_bits as zlib reads them: 15 + 16 gzip, 15 zlib-wrapped deflate, -15 raw deflate.
inline std::string zlib_compress(std::string_view data, int window_bits) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

inline std::string gzip(std::string_view data) {
  return zlib_compress(data, 15 + 16);
}
inline std::string deflate_zlib(std::string_view data) {
  return zlib_compress(data, 15);
}
inline std::string deflate_raw(std::string_view data) {
  return zlib_compress(data, -15);
}

inline std::string brotli(std::string_view data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             data.size(), reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data()))) {
    throw std::runtime_error("BrotliEncoderCompress failed");
  }
  out.resize(size);
  return out;
}

}  // namespace oauthsim::test_support
