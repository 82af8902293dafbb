#pragma once
#include "oauthsim/common/config.h"

namespace oauthsim::authz::testing {

// A registry with one client per behaviour the tests need.
inline common::Config test_config() {
  common::Config c = common::default_config();
  c.clients.clear();
  common::ClientConfig acme;
  acme.client_id = "acme-ats";
  acme.client_secret = "acme-secret";
  acme.name = "Acme ATS";
  acme.redirect_uris = {"http://localhost:9000/callback", "https://acme.example/cb?tenant=1"};
  acme.scopes = {"user_me_read", "jobs_read", "candidates_read"};
  acme.default_scopes = {"user_me_read"};
  c.clients.push_back(acme);

  common::ClientConfig basic = acme;
  basic.client_id = "basic-only";
  basic.client_secret = "basic secret:with/odd+chars";
  basic.name = "Basic Only";
  basic.token_endpoint_auth_method = "client_secret_basic";
  c.clients.push_back(basic);

  common::ClientConfig pkce = acme;
  pkce.client_id = "pkce-app";
  pkce.client_secret = "pkce-secret";
  pkce.name = "PKCE App";
  pkce.require_pkce = true;
  c.clients.push_back(pkce);

  common::ClientConfig cc = acme;
  cc.client_id = "cc-only";
  cc.client_secret = "cc-secret";
  cc.name = "Machine";
  cc.grant_types = {"client_credentials"};
  c.clients.push_back(cc);

  c.users.clear();
  common::UserConfig alice;
  alice.username = "alice@example.com";
  alice.password = "wonderland";
  c.users.push_back(alice);
  common::UserConfig bob;
  bob.username = "bob@example.com";
  bob.password = "builder";
  c.users.push_back(bob);
  c.lifetimes = {1800, 2419200, 60};
  return c;
}

}  // namespace oauthsim::authz::testing
