#include "oauthsim/control/control_api.h"

#include <nlohmann/json.hpp>

#include "control_errors.h"
#include "routes.h"

namespace oauthsim::control {
namespace {

using nlohmann::json;

// What GET /_oauthsim/ lists and an unknown route's 404 points to.
json route_list() {
  return json::array({"GET /_oauthsim/clock", "POST /_oauthsim/clock/advance {\"seconds\": N}",
                      "GET /_oauthsim/faults", "POST /_oauthsim/faults {\"server\", \"path\", ...}",
                      "DELETE /_oauthsim/faults", "GET /_oauthsim/trace", "DELETE /_oauthsim/trace",
                      "POST /_oauthsim/users/{username}/revoke-grants",
                      "DELETE /_oauthsim/users/{username}", "POST /_oauthsim/reset"});
}

void answer_unknown_route(const httplib::Request& req, httplib::Response&) {
  throw NotFound("no control route " + req.method + " " + req.path + "; GET " +
                 std::string(kPrefix) + " lists them");
}

}  // namespace

bool is_loopback_peer(std::string_view remote_addr) {
  return remote_addr == "127.0.0.1" || remote_addr == "::1" || remote_addr == "::ffff:127.0.0.1";
}

httplib::Server::Handler guarded(Route route) {
  return [route = std::move(route)](const httplib::Request& req, httplib::Response& res) {
    if (!is_loopback_peer(req.remote_addr)) {
      common::send_json(res, 403,
                        {{"error", "forbidden"},
                         {"error_description",
                          "the oauthsim control API answers only loopback peers (127.0.0.1, "
                          "::1), not " +
                              req.remote_addr}});
      return;
    }
    try {
      route(req, res);
    } catch (const BadRequest& e) {
      common::send_json(res, 400, {{"error", "invalid_request"}, {"error_description", e.what()}});
    } catch (const NotFound& e) {
      common::send_json(res, 404, {{"error", "not_found"}, {"error_description", e.what()}});
    }
    res.set_header("Cache-Control", "no-store");
  };
}

void ControlApi::install(common::HttpServer& server) {
  // The control API is the harness, not a party: its exchanges would only confuse the checks.
  server.skip_tracing_under("/_oauthsim");
  auto& r = server.routes();
  r.Get("/_oauthsim/?", guarded([](const httplib::Request&, httplib::Response& res) {
          common::send_json(res, 200, {{"routes", route_list()}});
        }));
  add_clock_routes(r, t_);
  add_company_routes(r, t_);
  add_fault_routes(r, t_);
  add_trace_routes(r, t_);
  add_user_routes(r, t_);
  // Last, so they only catch what no route above matched.
  const std::string anything = "/_oauthsim(/.*)?";
  r.Get(anything, guarded(answer_unknown_route));
  r.Post(anything, guarded(answer_unknown_route));
  r.Put(anything, guarded(answer_unknown_route));
  r.Patch(anything, guarded(answer_unknown_route));
  r.Delete(anything, guarded(answer_unknown_route));
  r.Options(anything, guarded(answer_unknown_route));
}

}  // namespace oauthsim::control
