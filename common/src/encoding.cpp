#include "oauthsim/common/encoding.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>

#include "oauthsim/common/ascii.h"

namespace oauthsim::common {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string b64_encode(std::string_view in, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  const std::size_t rest = in.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (rest == 2) out += alphabet[(v >> 6) & 63];
    if (pad) out.append(rest == 1 ? "==" : "=");
  }
  return out;
}

std::optional<std::string> b64_decode(std::string_view in, const char* alphabet, bool padded) {
  std::array<int, 256> table{};
  table.fill(-1);
  for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(alphabet[i])] = i;
  if (padded) {
    if (in.size() % 4 != 0) return std::nullopt;
    std::size_t pads = 0;
    while (!in.empty() && in.back() == '=' && pads < 2) {
      in.remove_suffix(1);
      ++pads;
    }
  }
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = table[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  // Leftover bits must be zero, or two encodings would decode to the same bytes.
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string url_encode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHexDigits[c >> 4];
      out += kHexDigits[c & 15];
    }
  }
  return out;
}

std::optional<std::string> url_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hex_digit_value(s[i + 1]);
      const int lo = hex_digit_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  return b64_encode(bytes, kB64Url, false);
}
std::optional<std::string> base64url_decode(std::string_view s) {
  return b64_decode(s, kB64Url, false);
}
std::string base64_encode(std::string_view bytes) {
  return b64_encode(bytes, kB64, true);
}
std::optional<std::string> base64_decode(std::string_view s) {
  return b64_decode(s, kB64, true);
}

std::string basic_authorization(std::string_view client_id, std::string_view client_secret) {
  return "Basic " + base64_encode(url_encode(client_id) + ":" + url_encode(client_secret));
}

Sha256Digest sha256_digest(std::string_view data) {
  // Every traced token, client secret comparison and seeded random block hashes, several times
  // per request. OpenSSL 3's one-shot SHA256() looks the algorithm up in the provider store on
  // every call (three quarters of its time for a token-sized input; issue 14), and an EVP
  // context reused across digests still frees and allocates its state each time; the
  // low-level functions do neither.
  Sha256Digest digest{};
  SHA256_CTX ctx;
  // Deprecated since OpenSSL 3 in favour of EVP, for the reasons above.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(digest.data(), &ctx);
#pragma GCC diagnostic pop
  return digest;
}

std::string sha256(std::string_view data) {
  const Sha256Digest digest = sha256_digest(data);
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

std::string hex(std::string_view bytes) {
  static constexpr char kLower[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kLower[c >> 4];
    out += kLower[c & 15];
  }
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  // Hash both sides first so the comparison runs over equal lengths whatever the input.
  const Sha256Digest ha = sha256_digest(a);
  const Sha256Digest hb = sha256_digest(b);
  return CRYPTO_memcmp(ha.data(), hb.data(), ha.size()) == 0 && a.size() == b.size();
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += len;
  }
  return true;
}

void Params::set(const std::string& name, std::string value) {
  erase(name);
  add(name, std::move(value));
}

void Params::erase(const std::string& name) {
  std::erase_if(items_, [&](const auto& kv) { return kv.first == name; });
}

std::size_t Params::count(std::string_view name) const {
  std::size_t n = 0;
  for (const auto& kv : items_) n += kv.first == name ? 1 : 0;
  return n;
}

const std::string* Params::find(std::string_view name) const {
  for (const auto& kv : items_) {
    if (kv.first == name) return &kv.second;
  }
  return nullptr;
}

std::optional<std::string> Params::get(std::string_view name) const {
  const std::string* v = find(name);
  return v ? std::optional<std::string>(*v) : std::nullopt;
}

std::string Params::get_or(std::string_view name, std::string fallback) const {
  const std::string* v = find(name);
  return v ? *v : std::move(fallback);
}

std::string Params::encode() const {
  std::string out;
  for (const auto& [k, v] : items_) {
    if (!out.empty()) out += '&';
    out += url_encode(k);
    out += '=';
    out += url_encode(v);
  }
  return out;
}

std::optional<Params> parse_params(std::string_view s, std::string* error) {
  Params out;
  std::size_t fields = 0;
  while (!s.empty()) {
    if (++fields > kMaxParams) {
      if (error) *error = "more than " + std::to_string(kMaxParams) + " parameters";
      return std::nullopt;
    }
    const std::size_t amp = s.find('&');
    const std::string_view piece = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view{} : s.substr(amp + 1);
    if (piece.empty()) continue;
    const std::size_t eq = piece.find('=');
    const std::string_view raw_name = piece.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
    auto name = url_decode(raw_name);
    auto value = url_decode(raw_value);
    // Errors name the parameter, never quote its value: it may be a secret or a token.
    const auto named = [&name] {
      return name && is_valid_utf8(*name) && name->size() <= 64 ? "parameter '" + *name + "'"
                                                                : std::string("a parameter name");
    };
    if (!name || !value) {
      if (error) *error = "malformed percent-escape in " + named();
      return std::nullopt;
    }
    if (!is_valid_utf8(*name) || !is_valid_utf8(*value)) {
      if (error) *error = named() + " is not valid UTF-8";
      return std::nullopt;
    }
    out.add(std::move(*name), std::move(*value));
  }
  return out;
}

}  // namespace oauthsim::common
