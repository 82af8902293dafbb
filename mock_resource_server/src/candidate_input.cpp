#include "oauthsim/rs/candidate_input.h"

#include <nlohmann/json.hpp>

#include "oauthsim/common/json_limits.h"

namespace oauthsim::rs {
namespace {

std::string required_string(const nlohmann::json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    throw InvalidBody(field, std::string(field) + " is required");
  }
  if (!it->is_string()) throw InvalidBody(field, std::string(field) + " must be a string");
  auto value = it->get<std::string>();
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InvalidBody(field, std::string(field) + " must not be empty");
  }
  if (value.size() > kMaxFieldLength) {
    throw InvalidBody(field, std::string(field) + " is longer than " +
                                 std::to_string(kMaxFieldLength) + " characters");
  }
  return value;
}

}  // namespace

bool looks_like_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') return false;
  }
  auto domain = s.substr(at + 1);
  auto dot = domain.rfind('.');
  // "a@b.c": a dot inside the domain with something on both sides.
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() &&
         domain.front() != '.';
}

CandidateInput parse_candidate_input(std::string_view body) {
  std::string error;
  auto j = common::parse_bounded_json(body, &error);
  if (j.is_discarded()) {
    throw InvalidBody("", error == "malformed JSON" ? "The request body is not valid JSON"
                                                    : "The request body is " + error);
  }
  if (!j.is_object()) throw InvalidBody("", "The request body must be a JSON object");

  CandidateInput in;
  in.first_name = required_string(j, "firstName");
  in.last_name = required_string(j, "lastName");
  in.email = required_string(j, "email");
  if (!looks_like_email(in.email)) {
    throw InvalidBody("email", "email must be an e-mail address like name@example.com");
  }
  if (auto it = j.find("phoneNumber"); it != j.end() && !it->is_null()) {
    if (!it->is_string()) throw InvalidBody("phoneNumber", "phoneNumber must be a string");
    in.phone_number = it->get<std::string>();
    if (in.phone_number.size() > kMaxFieldLength) {
      throw InvalidBody("phoneNumber", "phoneNumber is longer than " +
                                           std::to_string(kMaxFieldLength) + " characters");
    }
  }
  return in;
}

}  // namespace oauthsim::rs
