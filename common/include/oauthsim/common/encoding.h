#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oauthsim::common {

// Percent-encoding per RFC 3986 (unreserved characters kept, everything else %XX).
std::string url_encode(std::string_view s);
// Decodes %XX and, for form bodies, '+' as space. Returns nullopt on a malformed escape.
std::optional<std::string> url_decode(std::string_view s, bool plus_as_space = true);

std::string base64url_encode(std::string_view bytes);  // unpadded
std::optional<std::string> base64url_decode(std::string_view s);
std::string base64_encode(std::string_view bytes);  // standard alphabet, padded
std::optional<std::string> base64_decode(std::string_view s);
// "Basic ..." for an Authorization header (RFC 6749 2.3.1): id and secret each encoded before
// they are joined with ':' and base64-encoded, so a ':' in either survives.
std::string basic_authorization(std::string_view client_id, std::string_view client_secret);

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF): what JSON can carry and an HTML page can show.
bool is_valid_utf8(std::string_view s);

std::string sha256(std::string_view data);  // raw 32 bytes
// The same digest without a heap allocation, for hashing on every request.
using Sha256Digest = std::array<unsigned char, 32>;
Sha256Digest sha256_digest(std::string_view data);
std::string hex(std::string_view bytes);

// Compares in time that depends only on the lengths, never on where the first difference is.
bool constant_time_equals(std::string_view a, std::string_view b);

// Ordered name/value pairs from a query string or an x-www-form-urlencoded body.
// Repeated names are kept: OAuth requires refusing a parameter sent twice (RFC 6749 3.1).
class Params {
 public:
  Params() = default;
  Params(std::initializer_list<std::pair<std::string, std::string>> init) : items_(init) {}

  void add(std::string name, std::string value) {
    items_.emplace_back(std::move(name), std::move(value));
  }
  void reserve(std::size_t n) { items_.reserve(n); }
  void set(const std::string& name, std::string value);  // replaces every earlier value
  void erase(const std::string& name);
  bool has(std::string_view name) const { return count(name) > 0; }
  std::size_t count(std::string_view name) const;
  // First value, or nullopt when absent.
  std::optional<std::string> get(std::string_view name) const;
  std::string get_or(std::string_view name, std::string fallback) const;
  // The first value without copying it, or nullptr when absent.
  const std::string* find(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

  // "a=1&b=two%20words": percent-encoded, in insertion order.
  std::string encode() const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct ParseError {
  std::string message;
};

// No OAuth request or page form has more than a few dozen fields.
inline constexpr std::size_t kMaxParams = 256;

// Parses "a=1&b=2" (no leading '?'). More than kMaxParams pieces is an error. Empty pieces are
// skipped; a piece without '=' is a name with an empty value. Returns nullopt (and sets *error) on
// a malformed escape or a name or value that is not UTF-8 once decoded; the error names the
// parameter, never its value.
std::optional<Params> parse_params(std::string_view s, std::string* error = nullptr);

}  // namespace oauthsim::common
