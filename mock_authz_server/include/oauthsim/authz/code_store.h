#pragma once
#include <cstdint>
#include <deque>
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

// Codes are remembered an hour past expiry (a late replay is still recognised as one), then
// forgotten in issue order, which is expiry order: O(1) amortised per code. Past max_codes the
// oldest go first.
class InMemoryCodeStore final : public CodeStore {
 public:
  static constexpr std::int64_t kReplayMemoryMs = 60 * 60 * 1000;
  explicit InMemoryCodeStore(std::size_t max_codes = 100'000) : max_codes_(max_codes) {}
  std::size_t size() const;
  void put(AuthorizationCode code) override;
  RedeemResult redeem(const std::string& code, const std::string& client_id,
                      std::int64_t now_ms) override;
  void clear() override;

 private:
  struct Entry {
    AuthorizationCode code;
    bool used = false;
  };
  void reap(std::int64_t now_ms);  // caller holds mu_

  const std::size_t max_codes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> codes_;
  std::deque<const std::string*> order_;  // keys (owned by codes_'s nodes) in issue order
};

}  // namespace oauthsim::authz
