#include "oauthsim/control/control_api.h"

#include <cctype>
#include <string>

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
                      "DELETE /_oauthsim/users/{username}",
                      "GET /_oauthsim/companies/{name}/customer-api",
                      "PUT /_oauthsim/companies/{name}/customer-api {\"enabled\": bool}",
                      "POST /_oauthsim/reset"});
}

void answer_unknown_route(const httplib::Request& req, httplib::Response&) {
  throw NotFound("no control route " + req.method + " " + req.path + "; GET " +
                 std::string(kPrefix) + " lists them");
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Why a browser could have sent this request on a web page's behalf, or "" when it could not.
// A cross-site form can POST text/plain or a form but never application/json; a page's fetch
// carries its Origin; a page whose own name was rebound to 127.0.0.1 still sends that name as
// Host.
std::string cross_site_reason(const httplib::Request& req) {
  const std::string host = req.get_header_value("Host");
  if (!host.empty() && !is_loopback_host(host)) {
    return "the Host header must name this machine (localhost, 127.0.0.1 or [::1]), not '" +
           host.substr(0, 100) + "'";
  }
  if (req.has_header("Origin")) {
    const std::string origin = lowercase(req.get_header_value("Origin"));
    if (host.empty() ||
        (origin != "http://" + lowercase(host) && origin != "https://" + lowercase(host))) {
      return "requests from another origin (" + origin.substr(0, 100) + ") are refused";
    }
  }
  const bool has_body =
      req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || !req.body.empty();
  if (has_body) {
    const std::string type = req.get_header_value("Content-Type");
    std::string media = lowercase(type.substr(0, type.find(';')));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    if (media != "application/json") {
      return "a " + req.method + " must be sent as Content-Type: application/json";
    }
  }
  return "";
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  std::string_view name = host;
  std::string_view port;
  if (name.starts_with('[')) {
    const auto end = name.find(']');
    if (end == std::string_view::npos) return false;
    port = name.substr(end + 1);
    name = name.substr(0, end + 1);
    if (!port.empty() && port.front() != ':') return false;
  } else if (const auto colon = name.rfind(':'); colon != std::string_view::npos) {
    port = name.substr(colon);
    name = name.substr(0, colon);
  }
  if (!port.empty()) {
    port.remove_prefix(1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
  }
  const std::string lower = lowercase(name);
  return lower == "localhost" || lower == "127.0.0.1" || lower == "[::1]";
}

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
    if (const std::string reason = cross_site_reason(req); !reason.empty()) {
      common::send_json(res, 403, {{"error", "forbidden"}, {"error_description", reason}});
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
