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
// Cursor pages (SR ended offset paging in 2022): the pageId names the first item of the next page,
// wrapped so clients treat it as opaque. decode returns nullopt for anything encode did not
// produce.
std::string encode_page_id(std::string_view first_id);
std::optional<std::string> decode_page_id(std::string_view page_id);

}  // namespace oauthsim::rs
