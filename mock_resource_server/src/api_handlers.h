#pragma once
// Private to oauthsim::rs: the Customer API routes, called only after the bearer token, the
// rate limit and the route's scope have been checked (resource_server.cpp).
#include <functional>
#include <string>

#include <httplib.h>

#include "oauthsim/common/config.h"
#include "oauthsim/common/token_info.h"
#include "oauthsim/rs/api_error.h"
#include "oauthsim/rs/company_store.h"

namespace oauthsim::rs {

struct ApiCall {
  const common::Config& config;
  const common::TokenInfo& token;
  const common::UserConfig* user;  // null for client_credentials tokens
  CompanyDataset& data;            // the caller's company
  std::string public_base;  // "http://127.0.0.1:port": the bound origin, never the Host header
  std::string path_id;      // the value of the route's "{id}" ("" for a route without one)
};

using ApiHandler = std::function<void(const httplib::Request&, httplib::Response&, ApiCall&)>;

void get_users_me(const httplib::Request& req, httplib::Response& res, ApiCall& call);
void list_jobs(const httplib::Request& req, httplib::Response& res, ApiCall& call);
void get_job(const httplib::Request& req, httplib::Response& res, ApiCall& call);
void list_candidates(const httplib::Request& req, httplib::Response& res, ApiCall& call);
void get_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call);
void create_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call);
void create_job_candidate(const httplib::Request& req, httplib::Response& res, ApiCall& call);
void get_company_configuration(const httplib::Request& req, httplib::Response& res, ApiCall& call);

// SR's error body (api_error.h): every error this API sends that is not an RFC 6750 one.
void send_error(httplib::Response& res, const ApiError& e);

}  // namespace oauthsim::rs
