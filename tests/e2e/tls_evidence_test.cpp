// A TLS scenario that passes proves nothing unless the wire shows what it claims: the client
// certificate the servers really saw, no secret where a certificate authenticates, and the
// refusal of a bound token coming from the other certificate.
#include <gtest/gtest.h>

#include "e2e/catalog_run.h"
#include "e2e/flow_explain.h"
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

TEST(TlsEvidence, EveryPartyOfATlsWorldServesHttps) {
  const auto r = run_catalog_scenario("tls12_only");
  ASSERT_TRUE(r.passed) << explain(r);
  const TraceEntry* e = code_exchange(r);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->form.get_or("redirect_uri", "").rfind("https://127.0.0.1:", 0), 0u);
}

}  // namespace
}  // namespace oauthsim::scenario
