#include "api_handlers.h"

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "oauthsim/common/encoding.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/rs/api_model.h"
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

// A filter SR lets a client repeat (jobId=a&jobId=b): every value, each non-empty.
std::vector<std::string> repeated_param(const httplib::Request& req, const char* name) {
  constexpr std::size_t kMaxValues = 100;
  const auto n = req.get_param_value_count(name);
  if (n > kMaxValues) {
    throw BadParameter(
        name, std::string(name) + " may be given at most " + std::to_string(kMaxValues) + " times");
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < n; ++i) {
    auto v = req.get_param_value(name, i);
    if (v.empty()) throw BadParameter(name, std::string(name) + " must not be empty");
    values.push_back(std::move(v));
  }
  return values;
}

// SR ended offset paging in 2022 (SR-FACTS.md, "Paging"). A client still sending offset would
// read page one forever if it were ignored, so the mock says so instead.
void refuse_offset(const httplib::Request& req) {
  if (req.has_param("offset")) {
    throw BadParameter("offset",
                       "offset paging has ended (SmartRecruiters, 2022): page with pageId, "
                       "taking the nextPageId of the previous page");
  }
}

std::optional<std::string> page_cursor(const httplib::Request& req) {
  auto page_id = single_param(req, "pageId");
  if (!page_id) return std::nullopt;
  auto first_id = decode_page_id(*page_id);
  if (!first_id) throw BadParameter("pageId", "pageId is not one this API issued");
  return first_id;
}

// updatedAfter as the canonical timestamp the data carries ("" when absent).
std::string updated_after(const httplib::Request& req) {
  auto raw = single_param(req, "updatedAfter");
  if (!raw) return "";
  auto ms = parse_iso8601_utc(*raw);
  if (!ms) {
    throw BadParameter("updatedAfter",
                       "updatedAfter must be an ISO 8601 UTC time such as 2026-01-31T12:00:00Z");
  }
  return iso8601_utc(*ms);
}

// {limit, totalFound, nextPageId?, content} plus a Link rel="next" that repeats the request's
// filters with the next pageId.
template <typename T>
void send_page(const httplib::Request& req, httplib::Response& res, const ApiCall& call,
               const char* path, int limit, const CursorPage<T>& page) {
  json content = json::array();
  for (const auto& item : page.content) content.push_back(to_json(item));
  json body = {{"limit", limit}, {"totalFound", page.total_found}};
  if (page.next_first_id) {
    std::string next = encode_page_id(*page.next_first_id);
    body["nextPageId"] = next;
    common::Params q;
    for (const auto& [name, value] : req.params) {
      if (name != "pageId" && name != "limit") q.add(name, value);
    }
    q.set("limit", std::to_string(limit));
    q.add("pageId", next);
    res.set_header("Link", "<" + call.public_base + path + "?" + q.encode() + ">; rel=\"next\"");
  }
  body["content"] = std::move(content);
  common::send_json(res, 200, body);
}

void send_bad_parameter(httplib::Response& res, const BadParameter& e) {
  send_error(res, {400, std::string(error_code::kInvalidParameter), e.what(), e.parameter()});
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
    send_error(res, {415, std::string(error_code::kUnsupportedMediaType),
                     "The request body must be application/json", ""});
    return;
  }
  CandidateInput input;
  try {
    input = parse_candidate_input(req.body);
  } catch (const InvalidBody& e) {
    send_error(
        res,
        {400, std::string(e.field().empty() ? error_code::kInvalidBody : error_code::kInvalidField),
         e.what(), e.field()});
    common::HttpServer::note(
        res, "refused body: " + (e.field().empty() ? "not a JSON object" : e.field()));
    return;
  }
  std::optional<Candidate> added;
  try {
    added = call.data.add_candidate(input, job);
  } catch (const CandidateLimitReached& e) {
    // 507 Insufficient Storage (RFC 4918 11.5): the mock's own bound, not something SR does.
    send_error(res, {507, std::string(error_code::kCandidateLimitReached), e.what(), ""});
    common::HttpServer::note(res, "refused: candidate limit reached");
    return;
  }
  if (!added) {
    send_error(res, {409, std::string(error_code::kCandidateDataConflict),
                     "A candidate with this email already exists in the company", "email"});
    common::HttpServer::note(res, "refused: duplicate candidate");
    return;
  }
  const Candidate& c = *added;
  res.set_header("Location", call.public_base + "/candidates/" + c.id);
  common::send_json(res, 201, to_json(c));
  common::HttpServer::note(res, job ? "candidate added to job" : "candidate created");
}

}  // namespace

