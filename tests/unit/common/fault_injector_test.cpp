#include "oauthsim/common/fault_injector.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace oauthsim::common {
namespace {

InjectedFault unavailable(int times = 1) {
  InjectedFault f;
  f.method = "POST";
  f.path = "/identity/oauth/token";
  f.status = 503;
  f.times = times;
  return f;
}

TEST(FaultInjector, NothingQueuedFiresNothing) {
  FaultInjector faults;
  EXPECT_FALSE(faults.take("POST", "/identity/oauth/token"));
}

TEST(FaultInjector, QueueIsCappedAndTakingOneMakesRoom) {
  FaultInjector faults;
  for (std::size_t i = 0; i < FaultInjector::kMaxQueued; ++i) faults.add(unavailable());
  try {
    faults.add(unavailable());
    ADD_FAILURE() << "one fault past the cap was queued";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("DELETE /_oauthsim/faults"), std::string::npos);
  }
  EXPECT_EQ(faults.pending().size(), FaultInjector::kMaxQueued);
  ASSERT_TRUE(faults.take("POST", "/identity/oauth/token"));
  faults.add(unavailable());
  EXPECT_EQ(faults.pending().size(), FaultInjector::kMaxQueued);
}

TEST(FaultInjector, OneShotFaultFiresOnceThenIsGone) {
  FaultInjector faults;
  faults.add(unavailable());
  auto fired = faults.take("POST", "/identity/oauth/token");
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->status, 503);
  EXPECT_FALSE(faults.take("POST", "/identity/oauth/token"));
  EXPECT_TRUE(faults.pending().empty());
}

TEST(FaultInjector, NShotFaultFiresNTimesAndCountsDown) {
  FaultInjector faults;
  faults.add(unavailable(3));
  ASSERT_TRUE(faults.take("POST", "/identity/oauth/token"));
  ASSERT_EQ(faults.pending().size(), 1u);
  EXPECT_EQ(faults.pending()[0].times, 2);
  EXPECT_TRUE(faults.take("POST", "/identity/oauth/token"));
  EXPECT_TRUE(faults.take("POST", "/identity/oauth/token"));
  EXPECT_FALSE(faults.take("POST", "/identity/oauth/token"));
}

TEST(FaultInjector, OtherMethodOrPathIsNotHit) {
  FaultInjector faults;
  faults.add(unavailable());
  EXPECT_FALSE(faults.take("GET", "/identity/oauth/token"));
  EXPECT_FALSE(faults.take("POST", "/identity/oauth/token/"));
  EXPECT_EQ(faults.pending().size(), 1u);
}

TEST(FaultInjector, EmptyMethodMatchesAnyMethod) {
  FaultInjector faults;
  auto f = unavailable();
  f.method.clear();
  faults.add(f);
  EXPECT_TRUE(faults.take("GET", "/identity/oauth/token"));
}

TEST(FaultInjector, FirstQueuedMatchingFaultFiresFirst) {
  FaultInjector faults;
  auto first = unavailable();
  auto second = unavailable();
  second.status = 429;
  faults.add(first);
  faults.add(second);
  EXPECT_EQ(faults.take("POST", "/identity/oauth/token")->status, 503);
  EXPECT_EQ(faults.take("POST", "/identity/oauth/token")->status, 429);
}

TEST(FaultInjector, ClearDropsEverything) {
  FaultInjector faults;
  faults.add(unavailable(5));
  faults.clear();
  EXPECT_FALSE(faults.take("POST", "/identity/oauth/token"));
}

TEST(FaultInjector, RefusesFaultsThatCouldNeverFireOrDoNothing) {
  FaultInjector faults;
  auto zero = unavailable(0);
  EXPECT_THROW(faults.add(zero), std::invalid_argument);
  auto relative = unavailable();
  relative.path = "identity/oauth/token";
  EXPECT_THROW(faults.add(relative), std::invalid_argument);
  auto bad_status = unavailable();
  bad_status.status = 42;
  EXPECT_THROW(faults.add(bad_status), std::invalid_argument);
  auto nothing = unavailable();
  nothing.status = 0;
  EXPECT_THROW(faults.add(nothing), std::invalid_argument);
}

