// Checks of steps 1-6: the front channel, as the user agent and the authorization server saw it.
#include <algorithm>

#include "oauthsim/scenario/judging/standard_checks.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
namespace party = common::party;

}  // namespace

std::optional<CheckResult> ConnectRedirectsToAuthorizationEndpoint::evaluate(
    const FlowView& flow) const {
  auto* e = flow.first([](const TraceEntry& t) {
    return t.observer == party::kUserAgent && t.to == party::kClient;
  });
  if (!e) return std::nullopt;
  const std::string target = location_without_query(*e);
  const bool ok = e->status / 100 == 3 && target.ends_with(paths::kAuthorize);
  return ok ? pass("302 to " + target, e)
            : fail("expected a redirect to the authorization endpoint; got " +
                       std::to_string(e->status) + (target.empty() ? "" : " to " + target),
                   e);
}

std::optional<CheckResult> AuthorizationRequestNamesClientAndRedirectUri::evaluate(
    const FlowView& flow) const {
  auto* e = flow.authorization_request();
  if (!e) return std::nullopt;
  std::vector<std::string> missing;
  for (const char* p : {"client_id", "redirect_uri"}) {
    if (!e->query.has(p)) missing.emplace_back(p);
  }
  if (missing.empty()) return pass("client_id and redirect_uri present", e);
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
  return fail("missing: " + list, e);
}

std::optional<CheckResult> StateCarriesAtLeast128Bits::evaluate(const FlowView& flow) const {
  auto* e = flow.authorization_request();
  if (!e) return std::nullopt;
  auto state = e->query.get("state");
  if (!state || state->empty())
    return fail("no state parameter: the callback cannot be tied to the user", e);
  // Upper bound on the entropy the encoding can carry: 4 bits per hex digit, 6 otherwise.
  const bool hex_only = std::all_of(state->begin(), state->end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
  const std::size_t bits = state->size() * (hex_only ? 4 : 6);
  const std::string what =
      std::to_string(state->size()) + " characters, at most " + std::to_string(bits) + " bits";
  return bits >= 128 ? pass(what, e) : fail("expected at least 128 bits; state has " + what, e);
}

std::optional<CheckResult> UnregisteredRedirectUriIsNeverRedirectedTo::evaluate(
    const FlowView& flow) const {
  auto* e = flow.authorization_request();
  if (!e) return std::nullopt;
  const auto* client = flow.client();
  const auto requested = e->query.get("redirect_uri");
  // Without the registration of the client the request names, only an error page can be judged:
  // it must not redirect anywhere.
  if (!client || !requested || e->query.get_or("client_id", "") != client->client_id) {
    if (e->status != 400) return std::nullopt;
    const auto loc = e->response_headers.get("Location");
    return loc ? fail("the error page also redirected to " + *loc, e)
               : pass("400 error page at the authorization server, no redirect", e);
  }
  const auto& uris = client->redirect_uris;
  if (std::find(uris.begin(), uris.end(), *requested) != uris.end()) return std::nullopt;
  // Any answer of the authorization server sending the browser there (at once, or after login
  // and consent) would deliver a code or an error to a URI the client never registered.
  const std::string target = requested->substr(0, requested->find('?'));
  auto* sent_there = flow.first([&](const TraceEntry& t) {
    return t.observer == party::kAuthorizationServer && t.seq >= e->seq &&
           t.response_headers.has("Location") && location_without_query(t) == target;
  });
  if (sent_there) {
    return fail("the authorization server answered " + std::to_string(sent_there->status) +
                    " with Location " + target + ", a redirect_uri the client never registered",
                sent_there);
  }
  return pass("the unregistered " + target + " was answered " + std::to_string(e->status) +
                  " and never redirected to",
              e);
}

std::optional<CheckResult> LoginSessionCookieIsHttpOnly::evaluate(const FlowView& flow) const {
  auto* e = flow.first([](const TraceEntry& t) {
    return t.observer == party::kAuthorizationServer && t.path == paths::kLogin &&
           has_outcome(t, common::ExchangeOutcome::kLoginAccepted);
  });
  if (!e) return std::nullopt;
  for (const auto& [name, value] : e->response_headers.items()) {
    if (name != "Set-Cookie") continue;
    const bool http_only = value.find("HttpOnly") != std::string::npos;
    const bool same_site = value.find("SameSite") != std::string::npos;
    if (http_only && same_site) return pass(value, e);
    return fail(
        "session cookie lacks " + std::string(http_only ? "SameSite" : "HttpOnly") + ": " + value,
        e);
  }
  return fail("a successful login set no session cookie", e);
}

std::optional<CheckResult> DecisionCarriesCsrfToken::evaluate(const FlowView& flow) const {
  auto* e = flow.first(FlowView::seen_by(party::kAuthorizationServer, "POST", paths::kConsent));
  if (!e) return std::nullopt;
  return e->form.has("csrf_token") ? pass("csrf_token posted with the decision", e)
                                   : fail("the decision was posted without a csrf_token", e);
}

std::optional<CheckResult> RedirectTargetsRegisteredUri::evaluate(const FlowView& flow) const {
  auto* e = flow.redirect_back();
  if (!e || !flow.client()) return std::nullopt;
  const std::string target = location_without_query(*e);
  const auto& uris = flow.client()->redirect_uris;
  return std::find(uris.begin(), uris.end(), target) != uris.end()
             ? pass(target + " is registered", e)
             : fail(target + " is not among the client's registered redirect URIs", e);
}

std::optional<CheckResult> StateIsEchoedUnchanged::evaluate(const FlowView& flow) const {
  auto* back = flow.redirect_back();
  auto* request = back ? flow.authorization_request_before(*back) : nullptr;
  if (!request || !back) return std::nullopt;
  const auto sent = request->query.get("state");
  const auto echoed = location_params(*back).get("state");
  if (sent == echoed)
    return pass(sent ? "state returned unchanged" : "no state sent, none returned", back);
  return fail("expected state '" + sent.value_or("(none)") + "', the redirect carried '" +
                  echoed.value_or("(none)") + "'",
              back);
}

}  // namespace oauthsim::scenario
