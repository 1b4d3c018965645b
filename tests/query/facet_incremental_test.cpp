// Incremental facet store (docs/facets.md): after random edits and
// unpublishes through the real store and IndexWriter, FacetStore::Update of
// the previous revision's store equals a from-scratch Build and a
// brute-force count over the profiles; a revision the change log cannot
// explain falls back to a full build; the suggester follows in the background.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "change_log.h"
#include "facet_store.h"
#include "index_change_log.h"
#include "index_layout.h"
#include "index_stub.h"
#include "index_test_support.h"
#include "index_writer.h"
#include "search_service.h"

namespace rapport::testing {
namespace {

constexpr int kProfiles = 60;
constexpr int kRounds = 30;
constexpr int kMaxEditsPerRound = 6;
constexpr unsigned kSeed = 20261125;

// Facets whose brute-force counts are checked, with their term prefix and
// the profile field they come from.
struct CheckedFacet {
  std::string_view facet;
  std::string_view prefix;
  std::vector<std::string> Profile::*field;
};
const CheckedFacet kCheckedFacets[] = {
    {"specialty", layout::kSpecialtyPrefix, &Profile::specialties},
    {"modality", layout::kModalityPrefix, &Profile::modalities},
    {"language", layout::kLanguagePrefix, &Profile::languages},
};

class EditStream {
 public:
  EditStream() : writer_(env_.data_dir, ShippedVocabulary(), ShippedCompacts()), random_(kSeed) {
    const char* kFixtures[] = {"t-maria", "t-james", "t-lee", "t-ana"};
    for (int i = 0; i < kProfiles; ++i) {
      Profile profile = IndexFixtureProfile(kFixtures[i % 4]);
      profile.id = "t-inc-" + std::to_string(i);
      Randomize(profile);
      Put(profile);
    }
    Sync();
  }

  // A few random changes (edit, unpublish, republish), then one sync commit.
  void EditRound() {
    std::uniform_int_distribution<int> count(1, kMaxEditsPerRound);
    std::uniform_int_distribution<int> pick(0, kProfiles - 1);
    for (int n = count(random_); n > 0; --n) {
      const std::string id = "t-inc-" + std::to_string(pick(random_));
      auto it = published_.find(id);
      if (it != published_.end() && random_() % 4 == 0) {
        REQUIRE(env_.store->Unpublish(id, "test"));
        published_.erase(it);
      } else {
        Profile profile = it != published_.end() ? it->second : IndexFixtureProfile("t-maria");
        profile.id = id;
        Randomize(profile);
        Put(profile);
      }
    }
    Sync();
  }

  void Sync() {
    auto applied = writer_.ApplyPending(*env_.store, 1000);
    REQUIRE_MESSAGE(applied, applied.error().message);
  }

  Xapian::Database Open() const { return Xapian::Database(env_.data_dir.IndexPath()); }
  const std::map<std::string, Profile>& published() const { return published_; }
  const IndexTestEnv& env() const { return env_; }

 private:
  void Put(const Profile& profile) {
    env_.Put(profile);
    published_[profile.id] = profile;
  }

  std::vector<std::string> Sample(std::string_view facet) {
    std::vector<std::string> values;
    for (const VocabEntry& entry : ShippedVocabulary().Entries(facet)) {
      if (random_() % 8 == 0) values.push_back(entry.value);
    }
    return values;
  }

  void Randomize(Profile& profile) {
    for (const CheckedFacet& checked : kCheckedFacets) {
      profile.*checked.field = Sample(checked.facet);
    }
    profile.accepting_new_clients = random_() % 2 == 0;
    if (!profile.fee) profile.fee = Fee{};
    profile.fee->min = 50 + static_cast<int>(random_() % 100);
    profile.fee->max = *profile.fee->min + 20;
    profile.offices.clear();
    for (int i = static_cast<int>(random_() % 3); i > 0; --i) {
      const double lat = 30 + static_cast<double>(random_() % 1500) / 100;
      const double lon = -120 + static_cast<double>(random_() % 4000) / 100;
      Office office;
      office.city = "Town";
      office.state = "CA";
      office.zip = "94612";
      office.lat = lat;
      office.lon = lon;
      profile.offices.push_back(office);
    }
  }

