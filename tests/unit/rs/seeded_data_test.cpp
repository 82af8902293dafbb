#include "oauthsim/rs/seeded_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "oauthsim/common/clock.h"
#include "oauthsim/rs/company_store.h"

namespace oauthsim::rs {
namespace {

std::string ascii_upper_for_test(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

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

TEST(SeededDataTest, Iso8601ParsesTheFormsUpdatedAfterAcceptsAndRefusesTheRest) {
  EXPECT_EQ(parse_iso8601_utc("2026-01-01"), 1'767'225'600'000);
  EXPECT_EQ(parse_iso8601_utc("2026-01-01T00:00:01Z"), 1'767'225'601'000);
  EXPECT_EQ(parse_iso8601_utc("2026-01-01T00:00:01.250Z"), 1'767'225'601'250);
  EXPECT_EQ(parse_iso8601_utc("2026-01-01T00:00:01+00:00"), 1'767'225'601'000);
  EXPECT_EQ(iso8601_utc(*parse_iso8601_utc("2024-02-29T23:59:59.999Z")),
            "2024-02-29T23:59:59.999Z");
  for (const char* bad :
       {"", "2026", "2026-13-01", "2026-02-30", "2025-02-29", "2026-01-01T", "2026-01-01T24:00:00Z",
        "2026-01-01T00:00:00", "2026-01-01T00:00:00+02:00", "yesterday", "2026-01-01T00:00:00.5Z",
        "2026-01-01T00:00:00Zjunk"}) {
    EXPECT_FALSE(parse_iso8601_utc(bad)) << bad;
  }
}

TEST(CompanyStoreTest, CompaniesAreIsolatedAndStable) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto& globex = store.get("Globex");
  EXPECT_EQ(&acme, &store.get("Acme"));
  auto acme_first = acme.candidates(std::nullopt, 1)->content.at(0).id;
  EXPECT_FALSE(globex.candidate(acme_first)) << "Globex must not see Acme's candidates";
  EXPECT_EQ(acme.jobs({}, std::nullopt, 100)->total_found, 25u);
  EXPECT_EQ(acme.profile().name, "Acme");
}

TEST(CompanyStoreTest, CreatedCandidateIsAppendedAndOnlyInItsCompany) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto added = acme.add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, nullptr);
  ASSERT_TRUE(added);
  const auto& c = *added;
  EXPECT_EQ(c.created_on, "2026-01-01T00:00:00.000Z");
  auto page = acme.candidates(std::nullopt, 100);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total_found, kCandidatesPerCompany + 1);
  EXPECT_EQ(page->content.back().id, c.id);
  EXPECT_TRUE(acme.candidate(c.id));
  EXPECT_FALSE(store.get("Globex").candidate(c.id));
}

TEST(CompanyStoreTest, RestoringForgetsCreatedCandidatesAndTheirIdsComeAgain) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  const auto first = acme.add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, nullptr);
  ASSERT_TRUE(first);
  store.restore_seeded();
  EXPECT_EQ(&acme, &store.get("Acme")) << "restored in place: a request may still hold it";
  EXPECT_FALSE(acme.candidate(first->id));
  EXPECT_EQ(acme.candidates(std::nullopt, 100)->total_found, kCandidatesPerCompany);
  const auto again = acme.add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, nullptr);
  ASSERT_TRUE(again) << "the email is free again";
  EXPECT_EQ(again->id, first->id) << "ids as a fresh dataset gives them";
}

TEST(CompanyStoreTest, CandidateAddedToAJobCarriesTheAssignment) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto job = acme.jobs({}, std::nullopt, 4)->content.at(3);
  auto c = acme.add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, &job);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->job_id, job.id);
  EXPECT_EQ(c->status, "NEW");
}

TEST(CompanyStoreTest, SecondCandidateWithTheSameEmailIsAConflictInThatCompanyOnly) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  ASSERT_TRUE(acme.add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, nullptr));
  EXPECT_FALSE(acme.add_candidate({"Ada", "L", "ADA@example.com", ""}, nullptr))
      << "emails compare case-insensitively";
  auto seeded_email = acme.candidates(std::nullopt, 1)->content.at(0).email;
  EXPECT_FALSE(acme.add_candidate({"X", "Y", seeded_email, ""}, nullptr));
  EXPECT_TRUE(
      store.get("Globex").add_candidate({"Ada", "Lovelace", "ada@example.com", ""}, nullptr));
}

