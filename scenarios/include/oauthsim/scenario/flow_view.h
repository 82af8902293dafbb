#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/common/config.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::scenario {

// Words the mock authorization server puts in its trace notes; the checks read them.
namespace notes {
inline constexpr std::string_view kConsentShown = "consent form shown";
inline constexpr std::string_view kLoginSucceeded = "login accepted";
inline constexpr std::string_view kLoginRefused = "login refused";
}  // namespace notes

// SR's paths on the mock servers.
namespace paths {
inline constexpr std::string_view kAuthorize = "/identity/oauth/allow";
inline constexpr std::string_view kLogin = "/identity/oauth/login";
inline constexpr std::string_view kConsent = "/identity/oauth/consent";
inline constexpr std::string_view kToken = "/identity/oauth/token";
}  // namespace paths

// One flow's trace, indexed for the checks: who saw what, in order. Checks judge only this
// (what the parties observed on the wire), so the same checks grade any client.
class FlowView {
 public:
  FlowView(std::vector<common::TraceEntry> entries, const common::ClientConfig* client);

  const std::vector<common::TraceEntry>& entries() const { return entries_; }
  const common::ClientConfig* client() const { return client_; }

  using Match = std::function<bool(const common::TraceEntry&)>;
  std::vector<const common::TraceEntry*> all(const Match& m) const;
  const common::TraceEntry* first(const Match& m) const;
  const common::TraceEntry* last(const Match& m) const;

  // Entries recorded by `observer` for requests to `path` (any method when method is empty).
  static Match seen_by(std::string_view observer, std::string_view method, std::string_view path);

  // Token endpoint requests of one grant type, as the authorization server saw them.
  std::vector<const common::TraceEntry*> token_requests(std::string_view grant_type) const;
  // The authorization server's answer that sends the user agent back to the client: the last
  // redirect from the authorization or consent endpoint carrying a code or an error.
  const common::TraceEntry* redirect_back() const;
  // The authorization request as the authorization server saw it.
  const common::TraceEntry* authorization_request() const;
  // Customer API requests, as the resource server saw them.
  std::vector<const common::TraceEntry*> api_requests() const;

 private:
  std::vector<common::TraceEntry> entries_;
  const common::ClientConfig* client_;
};

// Query parameters of a (redacted) Location header; empty when there is none.
common::Params location_params(const common::TraceEntry& e);
std::string location_without_query(const common::TraceEntry& e);
bool note_has(const common::TraceEntry& e, std::string_view word);
// The value of attribute `name` in a WWW-Authenticate challenge, e.g. error="invalid_token".
std::optional<std::string> challenge_attribute(std::string_view challenge, std::string_view name);

}  // namespace oauthsim::scenario
