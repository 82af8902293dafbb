#include "api_handlers.h"

#include <nlohmann/json.hpp>

#include "oauthsim/common/encoding.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/rs/candidate_input.h"
#include "oauthsim/rs/paging.h"

namespace oauthsim::rs {
namespace {

using nlohmann::json;

// One value or none; a parameter sent twice is ambiguous and refused.
std::optional<std::string> single_param(const httplib::Request& req, const char* name) {
  auto n = req.get_param_value_count(name);
  if (n == 0) return std::nullopt;
  if (n > 1) throw BadParameter(name, std::string(name) + " must be given at most once");
  return req.get_param_value(name);
}

void send_bad_parameter(httplib::Response& res, const BadParameter& e) {
  send_message(res, 400, e.what(), {{"parameter", e.parameter()}});
}

// Echoed ids are cut short: a path can be long and the message only has to identify it.
std::string shown_id(const std::string& id) {
  return id.size() <= 64 ? id : id.substr(0, 64) + "...";
}

bool is_json_content_type(const httplib::Request& req) {
  auto type = req.get_header_value("Content-Type");
  if (type.empty()) return true;  // lenient: curl -d without -H still works
  auto semi = type.find(';');
  auto media = type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (auto& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media == "application/json" || (media.size() > 5 && media.ends_with("+json"));
}

void create(const httplib::Request& req, httplib::Response& res, ApiCall& call, const Job* job) {
  if (!is_json_content_type(req)) {
    send_message(res, 415, "The request body must be application/json");
    return;
  }
  CandidateInput input;
  try {
    input = parse_candidate_input(req.body);
  } catch (const InvalidBody& e) {
    json extra = e.field().empty() ? json(nullptr) : json{{"field", e.field()}};
    send_message(res, 400, e.what(), extra);
    common::HttpServer::note(
        res, "refused body: " + (e.field().empty() ? "not a JSON object" : e.field()));
    return;
  }
  Candidate c = call.data.add_candidate(input, job);
  res.set_header("Location", call.public_base + "/candidates/" + c.id);
  common::send_json(res, 201, to_json(c));
  common::HttpServer::note(res, job ? "candidate added to job" : "candidate created");
}

}  // namespace

void send_message(httplib::Response& res, int status, const std::string& message,
                  const nlohmann::json& extra) {
  json body = {{"message", message}};
  if (extra.is_object()) body.update(extra);
  common::send_json(res, status, body);
}

void get_users_me(const httplib::Request&, httplib::Response& res, ApiCall& call) {
  if (!call.user) {
    // client_credentials tokens act for the client, not for a person: there is no "me". The
    // credential lacks the right to this resource, which SR answers with 403.
    send_message(res, 403,
                 "No user context: this access token was issued to the client itself "
                 "(client_credentials) and does not act for a user");
    common::HttpServer::note(res, "refused: no user context");
    return;
  }
  common::send_json(res, 200, user_json(*call.user));
}

void list_jobs(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  int limit;
  std::size_t offset;
  JobFilter filter;
  try {
    limit = parse_limit(single_param(req, "limit"));
    offset = parse_offset(single_param(req, "offset"));
    filter.q = single_param(req, "q").value_or("");
    filter.status = single_param(req, "status").value_or("");
    filter.posting_status = single_param(req, "postingStatus").value_or("");
  } catch (const BadParameter& e) {
    send_bad_parameter(res, e);
    return;
  }
  auto page = call.data.jobs(filter, offset, limit);
  json content = json::array();
  for (const auto& j : page.content) content.push_back(to_json(j));
  common::send_json(res, 200,
                    {{"limit", limit},
                     {"offset", offset},
                     {"totalFound", page.total_found},
                     {"content", std::move(content)}});
}

void get_job(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  std::string id = req.matches[1];
  auto job = call.data.job(id);
  if (!job) {
    send_message(res, 404, "Job not found: " + shown_id(id));
    return;
  }
  common::send_json(res, 200, to_json(*job));
}

void list_candidates(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  int limit;
  std::optional<std::string> first_id;
  try {
    limit = parse_limit(single_param(req, "limit"));
    if (auto page_id = single_param(req, "pageId")) {
      first_id = decode_page_id(*page_id);
      if (!first_id) throw BadParameter("pageId", "pageId is not one this API issued");
    }
  } catch (const BadParameter& e) {
    send_bad_parameter(res, e);
    return;
  }
  auto page = call.data.candidates(first_id, limit);
  if (!page) {
    send_message(res, 400, "pageId does not point into this company's candidates",
                 {{"parameter", "pageId"}});
    return;
  }
  json content = json::array();
  for (const auto& c : page->content) content.push_back(to_json(c));
  json body = {{"limit", limit}, {"totalFound", page->total_found}};
  if (page->next_first_id) {
    std::string next = encode_page_id(*page->next_first_id);
    body["nextPageId"] = next;
    common::Params q{{"limit", std::to_string(limit)}, {"pageId", next}};
    res.set_header("Link",
                   "<" + call.public_base + "/candidates?" + q.encode() + ">; rel=\"next\"");
  }
  body["content"] = std::move(content);
  common::send_json(res, 200, body);
}

void get_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  std::string id = req.matches[1];
  auto c = call.data.candidate(id);
  if (!c) {
    send_message(res, 404, "Candidate not found: " + shown_id(id));
    return;
  }
  common::send_json(res, 200, to_json(*c));
}

void create_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  create(req, res, call, nullptr);
}

void create_job_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  std::string id = req.matches[1];
  auto job = call.data.job(id);
  if (!job) {
    send_message(res, 404, "Job not found: " + shown_id(id));
    return;
  }
  create(req, res, call, &*job);
}

void get_company_configuration(const httplib::Request&, httplib::Response& res, ApiCall& call) {
  common::send_json(res, 200, to_json(call.data.profile()));
}

}  // namespace oauthsim::rs
