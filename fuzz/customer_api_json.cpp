// The Customer API's JSON bodies in-process: POST /candidates and POST /jobs/{id}/candidates
// through their real handlers (content type, body parsing, the company's dataset), for a caller
// whose token, rate limit and scope have passed, as resource_server.cpp calls them.
// Input: the route line ("c": POST /candidates; "j": POST /jobs/{a real job id}/candidates;
// anything else: POST /jobs/{that text}/candidates), the Content-Type line (empty:
// application/json), then the body.
#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "mock_resource_server/src/api_handlers.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/rs/route_table.h"

namespace {

using namespace oauthsim;

constexpr const char* kPublicBase = "http://127.0.0.1:8081";

struct Api {
  common::Config config = common::default_config();
  common::VirtualClock clock;
  rs::CompanyStore companies{42, clock};
  common::TokenInfo token;

  Api() {
    token.active = true;
    token.client_id = config.clients.front().client_id;
    token.username = config.users.front().username;
    token.scope = "candidates_create candidates_read jobs_read";
  }

  rs::CompanyDataset& data() { return companies.get(config.users.front().company); }

  // One POST to `path` with its handler, as ResourceServer::Impl::serve calls it.
  httplib::Response post(const std::string& path, const std::string& content_type,
                         const std::string& body) {
    httplib::Request req;
    req.method = "POST";
    req.path = req.target = path;
    if (!content_type.empty()) req.set_header("Content-Type", content_type);
    req.body = body;
    httplib::Response res;
    rs::ApiCall call{config, token, &config.users.front(), data(), kPublicBase, ""};
    try {
      if (const auto id = rs::match_path("/jobs/{id}/candidates", req.path)) {
        call.path_id = id->front();
        rs::create_job_candidate(req, res, call);
      } else {
        rs::create_candidate(req, res, call);
      }
    } catch (const std::exception& e) {
      fuzz::fail("the Customer API handler threw (a 500)", e.what());
    }
    return res;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string route(fuzz::next_line(rest));
  std::string content_type(fuzz::next_line(rest));
  if (content_type.empty()) content_type = "application/json";
  const std::string body(rest);

  Api api;
  std::string path = "/candidates";
  if (route == "j") {
    path = "/jobs/" + api.data().jobs({}, std::nullopt, 1)->content.at(0).id + "/candidates";
  } else if (route != "c") {
    path = "/jobs/" + route + "/candidates";
  }
  const std::size_t before = api.data().candidates(std::nullopt, 1)->total_found;
  const httplib::Response res = api.post(path, content_type, body);

  FUZZ_CHECK(res.status == 201 || res.status == 400 || res.status == 404 || res.status == 409 ||
                 res.status == 415,
             std::to_string(res.status) + " " + res.body);
  const auto answer = nlohmann::json::parse(res.body, nullptr, false);
  FUZZ_CHECK(answer.is_object(), res.body);
  const std::size_t after = api.data().candidates(std::nullopt, 1)->total_found;
  if (res.status != 201) {
    // SR's error shape, and nothing added.
    FUZZ_CHECK(answer.contains("errors") || answer.contains("message"), res.body);
    FUZZ_CHECK(after == before, "a refused candidate was added");
  } else {
    FUZZ_CHECK(after == before + 1, "a created candidate is not listed");
    const std::string id = answer.value("id", "");
    FUZZ_CHECK(res.get_header_value("Location") == std::string(kPublicBase) + "/candidates/" + id,
               res.get_header_value("Location"));
    const auto stored = api.data().candidate(id);
    FUZZ_CHECK(stored && stored->email == answer.value("email", ""), res.body);
    // The same e-mail again is SR's 409 CANDIDATE_DATA_CONFLICT.
    const auto again = api.post(path, content_type, body);
    FUZZ_CHECK(again.status == 409, std::to_string(again.status) + " " + again.body);
  }
  // The API still creates a good candidate afterwards.
  const auto good = api.post("/candidates", "application/json",
                             R"({"firstName":"Ada","lastName":"Lovelace","email":"ada.l@x.io"})");
  FUZZ_CHECK(good.status == 201 || (good.status == 409 && res.status == 201), good.body);
  return 0;
}
