// POST /_oauthsim/users/{username}/revoke-grants, DELETE /_oauthsim/users/{username} and
// POST /_oauthsim/reset.
#include <nlohmann/json.hpp>

#include "control_errors.h"
#include "oauthsim/control/clock_json.h"
#include "routes.h"

namespace oauthsim::control {
namespace {

NotFound no_such_user(const std::string& username) {
  return NotFound("no user '" + username +
                  "' (unknown, or deleted: POST /_oauthsim/reset restores deleted users)");
}

}  // namespace

void add_user_routes(httplib::Server& server, const ControlTargets& t) {
  auto& authz = t.authorization_server;
  server.Post("/_oauthsim/users/([^/]+)/revoke-grants",
              guarded([&authz](const httplib::Request& req, httplib::Response& res) {
                const std::string username = req.matches[1];
                const auto revoked = authz.revoke_user_grants(username);
                if (!revoked) throw no_such_user(username);
                common::send_json(res, 200, {{"username", username}, {"revoked_grants", *revoked}});
              }));
  server.Delete("/_oauthsim/users/([^/]+)",
                guarded([&authz](const httplib::Request& req, httplib::Response& res) {
                  const std::string username = req.matches[1];
                  if (!authz.delete_user(username)) throw no_such_user(username);
                  common::send_json(res, 200, {{"username", username}, {"deleted", true}});
                }));
  server.Post(
      "/_oauthsim/reset", guarded([t](const auto&, auto& res) {
        t.authorization_server.reset();
        t.resource_server.reset();
        t.trace.clear();
        common::send_json(res, 200, {{"reset", true}, {"clock", clock_json(t.clock.now_ms())}});
      }));
}

}  // namespace oauthsim::control
