// GET and PUT /_oauthsim/companies/{name}/customer-api: whether a company has SR's Customer
// API feature (without it SR answers 403 "No access to feature: Customer API").
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "json_body.h"
#include "routes.h"

namespace oauthsim::control {
namespace {

constexpr std::size_t kMaxCompanyName = 200;

std::string company_of(const httplib::Request& req) {
  std::string name = req.matches[1];
  if (name.empty() || name.size() > kMaxCompanyName) {
    throw BadRequest("company name must be 1 to " + std::to_string(kMaxCompanyName) +
                     " characters");
  }
  return name;
}

}  // namespace

void add_company_routes(httplib::Server& server, const ControlTargets& t) {
  auto& rs = t.resource_server;
  server.Get("/_oauthsim/companies/([^/]+)/customer-api",
             guarded([&rs](const httplib::Request& req, httplib::Response& res) {
               const std::string company = company_of(req);
               common::send_json(
                   res, 200,
                   {{"company", company}, {"enabled", rs.has_customer_api_access(company)}});
             }));
  server.Put("/_oauthsim/companies/([^/]+)/customer-api",
             guarded([&rs](const httplib::Request& req, httplib::Response& res) {
               const std::string company = company_of(req);
               const nlohmann::json body = parse_json_object(req.body);
               BodyReader r(body, "", kBodySource);
               if (!body.contains("enabled")) {
                 throw BadRequest(kBodySource + ": /enabled: required boolean is missing");
               }
               bool enabled = true;
               r.boolean("enabled", enabled);
               r.reject_unknown();
               try {
                 rs.set_customer_api_access(company, enabled);
               } catch (const std::length_error& e) {
                 throw BadRequest(kBodySource + ": /enabled: " + e.what());
               }
               common::send_json(res, 200, {{"company", company}, {"enabled", enabled}});
             }));
}

}  // namespace oauthsim::control