  IndexTestEnv env_;
  IndexWriter writer_;
  std::mt19937 random_;
  std::map<std::string, Profile> published_;
};

void CheckSameSets(const FacetStore& got, const FacetStore& want) {
  REQUIRE(got.revision() == want.revision());
  REQUIRE(got.bound() >= want.bound());
  CHECK(got.live().Count() == want.live().Count());
  const auto got_terms = got.Values("X");
  const auto want_terms = want.Values("X");
  REQUIRE(got_terms.size() == want_terms.size());
  for (size_t t = 0; t < want_terms.size(); ++t) {
    INFO("term X" << std::string(want_terms[t].first));
    REQUIRE(got_terms[t].first == want_terms[t].first);
    CHECK(got_terms[t].second->size() == want_terms[t].second->size());
    for (uint32_t docid = 1; docid < got.bound(); ++docid) {
      if (got_terms[t].second->Contains(docid) != want_terms[t].second->Contains(docid)) {
        FAIL("docid " << docid << " differs");
      }
    }
  }
}

void CheckSameColumns(const FacetStore& got, const FacetStore& want) {
  for (uint32_t docid = 1; docid < want.bound(); ++docid) {
    INFO("docid " << docid);
    REQUIRE(got.live().Contains(docid) == want.live().Contains(docid));
    CHECK(got.fee_min(docid) == want.fee_min(docid));
    CHECK(got.telehealth_since(docid) == want.telehealth_since(docid));
    CHECK(got.updated_at(docid) == want.updated_at(docid));
    CHECK(got.availability_confirmed_at(docid) == want.availability_confirmed_at(docid));
    CHECK(got.verified_at(docid) == want.verified_at(docid));
    CHECK(got.doc_length(docid) == want.doc_length(docid));
    auto [got_begin, got_end] = got.Offices(docid);
    auto [want_begin, want_end] = want.Offices(docid);
    REQUIRE(got_end - got_begin == want_end - want_begin);
    for (auto a = got_begin, b = want_begin; a != got_end; ++a, ++b) {
      CHECK(a->lat == b->lat);
      CHECK(a->lon == b->lon);
    }
  }
}

void CheckBruteForce(const FacetStore& store, const std::map<std::string, Profile>& published) {
  CHECK(store.live().Count() == static_cast<long>(published.size()));
  for (const CheckedFacet& checked : kCheckedFacets) {
    std::map<std::string, long> want;
    for (const auto& [id, profile] : published) {
      for (const std::string& value : profile.*checked.field) ++want[value];
    }
    std::map<std::string, long> got;
    for (const auto& [value, set] : store.Values(checked.prefix))
      got[std::string(value)] = set->size();
    CHECK(got == want);
  }
  long accepting = 0;
  for (const auto& [id, profile] : published)
    accepting += profile.accepting_new_clients.value_or(false);
  const TermSet* accepting_set = store.Term(std::string(layout::kAcceptingPrefix) + "true");
  CHECK((accepting_set ? accepting_set->size() : 0) == accepting);
}

std::shared_ptr<const FacetStore> BuildOf(Xapian::Database& db) {
  auto built = FacetStore::Build(db);
  REQUIRE(built);
  return built.value();
}

}  // namespace

TEST_CASE("incremental facet store equals a full build and a brute-force count after edits") {
  EditStream stream;
  Xapian::Database db = stream.Open();
  std::shared_ptr<const FacetStore> store = BuildOf(db);
  for (int round = 0; round < kRounds; ++round) {
    INFO("round " << round);
    stream.EditRound();
    // Every other round the reader skips a revision: two commits in one update.
    if (round % 2 == 0) stream.EditRound();
    db.reopen();
    auto updated = FacetStore::Update(*store, db);
    REQUIRE(updated);
    REQUIRE(static_cast<bool>(updated.value()));
    auto full = BuildOf(db);
    CheckSameSets(*updated.value(), *full);
    CheckSameColumns(*updated.value(), *full);
    CheckBruteForce(*updated.value(), stream.published());
    store = updated.value();
  }
}

TEST_CASE("the change log records each commit's docids and is pruned") {
  EditStream stream;
  Xapian::Database db = stream.Open();
  const uint64_t seq = ChangeLogSeq(db);
  REQUIRE(seq >= 1);
  auto first = ChangedDocidsBetween(db, 0, seq);
  REQUIRE(first);
  CHECK(first->size() == stream.published().size());

  {
    Xapian::WritableDatabase writable(
        IndexFolderPath(stream.env().data_dir, ReadIndexStub(stream.env().data_dir).value()));
    AppendChangeLog(writable, {7, 3, 7}, 2);
    AppendChangeLog(writable, {}, 2);
    writable.commit();
  }
  db.reopen();
  CHECK(ChangeLogSeq(db) == seq + 2);
  CHECK(ChangedDocidsBetween(db, seq, seq + 1) == std::vector<uint32_t>{3, 7});
  CHECK(ChangedDocidsBetween(db, seq + 1, seq + 2) == std::vector<uint32_t>{});
  // Kept 2: the entry before those two is gone, so a reader that far behind rebuilds.
  CHECK_FALSE(ChangedDocidsBetween(db, seq - 1, seq + 2).has_value());
}

TEST_CASE("a commit without a change log entry makes Update fall back to a full build") {
  EditStream stream;
  Xapian::Database db = stream.Open();
  std::shared_ptr<const FacetStore> store = BuildOf(db);
  {
    Xapian::WritableDatabase writable(
        IndexFolderPath(stream.env().data_dir, ReadIndexStub(stream.env().data_dir).value()));
    Xapian::Document doc;
    doc.add_boolean_term(std::string(layout::kGenderPrefix) + "female");
    writable.add_document(doc);
    writable.commit();
  }
  db.reopen();
  auto updated = FacetStore::Update(*store, db);
  REQUIRE(updated);
  CHECK_FALSE(static_cast<bool>(updated.value()));

  // A full build at that revision is again a base for updates.
  std::shared_ptr<const FacetStore> rebuilt = BuildOf(db);
  stream.EditRound();
  db.reopen();
  auto next = FacetStore::Update(*rebuilt, db);
  REQUIRE(next);
  REQUIRE(static_cast<bool>(next.value()));
  CheckSameSets(*next.value(), *BuildOf(db));
}

TEST_CASE("suggestions follow edits in the background, at most once per interval") {
  EditStream stream;
  SearchOptions options;
  options.suggester_refresh = std::chrono::milliseconds(0);
  auto opened = SearchService::Open(stream.env().data_dir.IndexPath(), options);
  REQUIRE(opened);
  SearchService& service = *opened.value();
  auto has_name = [&](std::string_view prefix, const std::string& name) {
    for (const Suggestion& s : service.Suggest(prefix, 20)) {
      if (s.text == name) return true;
    }
    return false;
  };
  CHECK_FALSE(has_name("Quenti", "Quentin Xylander"));

  Profile profile = IndexFixtureProfile("t-lee");
  profile.id = "t-quentin";
  profile.name = "Quentin Xylander";
  REQUIRE(stream.env().store->Upsert(profile, "test"));
  stream.Sync();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool found = false;
  while (!found && std::chrono::steady_clock::now() < deadline) {
    REQUIRE(service.Refresh());
    found = has_name("Quenti", "Quentin Xylander");
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(found);
}

}  // namespace rapport::testing
