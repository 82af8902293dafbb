#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace oauthsim::rs {

// A query parameter the API cannot use; answered 400 with the parameter's name.
class BadParameter : public std::runtime_error {
 public:
  BadParameter(std::string parameter, const std::string& message)
      : std::runtime_error(message), parameter_(std::move(parameter)) {}
  const std::string& parameter() const { return parameter_; }

 private:
  std::string parameter_;
};

inline constexpr int kDefaultLimit = 10;
inline constexpr int kMaxLimit = 100;

// limit: absent -> 10; otherwise decimal digits only, 1..100. Throws BadParameter("limit").
int parse_limit(const std::optional<std::string>& raw);
// offset: absent -> 0; otherwise decimal digits only, at most 1e9. Throws BadParameter("offset").
std::size_t parse_offset(const std::optional<std::string>& raw);

// [begin, end) of the items an offset page shows (empty past the end).
struct Slice {
  std::size_t begin = 0;
  std::size_t end = 0;
};
Slice offset_slice(std::size_t total, std::size_t offset, int limit);

// Cursor pages: the pageId names the first candidate of the next page, wrapped so clients
// treat it as opaque. decode returns nullopt for anything encode did not produce.
std::string encode_page_id(std::string_view first_id);
std::optional<std::string> decode_page_id(std::string_view page_id);

}  // namespace oauthsim::rs
