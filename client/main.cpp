// oauthsim_client_app: the reference vendor web app as its own process.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "oauthsim/client/app_settings.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/cli.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/tls_flags.h"
#include "oauthsim/common/url.h"

namespace {

using namespace oauthsim;

common::ArgParser make_parser() {
  common::ArgParser p("oauthsim_client_app",
                      "The reference vendor web app: /connect starts the SmartRecruiters OAuth "
                      "flow, /callback finishes it, /action?path=/users/me calls the Customer API, "
                      "POST /refresh and POST /revoke manage the session's tokens.");
  common::add_server_options(p, 9000);
  p.option("authz-url", "URL", "base URL of the authorization server (required)")
      .option("api-url", "URL", "base URL of the Customer API (required)")
      .option("client-id", "ID", "client to act as (default: the first client in the config)")
      .option("scope", "\"A B\"",
              "scopes to request (default: none sent, the client's defaults apply)")
      .flag("pkce", "use PKCE with S256")
      .flag("basic-auth", "authenticate with HTTP Basic instead of client_secret form fields")
      .epilog(
          "The client secret and redirect_uri (the first registered one) come from the "
          "configuration's client entry, and so does token_endpoint_auth_method: a client "
          "registered for tls_client_auth or self_signed_tls_client_auth sends no secret and "
          "authenticates with its certificate (--client-cert, or the --certs folder's "
          "client.pem). https URLs are verified against --ca or the --certs folder's ca.pem.");
  common::add_tls_options(p, common::TlsRole::kServerAndClient);
  return p;
}

client::AppOptions app_options(const common::ArgParser& p) {
  client::AppOptions o;
  o.authz_url = p.get("authz-url");
  o.api_url = p.get("api-url");
  if (p.has("client-id")) o.client_id = p.get("client-id");
  if (p.has("scope")) o.scope = p.get("scope");
  o.pkce = p.flag_set("pkce");
  o.basic_auth = p.flag_set("basic-auth");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  common::block_termination_signals();  // before any thread exists, so all inherit the mask
  common::ArgParser parser = make_parser();
  client::ClientSettings settings;
  std::string host;
  int port = 0;
  common::TlsSetup tls;
  try {
    parser.parse(argc, argv);
    if (parser.flag_set("help")) {
      std::cout << parser.help();
      return 0;
    }
    const common::Config config = parser.has("config")
                                      ? common::load_config_file(parser.get("config"))
                                      : common::default_config();
    settings = client::settings_from_config(config, app_options(parser));
    host = parser.get("host");
    port = parser.get_int("port", 0, 65535);
    tls = common::tls_setup_from(parser);
    for (const auto* url : {&settings.token_endpoint, &settings.api_base_url}) {
      if (url->rfind("https://", 0) == 0 && !tls.client) {
        throw common::UsageError(*url + " is https: give --certs DIR or --ca FILE to verify it");
      }
    }
  } catch (const common::CertificateError& e) {
    std::cerr << "oauthsim_client_app: " << e.what() << "\n";
    return 1;
  } catch (const common::UsageError& e) {
    std::cerr << "oauthsim_client_app: " << e.what() << "\n";
    return 2;
  } catch (const common::ConfigError& e) {
    std::cerr << "oauthsim_client_app: " << e.what() << "\n";
    return 2;
  }

  try {
    common::SystemClock clock;
    common::OpenSslRandom random;
    common::SocketHttpTransport transport(10, {}, tls.client);
    // Cookies are per host: the flow must start on the host of the redirect URI, or the
    // callback arrives without the session that holds the state.
    const auto redirect = common::parse_url(settings.redirect_uri);
    const std::string start_origin = redirect ? redirect->origin() : "";
    client::VendorApp app(std::move(settings), transport, clock, random, nullptr, tls.server);
    app.start(host, port);
    if (parser.has("ready-file")) {
      common::write_ready_file(parser.get("ready-file"), {{"client", app.base_url()}});
    }
    std::cout << "oauthsim_client_app listening on " << app.base_url() << "; start a flow at "
              << (start_origin.empty() ? app.base_url() : start_origin) << "/connect" << std::endl;
    common::wait_for_termination_signal();
    app.stop();
  } catch (const std::exception& e) {
    std::cerr << "oauthsim_client_app: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
