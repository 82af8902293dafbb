#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "oauthsim/authz/authorization_server.h"
#include "oauthsim/client/client_flaw.h"
#include "oauthsim/client/client_settings.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/rs/resource_server.h"
#include "oauthsim/scenario/browser/user_agent.h"
#include "oauthsim/scenario/world/world_tls.h"

namespace oauthsim::scenario {

// A vendor's own app playing the client (`oauthsim check-client`): oauthsim sees it only on the
// wire, through the requests it sends to the mock servers and what the user agent gets from it.
struct ExternalClient {
  std::string start_url;   // the app's "connect" URL: the user agent starts every flow here
  std::string action_url;  // optional: a URL that makes the app call the Customer API once
};

// The mock servers' base URLs, once they listen.
struct ServerUrls {
  std::string authorization_server;  // e.g. http://127.0.0.1:8081
  std::string resource_server;       // e.g. http://127.0.0.1:8082
};

struct WorldOptions {
  common::Config config = common::default_config();
  std::uint64_t seed = 1;           // randomness of every party: a run replays byte for byte
  std::string client_id;            // the reference client's registration; empty: the first one
  std::vector<std::string> scopes;  // what the reference client asks for; empty: defaults
  bool use_pkce = false;
  // How the reference client authenticates; empty: as its registration says (RFC 7591
  // token_endpoint_auth_method, client_secret_post when it names none).
  std::optional<client::ClientAuthMethod> auth_method;
  // The reference client refreshes a token the clock says is dead before using it; off, it
  // sends it anyway and learns from the API's 401 (the flow RFC 6750 3.1 describes).
  bool refresh_ahead = true;
  // The reference client posts to the token endpoint on the Customer API's host, as SR's
  // current docs do (api.smartrecruiters.com); false: on the authorization server's own.
  bool token_endpoint_on_api_host = false;
  // Misbehaviours the reference client is switched to (client_flaw.h): a broken variant whose
  // scenario proves the checks catch exactly that misbehaviour. Empty: the correct client.
  std::set<client::ClientFlaw> client_flaws;
  // Set: every party speaks HTTPS with certificates from the test PKI, and the registration is
  // patched as it says (RFC 8705 client authentication, certificate-bound tokens).
  std::optional<WorldTls> tls;
  // Set (and `tls` not): every mock server speaks HTTPS with these options as they are, the user
  // agent verifying against `verify` (`oauthsim check-client --tls`: the vendor's certificates).
  std::optional<WorldTlsSetup> tls_setup;

