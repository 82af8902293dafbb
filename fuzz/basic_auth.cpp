// Client authentication as the token, revocation and introspection endpoints read it: the
// Authorization header (RFC 6749 2.3.1 Basic over form-urlencoded id and secret) next to
// client_id/client_secret form fields. Input: the header value, a line break, the form body.
// No refusal and no trace line may show the secret that was presented.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "oauthsim/authz/client_authentication.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/oauth_error.h"
#include "oauthsim/common/trace.h"

namespace {

// The secret is visible in `text` when it is long enough to mean something and is not just
// part of what may be shown (the client id).
bool shows(std::string_view text, std::string_view secret, std::string_view client_id) {
  return secret.size() >= 6 && client_id.find(secret) == std::string_view::npos &&
         text.find(secret) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim;
  static const common::Config config = common::default_config();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nl = input.find('\n');
  const std::string header(input.substr(0, nl));
  const std::string_view body = nl == std::string_view::npos ? "" : input.substr(nl + 1);
  const auto form = common::parse_params(body);
  if (!form) return 0;  // malformed forms are form_query's target

  const std::string traced = common::redact_header("Authorization", header);
  std::optional<std::string> authorization;
  if (!header.empty()) authorization = header;
  try {
    const authz::PresentedCredentials creds =
        authz::extract_client_credentials(*form, authorization);
    FUZZ_CHECK(!creds.client_id.empty(), "credentials without a client id");
    FUZZ_CHECK(!shows(traced, creds.client_secret, creds.client_id), traced);
    try {
      const common::ClientConfig& client = authz::authenticate_client(config, creds);
      FUZZ_CHECK(client.client_id == creds.client_id, client.client_id);
      FUZZ_CHECK(common::constant_time_equals(client.client_secret, creds.client_secret),
                 "authenticated with the wrong secret");
    } catch (const common::OAuthError& e) {
      FUZZ_CHECK(!shows(e.description(), creds.client_secret, creds.client_id), e.description());
    }
  } catch (const common::OAuthError& e) {
    FUZZ_CHECK(e.error() == "invalid_request" || e.error() == "invalid_client", e.error());
    if (const auto secret = form->get("client_secret")) {
      FUZZ_CHECK(!shows(e.description(), *secret, form->get_or("client_id", "")), e.description());
    }
  }
  return 0;
}
