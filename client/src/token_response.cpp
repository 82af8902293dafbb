#include "token_response.h"

#include <limits>

#include <nlohmann/json.hpp>

#include "oauthsim/client/client_error.h"
#include "oauthsim/common/ascii.h"

namespace oauthsim::client::detail {
namespace {

using common::iequals;

using json = nlohmann::json;

ClientError invalid(const std::string& why) {
  return ClientError(ClientError::Kind::kInvalidTokenResponse,
                     "token endpoint answered 200 but " + why);
}

// expires_in is a number of seconds; some servers send it as a numeric string.
std::optional<std::int64_t> expires_in_seconds(const json& j) {
  auto it = j.find("expires_in");
  if (it == j.end() || it->is_null()) return std::nullopt;
  std::int64_t seconds = 0;
  if (it->is_number_integer()) {
    seconds = it->get<std::int64_t>();
  } else if (it->is_number_float()) {
    seconds = static_cast<std::int64_t>(it->get<double>());
  } else if (it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    std::size_t used = 0;
    try {
      seconds = std::stoll(s, &used);
    } catch (const std::exception&) {
      throw invalid("its expires_in is not a number");
    }
    if (used != s.size()) throw invalid("its expires_in is not a number");
  } else {
    throw invalid("its expires_in is not a number");
  }
  if (seconds < 0) throw invalid("its expires_in is negative");
  return seconds;
}

std::string string_field(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw invalid(std::string("its ") + name + " is not a string");
  return it->get<std::string>();
}

}  // namespace

TokenSet parse_token_response(std::string_view body, std::int64_t now_ms,
                              const std::string& fallback_scope) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) throw invalid("the body is not a JSON object");

  TokenSet t;
  t.access_token = string_field(j, "access_token");
  if (t.access_token.empty()) throw invalid("without an access_token");
  t.token_type = string_field(j, "token_type");
  // RFC 6749 7.1: the type is case insensitive; this client only knows how to use Bearer.
  if (!iequals(t.token_type, "Bearer")) {
    throw invalid(t.token_type.empty()
                      ? std::string("without a token_type")
                      : "with token_type '" + t.token_type.substr(0, 32) + "' instead of Bearer");
  }
  t.token_type = "Bearer";
  t.refresh_token = string_field(j, "refresh_token");
  t.scope = string_field(j, "scope");
  if (!j.contains("scope")) t.scope = fallback_scope;
  if (auto seconds = expires_in_seconds(j)) {
    const std::int64_t max_seconds = (std::numeric_limits<std::int64_t>::max() - now_ms) / 1000;
    t.expires_at_ms = *seconds >= max_seconds ? TokenSet::kNoExpiry : now_ms + *seconds * 1000;
  }
  return t;
}

TokenSet read_token_answer_unchecked(std::string_view content_type, std::string_view body,
                                     const std::string& fallback_scope) {
  TokenSet t;
  t.token_type = "Bearer";
  t.scope = fallback_scope;
  if (content_type.substr(0, content_type.find(';')) != "application/json") return t;
  const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return t;
  auto text = [&j](const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  t.access_token = text("access_token");
  t.refresh_token = text("refresh_token");
  return t;
}

std::optional<OAuthErrorBody> parse_error_body(std::string_view body) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  auto error = j.find("error");
  if (error == j.end() || !error->is_string()) return std::nullopt;
  OAuthErrorBody e;
  e.error = error->get<std::string>();
  auto description = j.find("error_description");
  if (description != j.end() && description->is_string())
    e.description = description->get<std::string>();
  return e;
}

std::string describe(const OAuthErrorBody& e) {
  auto clean = [](const std::string& s, std::size_t max) {
    std::string out;
    for (char c : s) {
      if (out.size() >= max) {
        out += "...";
        break;
      }
      out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    }
    return out;
  };
  std::string text = clean(e.error, 64);
  if (!e.description.empty()) text += " (" + clean(e.description, 200) + ")";
  return text;
}

}  // namespace oauthsim::client::detail
