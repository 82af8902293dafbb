#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace oauthsim::authz {

// An authorization code and everything it was bound to at the authorization endpoint.
struct AuthorizationCode {
  std::string code;
  std::string client_id;
  std::string redirect_uri;
  std::string username;
  std::vector<std::string> scopes;
  std::string code_challenge;  // empty: no PKCE
  std::string code_challenge_method;
  // Chosen when the code is issued, so a replay can revoke the tokens of the first
  // redemption even while that redemption is still being answered.
  std::string grant_id;
  std::int64_t expires_ms = 0;
};

enum class RedeemStatus { kRedeemed, kUnknown, kExpired, kWrongClient, kReplayed };

struct RedeemResult {
  RedeemStatus status = RedeemStatus::kUnknown;
  std::optional<AuthorizationCode> code;  // set for kRedeemed and kReplayed
};

class CodeStore {
 public:
  virtual ~CodeStore() = default;
  virtual void put(AuthorizationCode code) = 0;
  // One atomic step: marks the code used and returns it, or says why not. A code presented
  // by another client is left untouched (that client must not be able to burn it).
  virtual RedeemResult redeem(const std::string& code, const std::string& client_id,
                              std::int64_t now_ms) = 0;
  // Forgets every code, used or not (the control API's reset).
  virtual void clear() = 0;
};

class InMemoryCodeStore final : public CodeStore {
 public:
  void put(AuthorizationCode code) override;
  RedeemResult redeem(const std::string& code, const std::string& client_id,
                      std::int64_t now_ms) override;
  void clear() override;

 private:
  struct Entry {
    AuthorizationCode code;
    bool used = false;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> codes_;
};

}  // namespace oauthsim::authz
