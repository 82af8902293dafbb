#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace oauthsim::rs {

// The body of POST /candidates and POST /jobs/{id}/candidates.
struct CandidateInput {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone_number;  // optional
};

// A request body the API refuses; answered 400 with the field's name ("" for the body itself).
class InvalidBody : public std::runtime_error {
 public:
  InvalidBody(std::string field, const std::string& message)
      : std::runtime_error(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

inline constexpr std::size_t kMaxFieldLength = 255;

// A JSON object with required non-empty strings firstName, lastName, email (which must look like
// an e-mail address) and an optional string phoneNumber; other fields are ignored.
// Throws InvalidBody naming the first field that is wrong.
CandidateInput parse_candidate_input(std::string_view body);

// local@domain.tld with no spaces: enough to catch typos, not a full RFC 5322 parser.
bool looks_like_email(std::string_view s);

}  // namespace oauthsim::rs
