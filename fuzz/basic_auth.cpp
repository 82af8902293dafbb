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

using namespace oauthsim;

// A secret no refusal text contains by chance: the request is sent again with this secret in
// place of the presented one, and no answer may show it. (Looking for the fuzzer's own secret
// in the answer would flag any secret that happens to be a piece of a refusal's wording.)
constexpr std::string_view kMarker = "Marker-Secret-7f3a91";

const common::Config& config() {
  static const common::Config c = common::default_config();
  return c;
}

// Every refusal the endpoint would give; "" when the client authenticates.
std::string refusal(const common::Params& form, const std::optional<std::string>& authorization) {
  try {
    const auto creds = authz::extract_client_credentials(form, authorization);
    FUZZ_CHECK(!creds.client_id.empty(), "credentials without a client id");
    const common::ClientConfig& client = authz::authenticate_client(config(), creds);
    FUZZ_CHECK(client.client_id == creds.client_id, client.client_id);
    FUZZ_CHECK(common::constant_time_equals(client.client_secret, creds.client_secret),
               "authenticated with the wrong secret");
    return "";
  } catch (const common::OAuthError& e) {
    FUZZ_CHECK(e.error() == "invalid_request" || e.error() == "invalid_client", e.error());
    FUZZ_CHECK(!e.description().empty(), "a refusal must say why");
    return e.description();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nl = input.find('\n');
  const std::string header(input.substr(0, nl));
  const std::string_view body = nl == std::string_view::npos ? "" : input.substr(nl + 1);
  const auto form = common::parse_params(body);
  if (!form) return 0;  // malformed forms are form_query's target
  std::optional<std::string> authorization;
  if (!header.empty()) authorization = header;
  (void)refusal(*form, authorization);

  // The same request with the marker as the form's secret.
  if (form->has("client_secret")) {
    common::Params marked;
    for (const auto& [name, value] : form->items()) {
      marked.add(name, name == "client_secret" ? std::string(kMarker) : value);
    }
    const std::string text = refusal(marked, authorization);
    FUZZ_CHECK(text.find(kMarker) == std::string::npos, text);
  }
  // The same request with the marker as the Basic secret.
  try {
    const auto creds = authz::extract_client_credentials(*form, authorization);
    if (creds.used_basic) {
      const std::string marked = common::basic_authorization(creds.client_id, std::string(kMarker));
      const std::string text = refusal(*form, marked);
      FUZZ_CHECK(text.find(kMarker) == std::string::npos, text);
      const std::string traced = common::redact_header("Authorization", marked);
      FUZZ_CHECK(traced.find(kMarker) == std::string::npos, traced);
    }
  } catch (const common::OAuthError&) {
  }
  (void)common::redact_header("Authorization", header);
  return 0;
}
