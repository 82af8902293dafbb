#include "oauthsim/rs/paging.h"

#include "oauthsim/common/encoding.h"

namespace oauthsim::rs {
namespace {

// Digits only (no sign, space or exponent) and at most 9 of them, so no overflow is possible.
std::optional<long> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

constexpr std::string_view kPagePrefix = "sr-page:";

}  // namespace

int parse_limit(const std::optional<std::string>& raw) {
  if (!raw) return kDefaultLimit;
  auto v = parse_decimal(*raw);
  if (!v || *v < 1 || *v > kMaxLimit) {
    throw BadParameter("limit", "limit must be an integer from 1 to " + std::to_string(kMaxLimit));
  }
  return static_cast<int>(*v);
}

std::string encode_page_id(std::string_view first_id) {
  std::string raw(kPagePrefix);
  raw += first_id;
  return common::base64url_encode(raw);
}

std::optional<std::string> decode_page_id(std::string_view page_id) {
  if (page_id.empty() || page_id.size() > 512) return std::nullopt;
  auto raw = common::base64url_decode(page_id);
  if (!raw || raw->size() <= kPagePrefix.size() ||
      raw->compare(0, kPagePrefix.size(), kPagePrefix) != 0) {
    return std::nullopt;
  }
  return raw->substr(kPagePrefix.size());
}

}  // namespace oauthsim::rs
