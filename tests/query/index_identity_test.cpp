// Index identity is (stub text, UUID): xapian-replicate reuses its folder
// names (replica_0, replica_1, replica_0, …), so after two full copies a
// replica's stub text is the one it had before while the folder under it holds
// another database. A reader must notice that and read the new database,
// never the old one's files nor a facet store "updated" across databases.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "data_dir.h"
#include "index_stub.h"
#include "query_fixture.h"

namespace rapport::testing {
namespace {

constexpr int kSmallerIndexProfiles = 5;
constexpr const char* kReplicaFolder = "replica_0";

// The first `count` lines of tests/data/query-small.ndjson, in `dir`.
std::string FirstProfiles(const TempDir& dir, int count) {
  std::istringstream lines(ReadFile(SourcePath("tests/data/query-small.ndjson")));
  std::string line, kept;
  for (int i = 0; i < count && std::getline(lines, line); ++i) kept += line + "\n";
  const std::string path = dir.File("first.ndjson");
  WriteFile(path, kept);
  return path;
}

// Puts a copy of `index`'s live database into `replica`/replica_0, as a full
// copy of xapian-replicate leaves it (the stub XAPIANDB is written once).
void CopyAsReplica(const QueryIndex& index, const TempDir& replica) {
  const DataDir source{index.data_dir()};
  auto folder = ReadIndexStub(source);
  REQUIRE(folder);
  const std::string target = replica.File(kReplicaFolder);
  std::filesystem::remove_all(target);
  std::filesystem::copy(IndexFolderPath(source, folder.value()), target);
  WriteFile(replica.File("XAPIANDB"), std::string("auto ") + kReplicaFolder + "\n");
}

long MatchAllTotal(SearchService& service) {
  auto result = service.Search(SearchRequest{});
  REQUIRE(result);
  return result.value().total;
}

TEST_CASE("a replica folder name reused by another database is read as that database") {
  TempDir ndjson, replica;
  QueryIndex larger(SourcePath("tests/data/query-small.ndjson"));
  QueryIndex smaller(FirstProfiles(ndjson, kSmallerIndexProfiles));
  const IndexStats larger_stats = larger.service().Stats();
  const IndexStats smaller_stats = smaller.service().Stats();
  // Same revision: only the UUID tells the two databases apart.
  REQUIRE(larger_stats.revision == smaller_stats.revision);
  REQUIRE(larger_stats.uuid != smaller_stats.uuid);
  REQUIRE(larger_stats.documents != smaller_stats.documents);

  CopyAsReplica(larger, replica);
  auto service = SearchService::Open(replica.File("XAPIANDB"), {});
  REQUIRE(service);
  CHECK(service.value()->Stats().uuid == larger_stats.uuid);
  CHECK(MatchAllTotal(*service.value()) == static_cast<long>(larger_stats.documents));

  CopyAsReplica(smaller, replica);
  REQUIRE(service.value()->Refresh());
  const IndexStats after = service.value()->Stats();
  CHECK(after.uuid == smaller_stats.uuid);
  CHECK(after.documents == smaller_stats.documents);
  CHECK(MatchAllTotal(*service.value()) == static_cast<long>(smaller_stats.documents));
}

}  // namespace
}  // namespace rapport::testing
