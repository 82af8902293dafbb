// POST, GET and DELETE /_oauthsim/faults: misbehaviour queued on either server.
#include <nlohmann/json.hpp>

#include "fault_json.h"
#include "json_body.h"
#include "routes.h"

namespace oauthsim::control {
namespace {

nlohmann::json all_faults(const ControlTargets& t) {
  auto list = nlohmann::json::array();
  for (const auto& f : t.authorization_server.faults().pending()) {
    list.push_back(fault_json(kAuthorizationServer, f));
  }
  for (const auto& f : t.resource_server.faults().pending()) {
    list.push_back(fault_json(kResourceServer, f));
  }
  return list;
}

}  // namespace

void add_fault_routes(httplib::Server& server, const ControlTargets& t) {
  server.Post("/_oauthsim/faults",
              guarded([t](const httplib::Request& req, httplib::Response& res) {
                common::send_json(
                    res, 201,
                    queue_fault(req.body,
                                {t.authorization_server.faults(), t.resource_server.faults(),
                                 t.authorization_server.base_url(), t.resource_server.base_url()}));
              }));
  server.Get("/_oauthsim/faults", guarded([t](const auto&, auto& res) {
               common::send_json(res, 200, {{"faults", all_faults(t)}});
             }));
  server.Delete(
      "/_oauthsim/faults", guarded([t](const auto&, auto& res) {
        const std::size_t cleared = all_faults(t).size();
        t.authorization_server.faults().clear();
        t.resource_server.faults().clear();
        common::send_json(res, 200, {{"cleared", cleared}, {"faults", nlohmann::json::array()}});
      }));
}

}  // namespace oauthsim::control
