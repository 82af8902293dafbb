#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace oauthsim::common {

// How long browser-side state (the mock's login sessions, pending requests and CSRF tokens; the
// vendor app's sessions) may sit unused (wall-clock time: a virtual clock that stands
// still must not keep it forever), and how much of it there may be at most.
struct IdleLimits {
  std::int64_t idle_ms = 30 * 60 * 1000;
  std::size_t max_entries = 100'000;
};

// A map whose entries are kept in order of last use, so the longest idle is found first: each
// insert reaps what has been idle too long, and the least recently used past max_entries, in
// O(1) amortised per entry. Not thread safe: the owning store locks.
template <typename Value>
class IdleMap {
 public:
  explicit IdleMap(IdleLimits limits) : limits_(limits) {}

  // The value, marked used at wall_ms; null when absent.
  Value* find(const std::string& key, std::int64_t wall_ms) {
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    it->second.last_used_ms = wall_ms;
    order_.splice(order_.end(), order_, it->second.order);
    return &it->second.value;
  }

  void put(const std::string& key, Value value, std::int64_t wall_ms) {
    reap(wall_ms);
    auto [it, inserted] = map_.try_emplace(key);
    it->second.value = std::move(value);
    it->second.last_used_ms = wall_ms;
    if (inserted) {
      it->second.order = order_.insert(order_.end(), &it->first);
    } else {
      order_.splice(order_.end(), order_, it->second.order);
    }
    while (map_.size() > limits_.max_entries) erase_oldest();
  }

  bool erase(const std::string& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return false;
    order_.erase(it->second.order);
    map_.erase(it);
    return true;
  }

  template <typename Pred>
  void erase_if(Pred pred) {
    for (auto it = map_.begin(); it != map_.end();) {
      if (pred(it->second.value)) {
        order_.erase(it->second.order);
        it = map_.erase(it);
      } else {
        ++it;
      }
    }
  }

  // Forgets what has not been used for idle_ms.
  void reap(std::int64_t wall_ms) {
    while (!order_.empty()) {
      auto it = map_.find(*order_.front());
      if (wall_ms - it->second.last_used_ms < limits_.idle_ms) break;
      order_.pop_front();
      map_.erase(it);
    }
  }

  std::size_t size() const { return map_.size(); }
  void clear() {
    order_.clear();
    map_.clear();
  }

 private:
  struct Slot {
    Value value{};
    std::int64_t last_used_ms = 0;
    typename std::list<const std::string*>::iterator order;
  };
  void erase_oldest() {
    auto it = map_.find(*order_.front());
    order_.pop_front();
    map_.erase(it);
  }

  IdleLimits limits_;
  std::unordered_map<std::string, Slot> map_;
  std::list<const std::string*> order_;  // keys (owned by map_'s nodes), least recently used first
};

}  // namespace oauthsim::common
