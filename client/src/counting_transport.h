#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

#include "oauthsim/common/http_transport.h"

namespace oauthsim::client::detail {

// Passes requests through and counts those sent to the token endpoint, so tests can say
// "a denial made no token request" without looking inside the client.
class CountingTransport final : public common::HttpTransport {
 public:
  CountingTransport(common::HttpTransport& inner, std::function<std::string()> token_endpoint)
      : inner_(inner), token_endpoint_(std::move(token_endpoint)) {}

  common::HttpResponse send(const common::HttpRequest& request) override {
    const std::string endpoint = token_endpoint_();
    const std::string url = request.url.substr(0, request.url.find('?'));
    if (!endpoint.empty() && url == endpoint) token_requests_.fetch_add(1);
    return inner_.send(request);
  }
  std::size_t token_requests() const { return token_requests_.load(); }

 private:
  common::HttpTransport& inner_;
  std::function<std::string()> token_endpoint_;
  std::atomic<std::size_t> token_requests_{0};
};

}  // namespace oauthsim::client::detail
