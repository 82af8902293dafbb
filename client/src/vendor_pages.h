#pragma once
#include <string>

namespace oauthsim::client::detail {

// The vendor app's HTML pages. Every argument is text and is escaped here.
std::string home_page();
std::string connected_page(const std::string& first_name, const std::string& last_name);
std::string denied_page(const std::string& description);
std::string error_page(const std::string& title, const std::string& message);
// A page for an outcome that is not an error (tokens refreshed, token revoked).
std::string message_page(const std::string& title, const std::string& message);
std::string api_result_page(const std::string& method, const std::string& path, int status,
                            const std::string& body);

}  // namespace oauthsim::client::detail
