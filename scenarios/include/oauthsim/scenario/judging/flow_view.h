#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/common/config.h"
#include "oauthsim/common/sr_paths.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::scenario {

// SR's paths: the one definition the servers, the reference client and the checks share.
namespace paths = common::sr_paths;

// One flow's trace, indexed for the checks: who saw what, in order. Checks judge only this
// (what the parties observed on the wire), so the same checks grade any client.
class FlowView {
 public:
  // `lifetimes`: what the world's configuration gave codes and tokens (SR's defaults unless a
  // scenario changed them), for checks that judge against a lifetime.
  FlowView(std::vector<common::TraceEntry> entries, const common::ClientConfig* client,
           common::Lifetimes lifetimes = {});

  const std::vector<common::TraceEntry>& entries() const { return entries_; }
  const common::ClientConfig* client() const { return client_; }
  const common::Lifetimes& lifetimes() const { return lifetimes_; }

  using Match = std::function<bool(const common::TraceEntry&)>;
  std::vector<const common::TraceEntry*> all(const Match& m) const;
  const common::TraceEntry* first(const Match& m) const;
  const common::TraceEntry* last(const Match& m) const;

  // Entries recorded by `observer` for requests to `path` (any method when method is empty).
  static Match seen_by(std::string_view observer, std::string_view method, std::string_view path);

  // Token endpoint requests of one grant type, as the authorization server saw them. Requests
  // answered by an injected fault are left out: the grant was never processed, so a 503 and the
  // client's retry are one redemption, not two.
  std::vector<const common::TraceEntry*> token_requests(std::string_view grant_type) const;
  // Every server answer an injected fault replaced, any party (delay-only faults excluded).
  std::vector<const common::TraceEntry*> injected_answers() const;
  // The authorization server's answer that sends the user agent back to the client: the last
  // redirect from the authorization or consent endpoint carrying a code or an error.
  const common::TraceEntry* redirect_back() const;
  // The authorization request as the authorization server saw it.
  const common::TraceEntry* authorization_request() const;
  // The authorization request a redirect back answers: the last one the authorization server saw
  // before it (a scenario may run several flows), or `e` itself when the authorization endpoint
  // redirected back at once (an error such as invalid_scope, before any login).
  const common::TraceEntry* authorization_request_before(const common::TraceEntry& e) const;
  // Customer API requests, as the resource server saw them.
  std::vector<const common::TraceEntry*> api_requests() const;
  // The scenario harness's "action N: <do> ..." markers, in order.
  std::vector<const common::TraceEntry*> harness_actions() const;
  // The first marker of action `do_word` (e.g. "delete_user"); nullptr when there is none.
  const common::TraceEntry* harness_action(std::string_view do_word) const;

 private:
  std::vector<common::TraceEntry> entries_;
  const common::ClientConfig* client_;
  common::Lifetimes lifetimes_;
};

// True when an injected fault replaced the server's answer (the handler never ran); false for a
// real answer, also one an injected delay only held back.
bool answered_by_injected_fault(const common::TraceEntry& e);
// An entry the scenario harness wrote (an action or a fault), not an HTTP exchange.
bool is_harness_marker(const common::TraceEntry& e);
// "delete_user" for the marker of action "delete_user"; empty for anything that is not an action
// marker.
std::string_view harness_action_word(const common::TraceEntry& e);

// The (redacted) token of an "Authorization: Bearer <token>" request header, if any.
std::optional<std::string> bearer_token(const common::TraceEntry& e);
// The client_id of an "Authorization: Basic client_id=<id> secret=[redacted]" header, if any.
std::optional<std::string> basic_client_id(const common::TraceEntry& e);
// The error code of an answer: the body's "error" field, else the challenge's error attribute;
// empty when it names none.
std::string answer_error(const common::TraceEntry& e);
// A token endpoint answer refusing the grant: 400 invalid_grant.
bool refused_with_invalid_grant(const common::TraceEntry& e);
// "400 invalid_grant", or just "200": how an answer reads in evidence.
std::string answer_summary(const common::TraceEntry& e);

// Query parameters of a (redacted) Location header; empty when there is none.
common::Params location_params(const common::TraceEntry& e);
std::string location_without_query(const common::TraceEntry& e);
// True when the party that served `e` recorded `outcome` (typed; notes are never read).
bool has_outcome(const common::TraceEntry& e, common::ExchangeOutcome outcome);
// The value of attribute `name` in a WWW-Authenticate challenge, e.g. error="invalid_token".
std::optional<std::string> challenge_attribute(std::string_view challenge, std::string_view name);

}  // namespace oauthsim::scenario
