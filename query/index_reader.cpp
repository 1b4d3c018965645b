// IndexReader: reader pool, snapshots and refresh (see index_reader.h).
#include "index_reader.h"

#include <fstream>
#include <sstream>

#include "change_log.h"
#include "index_layout.h"

namespace rapport {

namespace {

Error Unavailable(const std::string& why) {
  return Error::IndexUnavailable("the search index is unavailable: " + why);
}

// A reader newer than the snapshot is caught up by building a new snapshot;
// a writer committing without pause gets this many tries before we read on.
constexpr int kCatchUpTries = 3;
// A writer committing twice while a snapshot is made invalidates the control
// reader's revision (DatabaseModifiedError): reopen and try again this often.
constexpr int kRefreshTries = 3;

}  // namespace

IndexReader::Lease::Lease(IndexReader* owner, std::unique_ptr<Reader> reader,
                          std::shared_ptr<const IndexSnapshot> snapshot)
    : owner_(owner), reader_(std::move(reader)), snapshot_(std::move(snapshot)) {}

IndexReader::Lease::~Lease() {
  if (owner_ != nullptr && reader_) owner_->Return(std::move(reader_));
}

std::string IndexReader::ReadStub() const {
  std::ifstream in(stub_path_, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Result<std::unique_ptr<IndexReader>> IndexReader::Open(const std::string& stub_path,
                                                       IndexReaderOptions options) {
  std::unique_ptr<IndexReader> reader(new IndexReader(stub_path, options));
  Status refreshed = reader->Refresh();
  if (!refreshed) return refreshed.error();
  return reader;
}

Result<std::unique_ptr<IndexReader::Reader>> IndexReader::OpenReader() const {
  try {
    auto reader = std::make_unique<Reader>();
    reader->stub = ReadStub();
    reader->db = Xapian::Database(stub_path_);
    reader->uuid = reader->db.get_uuid();
    return reader;
  } catch (const Xapian::Error& e) {
    return Unavailable(e.get_msg());
  }
}

IndexReader::~IndexReader() {
  std::lock_guard<std::mutex> lock(refresh_mutex_);
  if (suggester_thread_.joinable()) suggester_thread_.join();
}

Status IndexReader::Publish(Reader& reader) {
  Xapian::Database& db = reader.db;
  const std::string& stub = reader.stub;
  if (Status layout = layout::CheckLayoutVersion(db); !layout) return layout;
  const auto previous = snapshot();
  Result<std::shared_ptr<const FacetStore>> store = std::shared_ptr<const FacetStore>();
  if (previous && previous->stub == stub && previous->uuid == reader.uuid) {
    store = FacetStore::Update(*previous->store, db);
  }
  const bool updated = store && store.value();
  if (store && !store.value()) store = FacetStore::Build(db);
  if (!store) return store.error();
  auto snapshot = std::make_shared<IndexSnapshot>();
  if (updated) {
    // The caches of the previous revision carry over, less what changed.
    snapshot->changed_since_previous =
        ChangedDocidsBetween(db, previous->store->change_seq(), store.value()->change_seq());
    if (snapshot->changed_since_previous) {
      snapshot->postings =
          std::make_shared<PostingCache>(*previous->postings, *snapshot->changed_since_previous);
    }
  }
  if (previous) {
    const bool same_database = previous->stub == stub && previous->uuid == reader.uuid;
    snapshot->database_switches = previous->database_switches + (same_database ? 0 : 1);
  }
  snapshot->stub = stub;
  snapshot->uuid = reader.uuid;
  snapshot->revision = store.value()->revision();
  snapshot->documents = db.get_doccount();
  snapshot->store = std::move(store.value());
  const std::string vocab_json = db.get_metadata(std::string(layout::kMetaVocabulary));
  if (vocabularies_.empty() || vocabularies_.back()->json() != vocab_json) {
    auto vocabulary = Vocabulary::Parse(vocab_json);
    vocabularies_.push_back(std::make_shared<const Vocabulary>(
        vocabulary ? std::move(vocabulary.value()) : Vocabulary()));
    phrases_ = std::make_shared<const VocabularyPhrases>(*vocabularies_.back());
  }
  snapshot->vocabulary = vocabularies_.back();
  snapshot->phrases = phrases_;
  if (!suggester()) {
    // The first snapshot: build the suggester here, so Open returns a reader
    // that suggests.
    std::shared_ptr<const Suggester> first = Suggester::Build(db, *snapshot->vocabulary);
    std::lock_guard<std::mutex> lock(state_mutex_);
    suggester_ = std::move(first);
    suggester_source_ = {stub + reader.uuid, snapshot->revision};
    suggester_built_at_ = std::chrono::steady_clock::now();
  }
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    snapshot->generation = snapshot_ ? snapshot_->generation + 1 : 1;
    snapshot_ = snapshot;
  }
  ScheduleSuggester(*snapshot);
  return Status::Ok();
}

void IndexReader::ScheduleSuggester(const IndexSnapshot& snapshot) {
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    if (suggester_building_) return;
    if (suggester_source_ == std::make_pair(snapshot.stub + snapshot.uuid, snapshot.revision)) {
      return;
    }
    if (std::chrono::steady_clock::now() - suggester_built_at_ < options_.suggester_refresh) return;
    suggester_building_ = true;
  }
  if (suggester_thread_.joinable()) suggester_thread_.join();  // finished: building was false
  suggester_thread_ = std::thread(&IndexReader::BuildSuggester, this, snapshot.vocabulary);
}

void IndexReader::BuildSuggester(std::shared_ptr<const Vocabulary> vocabulary) {
  std::shared_ptr<const Suggester> built;
  std::pair<std::string, uint64_t> source;
  try {
    // A database of its own: the pooled readers belong to searches.
    const std::string stub = ReadStub();
    Xapian::Database db(stub_path_);
    source = {stub + db.get_uuid(), db.get_revision()};
    built = Suggester::Build(db, *vocabulary);
  } catch (const Xapian::Error&) {
    // Keep serving the previous suggester; the next Refresh schedules again.
  }
  std::lock_guard<std::mutex> lock(state_mutex_);
  if (built) {
    suggester_ = std::move(built);
    suggester_source_ = std::move(source);
  }
  suggester_built_at_ = std::chrono::steady_clock::now();
  suggester_building_ = false;
}

Status IndexReader::Refresh() {
  std::lock_guard<std::mutex> lock(refresh_mutex_);
  for (int attempt = 1;; ++attempt) {
    try {
      return RefreshOnce();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kRefreshTries) {
        control_.reset();
        return Unavailable(e.get_msg());
      }
    } catch (const Xapian::Error& e) {
      control_.reset();
      return Unavailable(e.get_msg());
    }
  }
}

