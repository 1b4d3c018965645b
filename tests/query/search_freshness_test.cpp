// Freshness: a reader sees a sync's new revision and a rebuild's new index
// folder after Refresh(), facet counts follow, and searches from several
// threads keep being answered meanwhile.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "query_fixture.h"

namespace rapport::testing {
namespace {

const char* kNewProfile =
    R"({"id":"q-new","name":"Zelda Newcomer","profession":"mft","gender":"non-binary",)"
    R"("bio":"Sessions on the zanzibar coast.","specialties":["grief"]})";

long CountFor(SearchService& service, const std::string& q) {
  SearchRequest request;
  request.q = q;
  auto result = service.Search(request);
  REQUIRE(result);
  return result.value().total;
}

long NonBinaryCount(SearchService& service) {
  SearchRequest request;
  request.facets = {"gender"};
  auto result = service.Search(request);
  REQUIRE(result);
  for (const auto& c : result.value().facets["gender"]) {
    if (c.value == "non-binary") return c.count;
  }
  return 0;
}

TEST_CASE("a synced profile is found after Refresh, and again after a rebuild") {
  QueryIndex index(SourcePath("tests/data/query-small.ndjson"));
  SearchService& service = index.service();
  const uint64_t first_revision = service.Stats().revision;
  CHECK(CountFor(service, "zanzibar") == 0);
  CHECK(NonBinaryCount(service) == 0);

  std::atomic<bool> stop{false};
  std::atomic<long> failures{0};
  std::vector<std::thread> searchers;
  for (int t = 0; t < 3; ++t) {
    searchers.emplace_back([&] {
      SearchRequest request;
      request.q = "grief OR anxiety";
      request.facets = {"gender", "specialty"};
      while (!stop) {
        if (!service.Search(request)) ++failures;
      }
    });
  }

  TempDir extra;
  WriteFile(extra.File("new.ndjson"), std::string(kNewProfile) + "\n");
  REQUIRE(index.RunIndexCommand({"import", extra.File("new.ndjson")}) == 0);
  REQUIRE(index.RunIndexCommand({"sync"}) == 0);
  REQUIRE(service.Refresh());
  CHECK(service.Stats().revision > first_revision);
  CHECK(CountFor(service, "zanzibar") == 1);
  CHECK(NonBinaryCount(service) == 1);
  REQUIRE(service.Profile("q-new"));

  REQUIRE(index.RunIndexCommand({"rebuild"}) == 0);
  REQUIRE(service.Refresh());
  CHECK(CountFor(service, "zanzibar") == 1);
  CHECK(service.Stats().documents == index.profiles().size() + 1);

  stop = true;
  for (auto& thread : searchers) thread.join();
  CHECK(failures == 0);
}

TEST_CASE("Refresh without changes keeps the same revision") {
  QueryIndex& index = FixtureIndex("query-small.ndjson");
  const IndexStats before = index.service().Stats();
  REQUIRE(index.service().Refresh());
  CHECK(index.service().Stats().revision == before.revision);
  CHECK(index.service().Stats().documents == index.profiles().size());
}

TEST_CASE("opening a missing index is a 503 error") {
  TempDir empty;
  auto service = SearchService::Open(empty.File("index"), {});
  REQUIRE_FALSE(service);
  CHECK(service.error().status == 503);
}

}  // namespace
}  // namespace rapport::testing
