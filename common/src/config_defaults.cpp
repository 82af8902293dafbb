#include "oauthsim/common/config.h"

namespace oauthsim::common {

// SR's scope names (SR-FACTS.md) with the wording the consent page shows.
static std::vector<ScopeInfo> sr_scope_catalog() {
  return {
      {"approvals_create", "Create approval requests"},
      {"approvals_read", "Read approval requests"},
      {"audit_events_read", "Read audit events"},
      {"candidates_create", "Create candidates"},
      {"candidates_read", "Read candidates"},
      {"candidates_manage", "Manage candidates"},
      {"candidates_offers_read", "Read candidates' offers"},
      {"candidates_status_read", "Read candidates' hiring status"},
      {"company_read", "Read company information"},
      {"configuration_read", "Read company configuration"},
      {"configuration_manage", "Manage company configuration"},
      {"jobs_read", "Read jobs"},
      {"jobs_manage", "Manage jobs"},
      {"jobs_publications_manage", "Manage job publications"},
      {"messages_write", "Send messages"},
      {"users_read", "Read users"},
      {"users_manage", "Manage users"},
      {"user_me_read", "Read your own user profile"},
      {"reviews_read", "Read reviews"},
      {"webhooks_read", "Read webhook subscriptions"},
      {"webhooks_manage", "Manage webhook subscriptions"},
  };
}

Config default_config() {
  Config c;
  c.scopes = sr_scope_catalog();
  ClientConfig acme;
  acme.client_id = "acme-ats";
  acme.client_secret = "acme-secret";
  acme.name = "Acme ATS";
  acme.redirect_uris = {"http://localhost:9000/callback"};
  acme.scopes = {"user_me_read", "jobs_read", "candidates_read", "candidates_create",
                 "configuration_read"};
  acme.default_scopes = {"user_me_read"};
  acme.grant_types = {"authorization_code", "refresh_token", "client_credentials"};
  c.clients.push_back(acme);

  UserConfig alice;
  alice.username = "alice@example.com";
  alice.password = "wonderland";
  alice.first_name = "Alice";
  alice.last_name = "Liddell";
  alice.company = "Acme";
  alice.system_role = "ADMINISTRATOR";
  UserConfig bob;
  bob.username = "bob@example.com";
  bob.password = "builder";
  bob.first_name = "Bob";
  bob.last_name = "Builder";
  bob.company = "Globex";
  bob.system_role = "EMPLOYEE";
  for (UserConfig* u : {&alice, &bob})
    u->id = "user-" + u->username.substr(0, u->username.find('@'));
  c.users = {alice, bob};
  return c;
}

}  // namespace oauthsim::common
