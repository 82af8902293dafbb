// HttpServer's worker threads: one per connection being served, started on demand, and given
// back after ReadLimits::worker_idle_exit without work, so a long-running `serve` does not keep
// the threads of a burst of connections.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "oauthsim/common/http_server.h"

namespace oauthsim::common {
namespace {

using namespace std::chrono_literals;

// Waits (in real time: worker threads run on the steady clock) until `done` holds; false when
// it still does not after `limit`.
template <typename Done>
bool eventually(Done done, std::chrono::milliseconds limit = 5000ms) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

class WorkerPoolTest : public ::testing::Test {
 protected:
  static ReadLimits limits() {
    ReadLimits l;
    l.worker_idle_exit = 50ms;
    return l;
  }

  WorkerPoolTest() : server_(party::kResourceServer, &trace_, &clock_, std::nullopt, limits()) {
    // Each request waits until `burst_` requests are in flight at once, so each needs a worker.
    server_.routes().Get("/burst", [this](const httplib::Request&, httplib::Response& res) {
      std::unique_lock lock(mu_);
      ++in_flight_;
      cv_.notify_all();
      if (!cv_.wait_for(lock, 5s, [this] { return in_flight_ >= burst_; })) all_at_once_ = false;
      res.set_content("ok", "text/plain");
    });
    server_.start();
  }

  int get(const char* path) {
    httplib::Client client("127.0.0.1", server_.port());
    const auto res = client.Get(path);
    return res ? res->status : 0;
  }

  Trace trace_;
  VirtualClock clock_;
  HttpServer server_;
  std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0;
  int burst_ = 4;
  bool all_at_once_ = true;  // no request waited in vain for the rest of its burst
};

TEST_F(WorkerPoolTest, NoWorkerRunsBeforeTheFirstConnection) {
  EXPECT_EQ(server_.worker_threads(), 0u);
}

TEST_F(WorkerPoolTest, ABurstsWorkersEndOnceIdleAndThePoolGrowsAgain) {
  std::vector<std::thread> clients;
  std::vector<int> statuses(burst_, 0);
  for (int i = 0; i < burst_; ++i) {
    clients.emplace_back([this, &statuses, i] { statuses[i] = get("/burst"); });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(statuses, std::vector<int>(burst_, 200));
  // Every request of the burst was in flight at once: each had a worker of its own.
  EXPECT_TRUE(all_at_once_);

  EXPECT_TRUE(eventually([this] { return server_.worker_threads() == 0; }))
      << server_.worker_threads() << " workers still alive after the burst";

  burst_ = 1;
  EXPECT_EQ(get("/burst"), 200);  // a new connection starts a worker again
}

TEST_F(WorkerPoolTest, AWorkerWaitingOnAKeptConnectionIsNotEnded) {
  // The connection stays open across many idle-exit periods: its worker serves it until the
  // connection's own idle timeout, not the pool's.
  burst_ = 1;
  httplib::Client client("127.0.0.1", server_.port());
  client.set_keep_alive(true);
  ASSERT_EQ(client.Get("/burst")->status, 200);
  std::this_thread::sleep_for(200ms);  // four idle-exit periods: a real wait, nothing to advance
  EXPECT_EQ(server_.worker_threads(), 1u);
  const auto again = client.Get("/burst");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

}  // namespace
}  // namespace oauthsim::common
