#pragma once
// A token table standing in for the authorization server: tests add, revoke and break tokens
// while the server runs on its own threads.
#include <map>
#include <mutex>
#include <string>

#include "oauthsim/common/token_info.h"

namespace oauthsim::rs::testing {

class FakeTokenVerifier final : public common::TokenVerifier {
 public:
  void add(const std::string& token, common::TokenInfo info) {
    std::lock_guard lock(mu_);
    info.active = true;
    tokens_[token] = std::move(info);
  }
  void revoke(const std::string& token) {
    std::lock_guard lock(mu_);
    tokens_.erase(token);
  }
  void set_unavailable(bool down) {
    std::lock_guard lock(mu_);
    unavailable_ = down;
  }
  int calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }

  common::TokenInfo verify(std::string_view token) override {
    std::lock_guard lock(mu_);
    ++calls_;
    if (unavailable_) throw common::VerifierUnavailable("authorization server down");
    auto it = tokens_.find(std::string(token));
    return it == tokens_.end() ? common::TokenInfo{} : it->second;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, common::TokenInfo> tokens_;
  bool unavailable_ = false;
  int calls_ = 0;
};

}  // namespace oauthsim::rs::testing