TEST(CompanyStoreTest, CandidatesCreatedThroughTheApiAreCappedPerCompany) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  for (std::size_t i = 0; i < CompanyDataset::kMaxCreatedCandidates; ++i) {
    const std::string email = "c" + std::to_string(i) + "@example.com";
    ASSERT_TRUE(acme.add_candidate({"C", "N", email, ""}, nullptr)) << email;
  }
  EXPECT_THROW(acme.add_candidate({"One", "Tomany", "late@example.com", ""}, nullptr),
               CandidateLimitReached);
  EXPECT_FALSE(acme.add_candidate({"C", "N", "C0@example.com", ""}, nullptr))
      << "a duplicate is still a conflict";
  EXPECT_EQ(acme.candidates(std::nullopt, 1)->total_found,
            kCandidatesPerCompany + CompanyDataset::kMaxCreatedCandidates);
  EXPECT_TRUE(store.get("Globex").add_candidate({"C", "N", "late@example.com", ""}, nullptr));
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
  auto all = *acme.jobs({}, std::nullopt, 100);
  const auto& first = all.content.at(0);
  auto by_status = *acme.jobs({"", first.status, "", ""}, std::nullopt, 100);
  EXPECT_GE(by_status.total_found, 1u);
  EXPECT_LT(by_status.total_found, all.total_found);
  for (const auto& j : by_status.content) EXPECT_EQ(j.status, first.status);
  auto by_ref = *acme.jobs({"ref0001", "", "", ""}, std::nullopt, 100);  // case-insensitive
  ASSERT_EQ(by_ref.total_found, 1u);
  EXPECT_EQ(by_ref.content[0].ref_number, "REF0001");
  EXPECT_EQ(acme.jobs({"", "NO_SUCH_STATUS", "", ""}, std::nullopt, 100)->total_found, 0u);
  std::vector<std::string> updates;
  for (const auto& j : all.content) updates.push_back(j.updated_on);
  std::sort(updates.begin(), updates.end());
  const std::string middle = updates[updates.size() / 2];
  auto after = *acme.jobs({"", "", "", middle}, std::nullopt, 100);
  for (const auto& j : after.content) EXPECT_GT(j.updated_on, middle);
  EXPECT_LT(after.total_found, all.total_found) << "the job updated at that instant is left out";
  EXPECT_GT(after.total_found, 0u);
}

TEST(CompanyStoreTest, JobCursorPagesVisitEveryFilteredJobOnce) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  const JobFilter filter{"", "", "PUBLIC", ""};
  const auto expected = acme.jobs(filter, std::nullopt, 100)->total_found;
  ASSERT_GT(expected, 2u);
  std::set<std::string> seen;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    auto page = acme.jobs(filter, cursor, 2);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->total_found, expected);
    for (const auto& j : page->content) {
      EXPECT_EQ(j.posting_status, "PUBLIC");
      EXPECT_TRUE(seen.insert(j.id).second);
    }
    cursor = page->next_first_id;
    ++pages;
  } while (cursor && pages < 100);
  EXPECT_EQ(seen.size(), expected);
  EXPECT_EQ(pages, static_cast<int>((expected + 1) / 2));
  EXPECT_FALSE(acme.jobs({}, std::string("no-such-id"), 10));
}

TEST(CompanyStoreTest, RepeatedCandidateFiltersMatchAnyValueAndFiltersCombine) {
  common::VirtualClock clock;
  CompanyStore store(42, clock);
  auto& acme = store.get("Acme");
  auto all = acme.candidates(std::nullopt, 100)->content;
  std::set<std::string> cities;
  for (const auto& c : all) cities.insert(c.city);
  ASSERT_GE(cities.size(), 2u);
  const std::string a = *cities.begin(), b = *std::next(cities.begin());
  auto count_in = [&](const std::vector<std::string>& places) {
    std::size_t n = 0;
    for (const auto& c : all) n += std::count(places.begin(), places.end(), c.city) ? 1 : 0;
    return n;
  };
  CandidateFilter two_places;
  two_places.locations = {a, b};
  EXPECT_EQ(acme.candidates(two_places, std::nullopt, 100)->total_found, count_in({a, b}));
  CandidateFilter one_place;
  one_place.locations = {ascii_upper_for_test(a)};
  EXPECT_EQ(acme.candidates(one_place, std::nullopt, 100)->total_found, count_in({a}));

  CandidateFilter tagged;
  tagged.tags = {"senior"};
  auto seniors = acme.candidates(tagged, std::nullopt, 100)->content;
  ASSERT_FALSE(seniors.empty());
  for (const auto& c : seniors)
    EXPECT_NE(std::find(c.tags.begin(), c.tags.end(), "senior"), c.tags.end());
  tagged.statuses = {"NO_SUCH_STATUS"};
  EXPECT_EQ(acme.candidates(tagged, std::nullopt, 100)->total_found, 0u) << "filters combine (AND)";

  const std::string job_id = all.at(0).job_id.empty() ? all.at(1).job_id : all.at(0).job_id;
  CandidateFilter by_job;
  by_job.job_ids = {job_id};
  const auto for_job = acme.candidates(by_job, std::nullopt, 100)->content;
  EXPECT_FALSE(for_job.empty());
  for (const auto& c : for_job) EXPECT_EQ(c.job_id, job_id);

  CandidateFilter by_name;
  by_name.q = all.at(0).email.substr(0, all.at(0).email.find('@'));
  auto found = acme.candidates(by_name, std::nullopt, 100)->content;
  ASSERT_EQ(found.size(), 1u) << "emails are unique";
  EXPECT_EQ(found[0].id, all.at(0).id);
}

}  // namespace
}  // namespace oauthsim::rs
