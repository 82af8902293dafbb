#pragma once
#include <algorithm>
#include <cstdint>
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

class InMemoryTokenStore final : public TokenStore {
 public:
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

 private:
  struct RefreshEntry {
    RefreshTokenRecord record;
    bool used = false;
  };
  struct AccessEntry {
    AccessTokenRecord record;
    bool revoked = false;
  };
  static constexpr std::size_t kMinSweep = 4096;
  mutable std::mutex mu_;
  std::size_t next_sweep_ = kMinSweep;
  std::unordered_map<std::string, Grant> grants_;
  std::unordered_set<std::string> revoked_grants_;
  std::unordered_map<std::string, AccessEntry> access_;
  std::unordered_map<std::string, RefreshEntry> refresh_;
};

}  // namespace oauthsim::authz
