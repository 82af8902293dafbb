#pragma once
#include <string>
#include <vector>

#include "oauthsim/common/config.h"

namespace oauthsim::authz {

// The HTML the authorization server shows a browser. Plain forms, no JavaScript: the
// scripted user agent reads them by id and field name, so those names are a contract.

struct LoginPage {
  std::string request_id;
  std::string csrf_token;
  std::string client_name;
  std::string username;  // refilled after a failed attempt
  std::string error;     // shown above the form when not empty
};
std::string render_login_page(const LoginPage& page);

struct ConsentPage {
  std::string request_id;
  std::string csrf_token;
  std::string client_name;
  std::string username;
  std::vector<common::ScopeInfo> scopes;  // name + description
};
std::string render_consent_page(const ConsentPage& page);

std::string render_error_page(const std::string& title, const std::string& message);

}  // namespace oauthsim::authz
