#include "oauthsim/authz/code_store.h"

namespace oauthsim::authz {
namespace {
// Used codes are kept this long past expiry so a late replay is still recognised as one.
constexpr std::int64_t kReplayMemoryMs = 60 * 60 * 1000;
constexpr std::size_t kSweepThreshold = 4096;
}  // namespace

void InMemoryCodeStore::put(AuthorizationCode code) {
  std::lock_guard lock(mu_);
  if (codes_.size() >= kSweepThreshold) {
    const std::int64_t cutoff = code.expires_ms - kReplayMemoryMs;
    std::erase_if(codes_, [cutoff](const auto& kv) { return kv.second.code.expires_ms < cutoff; });
  }
  std::string key = code.code;
  codes_.insert_or_assign(std::move(key), Entry{std::move(code), false});
}

RedeemResult InMemoryCodeStore::redeem(const std::string& code, const std::string& client_id,
                                       std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = codes_.find(code);
  if (it == codes_.end()) return {RedeemStatus::kUnknown, std::nullopt};
  Entry& e = it->second;
  if (e.code.client_id != client_id) return {RedeemStatus::kWrongClient, std::nullopt};
  if (e.used) return {RedeemStatus::kReplayed, e.code};
  e.used = true;
  if (now_ms >= e.code.expires_ms) return {RedeemStatus::kExpired, std::nullopt};
  return {RedeemStatus::kRedeemed, e.code};
}

void InMemoryCodeStore::clear() {
  std::lock_guard lock(mu_);
  codes_.clear();
}

}  // namespace oauthsim::authz