  // Set: no reference app starts; this app is the client. The registration (client_id) is used
  // as the vendor gave it (its redirect_uris are not rewritten), and actions that need the
  // reference app's internals are refused.
  std::optional<ExternalClient> external_client;
  // Where the mock servers listen. Port 0: any free port (a vendor's app needs fixed ones).
  std::string host = "127.0.0.1";
  int authz_port = 0;
  int api_port = 0;
  // Called once the mock servers listen, before anything else happens: lets a test configure
  // an in-process app with the servers' URLs.
  std::function<void(const ServerUrls&)> on_servers_listening;
  // Entries the trace keeps; a scenario that overflows it fails (its checks would judge a part).
  std::size_t trace_capacity = common::Trace::kDefaultCapacity;
  // Whether the user agent's, the harness's and the reference app's plain http connections are
  // kept alive between requests. Scenarios close each one (every exchange stands alone in the
  // trace, as the catalog's evidence shows it); a world kept up for load keeps them.
  common::ConnectionReuse connections = common::ConnectionReuse::kClose;
};

// Four parties on loopback sharing one virtual clock and one trace: the mock authorization
// server, the mock Customer API (validating tokens against the authorization server's store),
// the reference vendor app, and a scripted user agent. Everything stops when it goes away.
class World {
 public:
  explicit World(WorldOptions options = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  common::VirtualClock& clock() { return clock_; }
  common::Trace& trace() { return trace_; }
  const common::Config& config() const { return options_.config; }
  const common::ClientConfig& client_registration() const;
  authz::AuthorizationServer& authorization_server() { return *authz_; }
  rs::ResourceServer& resource_server() { return *rs_; }
  // The reference app; throws std::logic_error with an external client (there is none).
  client::VendorApp& vendor_app();
  bool has_external_client() const { return options_.external_client.has_value(); }
  UserAgent& user_agent() { return *user_agent_; }
  // The transport the world's own direct calls use (not traced as the user agent).
  common::HttpTransport& direct_transport() { return *http_; }
  // A transport presenting `certificate` as the reference client's would (a TLS world only;
  // throws std::logic_error otherwise): the harness calling with a token the client holds.
  std::unique_ptr<common::HttpTransport> transport_presenting(AppCertificate certificate) const;

  // Lets a scenario change what the user agent receives, after the sender recorded it and
  // before the user agent does: a man in the middle of the front channel (e.g. a tampered
  // code in the redirect back to the client). Set before the flow starts.
  using ResponseTamperer = std::function<void(const common::HttpRequest&, common::HttpResponse&)>;
  void tamper_user_agent_responses(ResponseTamperer tamperer) { tamperer_ = std::move(tamperer); }
  // Lets a scenario change what the vendor app sends on its back channel (token endpoint,
  // Customer API) before the receiving server sees it: a misbehaving client. Set before the
  // flow starts.
  using RequestTamperer = std::function<void(common::HttpRequest&)>;
  void tamper_client_requests(RequestTamperer tamperer) { request_tamperer_ = std::move(tamperer); }
  // Puts a harness marker into the trace ("fault: ..."), so a replay can show it.
  void mark(std::string text);
  // Marks scenario action `number` (1-based), whose "do" word is `action`, so checks can tell
  // which exchanges it caused (from the typed fields; `text` is for people).
  void mark_action(std::size_t number, std::string action, std::string text);

  // Where the user starts: the reference app's /connect, or the external client's start URL.
  std::string connect_url() const;
  // Makes the app call the API: the reference app's /action?path=..., or the external
  // client's action URL (api_path is then only a label; throws std::runtime_error without one).
  std::string action_url(const std::string& api_path) const;
  // The reference app's base + path; throws std::runtime_error with an external client.
  std::string app_url(const std::string& path) const;
  // The token endpoint the reference client posts to (token_endpoint_on_api_host says which).
  std::string token_endpoint() const;
  // The party a URL origin belongs to, for the user agent's trace entries.
  std::string party_for_origin(const std::string& origin) const;

 private:
  // The one place the mock servers are built and started (TLS will plug in here).
  void start_servers(const common::Config& config);
  void start_reference_app(common::ClientConfig& registration);
  void start_user_agent();
  std::optional<common::TlsServerOptions> server_tls() const;  // every party's, in a TLS world

  WorldOptions options_;
  common::VirtualClock clock_;
  common::SeededRandom random_;
  common::Trace trace_;
  std::optional<WorldTlsSetup> tls_;
  std::unique_ptr<common::SocketHttpTransport> http_;      // verifies servers, presents nothing
  std::unique_ptr<common::SocketHttpTransport> app_http_;  // the reference app's back channel
  ResponseTamperer tamperer_;
  RequestTamperer request_tamperer_;
  std::unique_ptr<common::HttpTransport> client_transport_;
  std::unique_ptr<common::HttpTransport> tampering_transport_;
  std::unique_ptr<common::TracingTransport> user_agent_transport_;
  std::unique_ptr<client::VendorApp> app_;
  std::unique_ptr<authz::AuthorizationServer> authz_;
  std::unique_ptr<rs::ResourceServer> rs_;
  std::unique_ptr<UserAgent> user_agent_;
};

}  // namespace oauthsim::scenario
