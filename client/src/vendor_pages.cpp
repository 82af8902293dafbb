#include "vendor_pages.h"

#include "oauthsim/common/http_server.h"

namespace oauthsim::client::detail {
namespace {

using common::html_escape;

std::string page(const std::string& title, const std::string& body_html) {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
         "</title></head>\n<body>\n<h1>" + html_escape(title) + "</h1>\n" + body_html +
         "\n<p><a href=\"/\">Home</a></p>\n</body></html>\n";
}

}  // namespace

std::string home_page() {
  return page("Vendor app",
              "<p>This app reads your SmartRecruiters data once you connect it.</p>\n"
              "<p><a id=\"connect\" href=\"/connect\">Connect with SmartRecruiters</a></p>");
}

std::string connected_page(const std::string& first_name, const std::string& last_name) {
  return page("Connected", "<p id=\"result\">Connected as " + html_escape(first_name) + " " +
                               html_escape(last_name) + "</p>\n" +
                               "<p><a href=\"/action?path=/users/me\">Call /users/me</a></p>");
}

std::string denied_page(const std::string& description) {
  std::string text = "Access was denied: the app was not connected to SmartRecruiters.";
  if (!description.empty()) text += " The authorization server said: " + description;
  return page("Access denied", "<p id=\"result\">" + html_escape(text) + "</p>");
}

std::string error_page(const std::string& title, const std::string& message) {
  return page(title, "<p id=\"result\">" + html_escape(message) + "</p>");
}

std::string message_page(const std::string& title, const std::string& message) {
  return page(title, "<p id=\"result\">" + html_escape(message) + "</p>");
}

std::string api_result_page(const std::string& method, const std::string& path, int status,
                            const std::string& body) {
  return page("Customer API", "<p>" + html_escape(method) + " " + html_escape(path) +
                                  " answered <span id=\"status\">" + std::to_string(status) +
                                  "</span></p>\n<pre id=\"body\">" + html_escape(body) + "</pre>");
}

}  // namespace oauthsim::client::detail
