// The trace as a bounded ring: capacity, dropped count, paging by seq.
#include <gtest/gtest.h>

#include <string>

#include "oauthsim/common/trace.h"

namespace oauthsim::common {
namespace {

void record_paths(Trace& t, int n) {
  for (int i = 1; i <= n; ++i) {
    TraceEntry e;
    e.path = "/" + std::to_string(i);
    t.record(e);
  }
}

TEST(TraceRing, DefaultCapacityIsTenThousand) {
  EXPECT_EQ(Trace().capacity(), 10'000u);
}

TEST(TraceRing, KeepsTheNewestEntriesAndCountsTheDroppedOnes) {
  Trace t(3);
  record_paths(t, 5);
  const auto es = t.entries();
  ASSERT_EQ(es.size(), 3u);
  EXPECT_EQ(es.front().path, "/3");
  EXPECT_EQ(es.back().path, "/5");
  EXPECT_EQ(t.dropped(), 2u);
}

TEST(TraceRing, AnnouncesTheFirstDropOnlyOnce) {
  Trace t(2);
  int announced = 0;
  std::size_t said_capacity = 0;
  t.set_on_first_drop([&](std::size_t capacity) {
    ++announced;
    said_capacity = capacity;
  });
  record_paths(t, 2);
  EXPECT_EQ(announced, 0);
  record_paths(t, 5);
  EXPECT_EQ(announced, 1);
  EXPECT_EQ(said_capacity, 2u);
}

TEST(TraceRing, ClearResetsTheDroppedCount) {
  Trace t(1);
  record_paths(t, 3);
  ASSERT_EQ(t.dropped(), 2u);
  t.clear();
  EXPECT_EQ(t.dropped(), 0u);
  EXPECT_EQ(t.size(), 0u);
}

TEST(TraceRing, PageReturnsEntriesAfterSinceUpToLimit) {
  Trace t;
  record_paths(t, 5);
  const auto all = t.entries();
  const auto first = t.page(0, 2);
  ASSERT_EQ(first.entries.size(), 2u);
  EXPECT_EQ(first.entries[0].path, "/1");
  EXPECT_TRUE(first.more);
  const auto second = t.page(first.entries.back().seq, 10);
  ASSERT_EQ(second.entries.size(), 3u);
  EXPECT_EQ(second.entries[0].path, "/3");
  EXPECT_FALSE(second.more);
  EXPECT_TRUE(t.page(all.back().seq, 10).entries.empty());
}

TEST(TraceRing, PageAfterDroppedEntriesStartsAtTheOldestKept) {
  Trace t(2);
  record_paths(t, 4);
  const auto p = t.page(0, 10);
  ASSERT_EQ(p.entries.size(), 2u);
  EXPECT_EQ(p.entries[0].path, "/3");
  EXPECT_EQ(p.dropped, 2u);
}

TEST(TraceRing, OutOfOrderRecordingStaysSortedInTheRing) {
  Trace t(2);
  const auto a = t.reserve_seq();
  const auto b = t.reserve_seq();
  TraceEntry eb;
  eb.seq = b;
  eb.path = "/b";
  t.record(eb);
  TraceEntry ea;
  ea.seq = a;
  ea.path = "/a";
  t.record(ea);
  record_paths(t, 1);  // pushes out the oldest by seq, /a
  const auto es = t.entries();
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].path, "/b");
}

}  // namespace
}  // namespace oauthsim::common
