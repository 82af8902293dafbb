#include "oauthsim/common/random.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <vector>

#include "oauthsim/common/encoding.h"

namespace oauthsim::common {

std::string Random::token(std::size_t n_bytes) {
  // Tokens, codes and CSRF values are 32 bytes: drawn on the stack, not the heap.
  std::array<unsigned char, 64> small;
  std::string large;
  unsigned char* bytes = small.data();
  if (n_bytes > small.size()) {
    large.resize(n_bytes);
    bytes = reinterpret_cast<unsigned char*>(large.data());
  }
  fill(bytes, n_bytes);
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes), n_bytes));
}

void OpenSslRandom::fill(unsigned char* out, std::size_t n) {
  while (n > 0) {
    const int chunk = static_cast<int>(std::min<std::size_t>(n, std::numeric_limits<int>::max()));
    if (RAND_bytes(out, chunk) != 1) {
      throw std::runtime_error("OpenSSL RAND_bytes failed: no secure randomness available");
    }
    out += chunk;
    n -= static_cast<std::size_t>(chunk);
  }
}

void SeededRandom::fill(unsigned char* out, std::size_t n) {
  std::lock_guard lock(mu_);
  while (n > 0) {
    unsigned char input[16];
    for (int i = 0; i < 8; ++i) {
      input[i] = static_cast<unsigned char>(seed_ >> (8 * i));
      input[8 + i] = static_cast<unsigned char>(counter_ >> (8 * i));
    }
    ++counter_;
    const Sha256Digest block =
        sha256_digest(std::string_view(reinterpret_cast<char*>(input), sizeof input));
    const std::size_t take = std::min<std::size_t>(n, block.size());
    std::copy_n(block.data(), take, out);
    out += take;
    n -= take;
  }
}

}  // namespace oauthsim::common
