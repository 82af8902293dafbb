// POST /identity/oauth/token in-process, as the route answers it: form reading, client
// authentication, the repeated-parameter check and the three grant handlers, over stores that
// hold a live code, a PKCE code and a refresh token.
// Input: the Authorization header line (empty: none), the Content-Type line (empty: the form
// type), then the body. {code}, {pkce_code}, {verifier}, {refresh_token} and {access_token}
// stand for the credentials the stores hold, so the fuzzer reaches the grants' success paths.
#include <cstdint>
#include <string>
#include <string_view>

#include "authz_world.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string authorization(fuzz::next_line(rest));
  std::string content_type(fuzz::next_line(rest));
  if (content_type.empty()) content_type = "application/x-www-form-urlencoded";
  std::string body(rest);

  fuzz::AuthzWorld world;
  const auto held = world.hand_out();
  fuzz::replace_all(body, "{code}", held.code);
  fuzz::replace_all(body, "{pkce_code}", held.pkce_code);
  fuzz::replace_all(body, "{verifier}", held.verifier);
  fuzz::replace_all(body, "{refresh_token}", held.refresh_token);
  fuzz::replace_all(body, "{access_token}", held.access_token);

  std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", content_type}};
  if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
  const fuzz::Answer a = world.call("POST", authz::paths::kToken, headers, body);

  // 413: a form over the size or field-count limit is refused before it is decoded.
  FUZZ_CHECK(a.status == 200 || a.status == 400 || a.status == 401 || a.status == 413,
             std::to_string(a.status));
  fuzz::check_no_secret_shown(a, body);
  if (a.status != 200) return 0;
  const auto j = nlohmann::json::parse(a.body, nullptr, false);
  FUZZ_CHECK(j.is_object() && j.contains("access_token") && j.value("token_type", "") == "Bearer",
             a.body);
  // The second redemption of a code, or of a refresh token, never succeeds (RFC 6749 4.1.2,
  // SR: refresh tokens are one-time use).
  const fuzz::Answer again = world.call("POST", authz::paths::kToken, headers, body);
  const auto grant = common::parse_params(body);
  const std::string grant_type = grant ? grant->get_or("grant_type", "") : "";
  if (grant_type == "authorization_code" || grant_type == "refresh_token") {
    FUZZ_CHECK(again.status == 400, "a code or refresh token was redeemed twice: " + again.body);
  }
  return 0;
}
