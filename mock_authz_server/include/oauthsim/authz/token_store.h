#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace oauthsim::authz {

// One authorization a user (or, for client_credentials, the client itself) gave a client.
// Every access and refresh token hangs off a grant; revoking the grant kills them all.
struct Grant {
  std::string id;
  std::string client_id;
  std::string username;  // empty for client_credentials
  std::vector<std::string> scopes;
  std::int64_t created_ms = 0;
};

struct AccessTokenRecord {
  std::string token;
  std::string grant_id;
  std::string client_id;
  std::string username;
  std::vector<std::string> scopes;
  std::int64_t issued_ms = 0;
  std::int64_t expires_ms = 0;
  // RFC 8705 3: the x5t#S256 of the client certificate the token is bound to; empty for a
  // plain bearer token.
  std::string certificate_thumbprint;
};

struct RefreshTokenRecord {
  std::string token;
  std::string grant_id;
  std::string client_id;
  std::string username;
  std::vector<std::string> scopes;  // the grant's full scope: a later refresh may ask for it again
  std::int64_t expires_ms = 0;
};

// An access token looked up together with the state of its grant.
struct AccessTokenLookup {
  AccessTokenRecord record;
  bool revoked = false;  // the token or its grant
};

enum class ConsumeStatus { kConsumed, kUnknown, kExpired, kWrongClient, kRevoked, kReused };

struct ConsumeResult {
  ConsumeStatus status = ConsumeStatus::kUnknown;
  std::optional<RefreshTokenRecord> record;  // set unless kUnknown
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  virtual void add_grant(Grant grant) = 0;
  virtual std::optional<Grant> find_grant(const std::string& grant_id) const = 0;
  virtual void add_access_token(AccessTokenRecord record) = 0;
  virtual void add_refresh_token(RefreshTokenRecord record) = 0;
  virtual std::optional<AccessTokenLookup> find_access_token(const std::string& token) const = 0;
  // Live (not used, not revoked) or not, the record for a refresh token.
  virtual std::optional<RefreshTokenRecord> find_refresh_token(const std::string& token) const = 0;

  // One atomic step: a refresh token works once (SR rotation). Presenting one that was
  // already rotated out answers kReused and, with revoke_grant_on_reuse, revokes its whole
  // grant (RFC 9700 4.14.2). A token presented by another client is left untouched.
  virtual ConsumeResult consume_refresh_token(const std::string& token,
                                              const std::string& client_id, std::int64_t now_ms,
                                              bool revoke_grant_on_reuse = true) = 0;

  // Idempotent; works before the grant exists (a replayed code can race its first redemption).
  virtual void revoke_grant(const std::string& grant_id) = 0;
  virtual bool is_grant_revoked(const std::string& grant_id) const = 0;
  virtual void revoke_access_token(const std::string& token) = 0;
  // Returns how many grants were revoked.
  virtual std::size_t revoke_grants_of_user(const std::string& username) = 0;
  // Forgets every grant and token (the control API's reset).
  virtual void clear() = 0;
};

// How much an in-memory store holds at most (`serve --max-live-tokens`).
struct TokenStoreLimits {
  // Access tokens kept, and separately refresh tokens; past it the oldest is evicted (its holder
  // then gets invalid_token / invalid_grant, as for an unknown token).
  std::size_t max_live_tokens = 100'000;
};