void send_error(httplib::Response& res, const ApiError& e) {
  common::send_json(res, e.status, to_json(e));
}

void get_users_me(const httplib::Request&, httplib::Response& res, ApiCall& call) {
  if (!call.user) {
    // client_credentials tokens act for the client, not for a person: there is no "me". The
    // credential lacks the right to this resource, which SR answers with 403.
    send_error(res, {403, std::string(error_code::kNoUserContext),
                     "No user context: this access token was issued to the client itself "
                     "(client_credentials) and does not act for a user",
                     ""});
    common::HttpServer::note(res, "refused: no user context");
    return;
  }
  common::send_json(res, 200, user_json(*call.user));
}

void list_jobs(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  int limit;
  std::optional<std::string> first_id;
  JobFilter filter;
  try {
    limit = parse_limit(single_param(req, "limit"));
    refuse_offset(req);
    first_id = page_cursor(req);
    filter.q = single_param(req, "q").value_or("");
    filter.status = single_param(req, "status").value_or("");
    filter.posting_status = single_param(req, "postingStatus").value_or("");
    filter.updated_after = updated_after(req);
  } catch (const BadParameter& e) {
    send_bad_parameter(res, e);
    return;
  }
  auto page = call.data.jobs(filter, first_id, limit);
  if (!page) {
    send_bad_parameter(res,
                       BadParameter("pageId", "pageId does not point into this company's jobs"));
    return;
  }
  send_page(req, res, call, "/jobs", limit, *page);
}

void get_job(const httplib::Request&, httplib::Response& res, ApiCall& call) {
  const std::string& id = call.path_id;
  auto job = call.data.job(id);
  if (!job) {
    send_error(res,
               {404, std::string(error_code::kNotFound), "Job not found: " + shown_id(id), ""});
    return;
  }
  common::send_json(res, 200, to_json(*job));
}

void list_candidates(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  int limit;
  std::optional<std::string> first_id;
  CandidateFilter filter;
  try {
    limit = parse_limit(single_param(req, "limit"));
    refuse_offset(req);
    first_id = page_cursor(req);
    filter.q = single_param(req, "q").value_or("");
    filter.job_ids = repeated_param(req, "jobId");
    filter.statuses = repeated_param(req, "status");
    filter.tags = repeated_param(req, "tag");
    filter.locations = repeated_param(req, "location");
    filter.updated_after = updated_after(req);
  } catch (const BadParameter& e) {
    send_bad_parameter(res, e);
    return;
  }
  auto page = call.data.candidates(filter, first_id, limit);
  if (!page) {
    send_bad_parameter(
        res, BadParameter("pageId", "pageId does not point into this company's candidates"));
    return;
  }
  send_page(req, res, call, "/candidates", limit, *page);
}

void get_candidate(const httplib::Request&, httplib::Response& res, ApiCall& call) {
  const std::string& id = call.path_id;
  auto c = call.data.candidate(id);
  if (!c) {
    send_error(
        res, {404, std::string(error_code::kNotFound), "Candidate not found: " + shown_id(id), ""});
    return;
  }
  common::send_json(res, 200, to_json(*c));
}

void create_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  create(req, res, call, nullptr);
}

void create_job_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call) {
  const std::string& id = call.path_id;
  auto job = call.data.job(id);
  if (!job) {
    send_error(res,
               {404, std::string(error_code::kNotFound), "Job not found: " + shown_id(id), ""});
    return;
  }
  create(req, res, call, &*job);
}

void get_company_configuration(const httplib::Request&, httplib::Response& res, ApiCall& call) {
  res.status = 200;
  res.set_content(call.data.profile_json(), "application/json");
}

}  // namespace oauthsim::rs