Status IndexReader::RefreshOnce() {
  const std::string stub = ReadStub();
  if (control_ && control_->stub == stub) {
    control_->db.reopen();
    // reopen() follows the folder's path: another database under a reused
    // folder name shows as another UUID, and is opened anew below.
    if (control_->db.get_uuid() != control_->uuid) control_.reset();
  }
  if (!control_ || control_->stub != stub) {
    auto opened = OpenReader();
    if (!opened) return opened.error();
    control_ = std::move(opened.value());
    return Publish(*control_);
  }
  const auto current = snapshot();
  if (current && current->stub == stub && current->uuid == control_->uuid &&
      current->revision == control_->db.get_revision()) {
    // No new revision, but suggestions may still be behind an earlier one.
    ScheduleSuggester(*current);
    return Status::Ok();
  }
  return Publish(*control_);
}

std::shared_ptr<const Suggester> IndexReader::suggester() const {
  std::lock_guard<std::mutex> lock(state_mutex_);
  return suggester_;
}

std::shared_ptr<const IndexSnapshot> IndexReader::snapshot() const {
  std::lock_guard<std::mutex> lock(state_mutex_);
  return snapshot_;
}

Result<IndexReader::Lease> IndexReader::Acquire() {
  std::unique_ptr<Reader> reader;
  {
    std::lock_guard<std::mutex> lock(state_mutex_);
    if (!idle_.empty()) {
      reader = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  for (int attempt = 0;; ++attempt) {
    auto current = snapshot();
    if (!current) return Unavailable("no index has been opened");
    try {
      if (reader && reader->stub == current->stub && reader->uuid == current->uuid &&
          reader->generation != current->generation) {
        reader->db.reopen();
        if (reader->db.get_uuid() != reader->uuid) reader.reset();
      }
      if (!reader || reader->stub != current->stub || reader->uuid != current->uuid) {
        auto opened = OpenReader();
        if (!opened) return opened.error();
        reader = std::move(opened.value());
      }
      reader->generation = current->generation;
      // Never a lease on another database than the snapshot's (its facet
      // store's docids would not match); a later revision of the same one
      // is read on after kCatchUpTries.
      const bool same_database = reader->uuid == current->uuid;
      if (same_database &&
          (reader->db.get_revision() == current->revision || attempt >= kCatchUpTries)) {
        return Lease(this, std::move(reader), std::move(current));
      }
      if (attempt >= kCatchUpTries) return Unavailable("the index is being switched");
    } catch (const Xapian::Error& e) {
      reader.reset();
      if (attempt >= kCatchUpTries) return Unavailable(e.get_msg());
    }
    Status refreshed = Refresh();
    if (!refreshed) return refreshed.error();
  }
}

void IndexReader::Return(std::unique_ptr<Reader> reader) {
  std::lock_guard<std::mutex> lock(state_mutex_);
  idle_.push_back(std::move(reader));
}

}  // namespace rapport
