// A TLS scenario that passes proves nothing unless the wire shows what it claims: the client
// certificate the servers really saw, no secret where a certificate authenticates, and the
// refusal of a bound token coming from the other certificate.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>

#include "e2e/catalog_run.h"
#include "e2e/flow_explain.h"
#include "oauthsim/common/url.h"
#include "oauthsim/scenario/judging/flow_view.h"
#include "oauthsim/scenario/runner/scenario_runner.h"
#include "oauthsim/scenario/world/test_pki.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
namespace party = common::party;

const TraceEntry* code_exchange(const FlowResult& r) {
  for (const auto& e : r.trace) {
    if (e.observer == party::kAuthorizationServer && e.path == paths::kToken &&
        e.form.get_or("grant_type", "") == "authorization_code") {
      return &e;
    }
  }
  return nullptr;
}

std::vector<const TraceEntry*> api_calls(const FlowResult& r) {
  std::vector<const TraceEntry*> out;
  for (const auto& e : r.trace) {
    if (e.observer == party::kResourceServer) out.push_back(&e);
  }
  return out;
}

TEST(TlsEvidence, CertificateClientSendsNoSecretAndTheTokenEndpointSawItsCertificate) {
  const auto r = run_catalog_scenario("mtls_client_auth");
  ASSERT_TRUE(r.passed) << explain(r);
  const TraceEntry* e = code_exchange(r);
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->form.has("client_secret"));
  EXPECT_FALSE(e->request_headers.has("Authorization"));
  EXPECT_EQ(e->client_certificate, test_pki().client.thumbprint_s256);
  EXPECT_EQ(e->status, 200);
}

TEST(TlsEvidence, SelfSignedClientPresentsTheRegisteredThumbprint) {
  const auto r = run_catalog_scenario("mtls_self_signed_client_auth");
  ASSERT_TRUE(r.passed) << explain(r);
  const TraceEntry* e = code_exchange(r);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->client_certificate, test_pki().self_signed.thumbprint_s256);
}

TEST(TlsEvidence, EachWrongCertificateReachedTheTokenEndpointAndWasRefused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"mtls_wrong_certificate", test_pki().other.thumbprint_s256},
      {"mtls_expired_certificate", test_pki().expired.thumbprint_s256},
      {"mtls_certificate_from_another_ca", test_pki().foreign.thumbprint_s256},
      {"mtls_no_certificate", ""}};
  for (const auto& [name, thumbprint] : cases) {
    const auto r = run_catalog_scenario(name);
    EXPECT_TRUE(r.passed) << explain(r);
    const TraceEntry* e = code_exchange(r);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->client_certificate, thumbprint) << name;
    EXPECT_EQ(e->status, 401) << name;
    EXPECT_EQ(e->response_fields.get_or("error", ""), "invalid_client") << name;
  }
}

TEST(TlsEvidence, SecretFromCertificateClientIsRefusedDespiteTheRightCertificate) {
  const auto r = run_catalog_scenario("mtls_secret_from_certificate_client");
  EXPECT_TRUE(r.passed) << explain(r);
  const TraceEntry* e = code_exchange(r);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->form.has("client_secret"));
  EXPECT_EQ(e->client_certificate, test_pki().client.thumbprint_s256);
  EXPECT_EQ(e->status, 401);
}

TEST(TlsEvidence, BoundTokenWorksFromItsCertificateOnlyAtTheApi) {
  const auto r = run_catalog_scenario("mtls_bound_token_from_other_certificate");
  ASSERT_TRUE(r.passed) << explain(r);
  const auto calls = api_calls(r);
  // The app shows the user's profile after connecting, then the scenario's own call, then the
  // harness's call with the other certificate.
  ASSERT_EQ(calls.size(), 3u) << explain(r);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(calls[i]->client_certificate, test_pki().client.thumbprint_s256);
    EXPECT_EQ(calls[i]->status, 200);
  }
  EXPECT_EQ(calls[2]->client_certificate, test_pki().other.thumbprint_s256);
  EXPECT_EQ(calls[2]->status, 401);
  // The same token both times: only the certificate differs.
  EXPECT_EQ(calls[1]->request_headers.get_or("Authorization", "a"),
            calls[2]->request_headers.get_or("Authorization", "b"));
}

// What a TLS handshake with a party's port showed: the version negotiated ("" when there was
// no handshake) and the first line of its HTTP answer to a GET over that connection.
struct Handshake {
  std::string version;
  std::string status_line;
};

// A client that offers TLS 1.2 and 1.3 (the server picks) and does not verify: only what the
// server speaks matters here.
Handshake handshake_with(const std::string& url) {
  const auto u = common::parse_url(url);
  if (!u) return {};
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(u->port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  Handshake out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1) {
      out.version = SSL_get_version(ssl);
      const std::string request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      SSL_write(ssl, request.data(), static_cast<int>(request.size()));
      char buf[256];
      const int n = SSL_read(ssl, buf, sizeof buf);
      if (n > 0) {
        const std::string answer(buf, static_cast<std::size_t>(n));
        out.status_line = answer.substr(0, answer.find("\r\n"));
      }
      SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
  }
  ::close(fd);
  return out;
}

// The three servers of a world built as catalog scenario `name` sets it up, each probed once.
std::map<std::string, Handshake> handshakes_in_world_of(const std::string& name) {
  const ScenarioSpec* found = nullptr;
  const auto specs = builtin_scenarios();
  for (const auto& s : specs) found = s.name == name ? &s : found;
  if (!found) {
    ADD_FAILURE() << "no catalog scenario " << name;
    return {};
  }
  WorldOptions options;
  to_flow(*found).configure(options);
  ServerUrls urls;
  options.on_servers_listening = [&](const ServerUrls& u) { urls = u; };
  World world(options);
  return {{"authorization_server", handshake_with(urls.authorization_server)},
          {"resource_server", handshake_with(urls.resource_server)},
          {"client", handshake_with(world.app_url("/"))}};
}

TEST(TlsEvidence, EveryPartyOfATlsWorldServesHttps) {
  const auto r = run_catalog_scenario("tls12_only");
  ASSERT_TRUE(r.passed) << explain(r);
  const TraceEntry* e = code_exchange(r);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->form.get_or("redirect_uri", "").rfind("https://127.0.0.1:", 0), 0u);

  // Each party answers HTTP over TLS, and tls12_only holds every one of them to TLS 1.2 even
  // when the peer offers 1.3.
  for (const auto& [party, seen] : handshakes_in_world_of("tls12_only")) {
    EXPECT_EQ(seen.version, "TLSv1.2") << party;
    EXPECT_EQ(seen.status_line.rfind("HTTP/1.1 ", 0), 0u) << party << ": " << seen.status_line;
  }
  // The probe can tell: a world allowing both versions negotiates 1.3 with it.
  for (const auto& [party, seen] : handshakes_in_world_of("mtls_client_auth")) {
    EXPECT_EQ(seen.version, "TLSv1.3") << party;
  }
}

}  // namespace
}  // namespace oauthsim::scenario