TEST(FaultInjector, DescribesWhatItDoes) {
  auto f = unavailable(2);
  EXPECT_EQ(f.describe(), "503 2 times on POST /identity/oauth/token");
  f.status = 0;
  f.delay = std::chrono::milliseconds(250);
  f.times = 1;
  EXPECT_EQ(f.describe(), "real answer delayed 250 ms once on POST /identity/oauth/token");
}

TEST(FaultInjector, DroppedConnectionAloneIsAFault) {
  FaultInjector faults;
  auto drop = unavailable();
  drop.status = 0;
  drop.drop_connection = true;
  faults.add(drop);
  const auto fired = faults.take("POST", "/identity/oauth/token");
  ASSERT_TRUE(fired);
  EXPECT_TRUE(fired->drop_connection);
}

TEST(FaultInjector, DescribesADroppedConnection) {
  auto f = unavailable();
  f.status = 0;
  f.drop_connection = true;
  EXPECT_EQ(f.describe(), "connection dropped once on POST /identity/oauth/token");
  f.status = 502;
  f.delay = std::chrono::milliseconds(5);
  EXPECT_EQ(f.describe(), "connection dropped (502 after 5 ms) once on POST /identity/oauth/token");
}

TEST(FaultQuirk, EachNameRoundTripsAndMakesAnAddableFault) {
  for (auto q : {FaultQuirk::kEmptyJson200, FaultQuirk::kNonJsonBody, FaultQuirk::kWrongContentType,
                 FaultQuirk::kTlsHandshakeRefused}) {
    EXPECT_EQ(fault_quirk_from_name(fault_quirk_name(q)), q);
    auto f = unavailable();
    f.status = 0;
    apply_quirk(q, f);
    FaultInjector faults;
    EXPECT_NO_THROW(faults.add(f)) << fault_quirk_name(q);
  }
  EXPECT_FALSE(fault_quirk_from_name("empty_json"));
  auto empty = unavailable();
  apply_quirk(FaultQuirk::kEmptyJson200, empty);
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body, "{}");
  auto relabel = unavailable();
  apply_quirk(FaultQuirk::kWrongContentType, relabel);
  EXPECT_EQ(relabel.status, 0) << "the real handler answers";
  EXPECT_EQ(relabel.describe(),
            "real answer labelled Content-Type: text/plain; charset=utf-8 once on POST "
            "/identity/oauth/token");
}

TEST(FaultQuirk, AContentTypeRewriteCannotReplaceTheAnswer) {
  auto f = unavailable();  // status 503
  f.rewrite_content_type = "text/plain";
  FaultInjector faults;
  EXPECT_THROW(faults.add(f), std::invalid_argument);
}

TEST(FaultQuirk, ARefusedHandshakeFiresOnHandshakesNeverOnRequests) {
  EXPECT_EQ(fault_quirk_from_name("tls_handshake_refused"), FaultQuirk::kTlsHandshakeRefused);
  auto f = unavailable();
  f.status = 0;
  f.times = 2;
  apply_quirk(FaultQuirk::kTlsHandshakeRefused, f);
  EXPECT_TRUE(f.refuse_tls_handshake);
  EXPECT_EQ(f.describe(), "TLS handshake refused 2 times on " + f.method + " " + f.path);
  FaultInjector faults;
  faults.add(f);
  EXPECT_FALSE(faults.take(f.method, f.path)) << "a request arrives only after a handshake";
  EXPECT_TRUE(faults.take_handshake());
  EXPECT_TRUE(faults.take_handshake());
  EXPECT_FALSE(faults.take_handshake());
}

TEST(FaultQuirk, ARefusedHandshakeCannotAlsoAnswer) {
  auto f = unavailable();  // status 503
  apply_quirk(FaultQuirk::kTlsHandshakeRefused, f);
  EXPECT_EQ(f.status, 0) << "the quirk clears the status";
  f.delay = std::chrono::milliseconds(10);
  FaultInjector faults;
  EXPECT_THROW(faults.add(f), std::invalid_argument);
}

}  // namespace
}  // namespace oauthsim::common
