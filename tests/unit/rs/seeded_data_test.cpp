#include "oauthsim/rs/seeded_data.h"

#include <gtest/gtest.h>

#include <set>

#include "oauthsim/common/clock.h"
#include "oauthsim/rs/company_store.h"

namespace oauthsim::rs {
namespace {

TEST(SeededDataTest, SameSeedAndCompanyGiveIdenticalData) {
  auto a = generate_company_data(42, "Acme");
  auto b = generate_company_data(42, "Acme");
  ASSERT_EQ(a.jobs.size(), kJobsPerCompany);
  ASSERT_EQ(a.candidates.size(), kCandidatesPerCompany);
  for (std::size_t i = 0; i < a.jobs.size(); ++i) EXPECT_EQ(to_json(a.jobs[i]), to_json(b.jobs[i]));
  for (std::size_t i = 0; i < a.candidates.size(); ++i) {
    EXPECT_EQ(to_json(a.candidates[i]), to_json(b.candidates[i]));
  }
  EXPECT_EQ(to_json(a.profile), to_json(b.profile));
}

TEST(SeededDataTest, OtherCompanyOrSeedGivesOtherIds) {
  auto acme = generate_company_data(42, "Acme");
  auto globex = generate_company_data(42, "Globex");
  auto acme2 = generate_company_data(43, "Acme");
  std::set<std::string> ids;
  for (const auto& j : acme.jobs) ids.insert(j.id);
  for (const auto& c : acme.candidates) ids.insert(c.id);
  for (const auto& j : globex.jobs) EXPECT_FALSE(ids.count(j.id));
  for (const auto& c : globex.candidates) EXPECT_FALSE(ids.count(c.id));
  EXPECT_NE(acme.jobs[0].id, acme2.jobs[0].id);
  EXPECT_EQ(globex.profile.name, "Globex");
}

TEST(SeededDataTest, IdsAreUniqueWithinACompany) {
  auto d = generate_company_data(7, "Acme");
  std::set<std::string> ids;
  for (const auto& j : d.jobs) EXPECT_TRUE(ids.insert(j.id).second);
  for (const auto& c : d.candidates) EXPECT_TRUE(ids.insert(c.id).second);
}

TEST(SeededDataTest, CandidateAssignmentsPointAtTheCompanysJobs) {
  auto d = generate_company_data(7, "Acme");
  std::set<std::string> job_ids;
  for (const auto& j : d.jobs) job_ids.insert(j.id);
  for (const auto& c : d.candidates) {
    if (!c.job_id.empty()) {
      EXPECT_TRUE(job_ids.count(c.job_id)) << c.id;
    }
  }
}

TEST(SeededDataTest, ShapesFollowSrFieldNames) {
  auto d = generate_company_data(7, "Acme");
  auto job = to_json(d.jobs[0]);
  for (const char* k : {"id", "refNumber", "title", "status", "postingStatus", "location",
                        "createdOn", "updatedOn"}) {
    EXPECT_TRUE(job.contains(k)) << k;
  }
  auto cand = to_json(d.candidates[0]);
  for (const char* k : {"id", "firstName", "lastName", "email", "primaryAssignment", "createdOn"}) {
    EXPECT_TRUE(cand.contains(k)) << k;
  }
}

TEST(SeededDataTest, Iso8601FormatsUtcMilliseconds) {
  EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_utc(common::VirtualClock::kDefaultStartMs + 1234), "2026-01-01T00:00:01.234Z");
  EXPECT_EQ(iso8601_utc(951'782'400'000), "2000-02-29T00:00:00.000Z");
}

TEST(CompanyStoreTest, CompaniesAreIsolatedAndStable) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto& globex = store.get("Globex");
  EXPECT_EQ(&acme, &store.get("Acme"));
  auto acme_first = acme.candidates(std::nullopt, 1)->content.at(0).id;
  EXPECT_FALSE(globex.candidate(acme_first)) << "Globex must not see Acme's candidates";
  EXPECT_EQ(acme.jobs({}, 0, 100).total_found, 25u);
  EXPECT_EQ(acme.profile().name, "Acme");
}

TEST(CompanyStoreTest, CreatedCandidateIsAppendedAndOnlyInItsCompany) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto c = acme.add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, nullptr);
  EXPECT_EQ(c.created_on, "2026-01-01T00:00:00.000Z");
  auto page = acme.candidates(std::nullopt, 100);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total_found, kCandidatesPerCompany + 1);
  EXPECT_EQ(page->content.back().id, c.id);
  EXPECT_TRUE(acme.candidate(c.id));
  EXPECT_FALSE(store.get("Globex").candidate(c.id));
}

TEST(CompanyStoreTest, CandidateAddedToAJobCarriesTheAssignment) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto job = acme.jobs({}, 3, 1).content.at(0);
  auto c = acme.add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, &job);
  EXPECT_EQ(c.job_id, job.id);
  EXPECT_EQ(c.status, "NEW");
}

TEST(CompanyStoreTest, CursorPagingVisitsEveryCandidateOnce) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  std::set<std::string> seen;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    auto page = acme.candidates(cursor, 10);
    ASSERT_TRUE(page);
    for (const auto& c : page->content) EXPECT_TRUE(seen.insert(c.id).second);
    cursor = page->next_first_id;
    ++pages;
  } while (cursor && pages < 100);
  EXPECT_EQ(seen.size(), kCandidatesPerCompany);
  EXPECT_EQ(pages, 4);
  EXPECT_FALSE(acme.candidates(std::string("no-such-id"), 10));
}

TEST(CompanyStoreTest, JobFiltersNarrowTotalFound) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto all = acme.jobs({}, 0, 100);
  const auto& first = all.content.at(0);
  auto by_status = acme.jobs({"", first.status, ""}, 0, 100);
  EXPECT_GE(by_status.total_found, 1u);
  EXPECT_LE(by_status.total_found, all.total_found);
  for (const auto& j : by_status.content) EXPECT_EQ(j.status, first.status);
  auto by_ref = acme.jobs({"ref0001", "", ""}, 0, 100);  // case-insensitive
  ASSERT_EQ(by_ref.total_found, 1u);
  EXPECT_EQ(by_ref.content[0].ref_number, "REF0001");
  EXPECT_EQ(acme.jobs({"", "NO_SUCH_STATUS", ""}, 0, 100).total_found, 0u);
}

TEST(CompanyStoreTest, OffsetPagingReportsTotalAndSlices) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto page = store.get("Acme").jobs({}, 20, 10);
  EXPECT_EQ(page.total_found, 25u);
  EXPECT_EQ(page.content.size(), 5u);
  EXPECT_EQ(page.content[0].ref_number, "REF0021");
}

}  // namespace
}  // namespace oauthsim::rs
