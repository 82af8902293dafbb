#pragma once
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

namespace oauthsim::common {

// Source of unpredictable bytes. Production uses OpenSSL's RAND_bytes; tests and scenario
// worlds use a seeded generator so a run can be replayed byte for byte.
class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(unsigned char* out, std::size_t n) = 0;

  // n random bytes as unpadded base64url: 32 bytes (256 bits) gives 43 characters.
  std::string token(std::size_t n_bytes = 32);
};

class OpenSslRandom final : public Random {
 public:
  void fill(unsigned char* out, std::size_t n) override;  // throws std::runtime_error on failure
};

// Deterministic: SHA-256(seed || counter) blocks. Not for production secrets.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : seed_(seed) {}
  void fill(unsigned char* out, std::size_t n) override;

 private:
  std::mutex mu_;
  std::uint64_t seed_;
  std::uint64_t counter_ = 0;
};

}  // namespace oauthsim::common
