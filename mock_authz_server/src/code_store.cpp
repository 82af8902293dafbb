#include "oauthsim/authz/code_store.h"

namespace oauthsim::authz {

void InMemoryCodeStore::reap(std::int64_t now_ms) {
  while (!order_.empty()) {
    auto it = codes_.find(*order_.front());
    const bool over_cap = codes_.size() > max_codes_;
    if (!over_cap && it->second.code.expires_ms + kReplayMemoryMs > now_ms) break;
    order_.pop_front();
    codes_.erase(it);
  }
}

void InMemoryCodeStore::put(AuthorizationCode code) {
  std::lock_guard lock(mu_);
  auto [it, inserted] = codes_.try_emplace(code.code);
  it->second = Entry{std::move(code), false};
  if (inserted) order_.push_back(&it->first);
  // The store has no clock; a new code expires one code lifetime after now, and that lifetime
  // is shorter than the replay memory, so this forgets only codes at least that far past.
  reap(it->second.code.expires_ms);
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
  order_.clear();
  codes_.clear();
}

std::size_t InMemoryCodeStore::size() const {
  std::lock_guard lock(mu_);
  return codes_.size();
}

}  // namespace oauthsim::authz