// Bounded by design: tokens are forgotten an hour (virtual time) after they expire, so a late
// one is still answered "expired", and the oldest are evicted past the cap; a grant goes with
// its last token (a revoked grant after its tokens' lifetimes). Both happen in issue order, so
// each insert does O(1) amortised work. Records share their grant's client, user and scopes,
// which keeps a live token well under 512 bytes with its indexes (bench/live_tokens.cpp).
class InMemoryTokenStore final : public TokenStore {
 public:
  explicit InMemoryTokenStore(TokenStoreLimits limits = {});
  void add_grant(Grant grant) override;
  std::optional<Grant> find_grant(const std::string& grant_id) const override;
  void add_access_token(AccessTokenRecord record) override;
  void add_refresh_token(RefreshTokenRecord record) override;
  std::optional<AccessTokenLookup> find_access_token(const std::string& token) const override;
  std::optional<RefreshTokenRecord> find_refresh_token(const std::string& token) const override;
  ConsumeResult consume_refresh_token(const std::string& token, const std::string& client_id,
                                      std::int64_t now_ms,
                                      bool revoke_grant_on_reuse = true) override;
  void revoke_grant(const std::string& grant_id) override;
  bool is_grant_revoked(const std::string& grant_id) const override;
  void revoke_access_token(const std::string& token) override;
  std::size_t revoke_grants_of_user(const std::string& username) override;
  void clear() override;

  // Called once (outside the lock) the first time the cap evicts a token.
  void set_on_first_eviction(std::function<void(std::size_t max_live_tokens)> announce);
  // What is held now (tests and benchmarks).
  std::size_t access_token_count() const;
  std::size_t refresh_token_count() const;
  std::size_t grant_count() const;

  // How long past expiry a token is remembered (answered "expired", not "unknown"), and an
  // orphan revocation (of a grant not yet created: a code replay racing its first redemption)
  // waits for its grant.
  static constexpr std::int64_t kMemoryPastExpiryMs = 60 * 60 * 1000;

 private:
  using Scopes = std::shared_ptr<const std::vector<std::string>>;
  struct GrantEntry {
    std::string client_id;
    std::string username;
    Scopes scopes;
    std::int64_t created_ms = 0;
    std::uint32_t tokens = 0;  // access and refresh tokens held that hang off it
    bool known = false;        // add_grant() was called (not just a revocation or a token)
    bool revoked = false;
  };
  using GrantMap = std::unordered_map<std::string, GrantEntry>;
  using GrantRef = GrantMap::value_type*;  // nodes stay put until erased
  struct AccessEntry {
    GrantRef grant = nullptr;
    Scopes scopes;
    std::int64_t issued_ms = 0;
    std::int64_t expires_ms = 0;
    std::string certificate_thumbprint;
    bool revoked = false;
  };
  struct RefreshEntry {
    GrantRef grant = nullptr;
    Scopes scopes;
    std::int64_t expires_ms = 0;
    bool used = false;
  };
  using AccessMap = std::unordered_map<std::string, AccessEntry>;
  using RefreshMap = std::unordered_map<std::string, RefreshEntry>;

  // Callers hold mu_.
  Scopes intern(const std::vector<std::string>& scopes);
  GrantRef grant_for_token(const std::string& grant_id, const std::string& client_id,
                           const std::string& username, const std::vector<std::string>& scopes);
  void release(GrantRef grant);
  bool grant_revoked(const std::string& grant_id) const;
  // Forgets what expired long enough ago, and the oldest past the cap; true when the cap evicted.
  bool reap();
  AccessTokenRecord access_record(const std::string& token, const AccessEntry& e) const;
  RefreshTokenRecord refresh_record(const std::string& token, const RefreshEntry& e) const;

  const TokenStoreLimits limits_;
  mutable std::mutex mu_;
  std::int64_t now_ms_ = 0;  // the latest time seen (issue or refresh): the store has no clock
  GrantMap grants_;
  AccessMap access_;
  RefreshMap refresh_;
  // Issue order, which is expiry order (one lifetime per kind, a clock that only advances).
  std::deque<AccessMap::value_type*> access_order_;
  std::deque<RefreshMap::value_type*> refresh_order_;
  std::deque<std::pair<std::int64_t, std::string>> orphan_revocations_;  // (when, grant id)
  std::map<std::vector<std::string>, Scopes> interned_scopes_;
  bool eviction_announced_ = false;
  std::function<void(std::size_t)> on_first_eviction_;
};

}  // namespace oauthsim::authz
