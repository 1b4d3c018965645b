// IndexReader: reader pool, snapshots and refresh (see index_reader.h).
#include "index_reader.h"

#include <fstream>
#include <sstream>

#include "index_layout.h"

namespace rapport {

namespace {

Error Unavailable(const std::string& why) {
  return Error{503, "index_unavailable", "the search index is unavailable: " + why, ""};
}

// A reader newer than the snapshot is caught up by building a new snapshot;
// a writer committing without pause gets this many tries before we read on.
constexpr int kCatchUpTries = 3;

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

Result<std::unique_ptr<IndexReader>> IndexReader::Open(const std::string& stub_path) {
  std::unique_ptr<IndexReader> reader(new IndexReader(stub_path));
  Status refreshed = reader->Refresh();
  if (!refreshed) return refreshed.error();
  return reader;
}

Result<std::unique_ptr<IndexReader::Reader>> IndexReader::OpenReader() const {
  try {
    auto reader = std::make_unique<Reader>();
    reader->stub = ReadStub();
    reader->db = Xapian::Database(stub_path_);
    return reader;
  } catch (const Xapian::Error& e) {
    return Unavailable(e.get_msg());
  }
}

Status IndexReader::Publish(Xapian::Database& db, const std::string& stub) {
  auto store = FacetStore::Build(db);
  if (!store) return store.error();
  auto snapshot = std::make_shared<IndexSnapshot>();
  snapshot->stub = stub;
  snapshot->revision = store.value()->revision();
  snapshot->documents = db.get_doccount();
  snapshot->store = std::move(store.value());
  const std::string vocab_json = db.get_metadata(std::string(layout::kMetaVocabulary));
  if (vocabularies_.empty() || vocabularies_.back()->json() != vocab_json) {
    auto vocabulary = Vocabulary::Parse(vocab_json);
    vocabularies_.push_back(std::make_shared<const Vocabulary>(
        vocabulary ? std::move(vocabulary.value()) : Vocabulary()));
  }
  snapshot->vocabulary = vocabularies_.back();
  snapshot->suggester = Suggester::Build(db, *snapshot->vocabulary);
  std::lock_guard<std::mutex> lock(state_mutex_);
  snapshot->generation = snapshot_ ? snapshot_->generation + 1 : 1;
  snapshot_ = std::move(snapshot);
  return Status::Ok();
}

Status IndexReader::Refresh() {
  std::lock_guard<std::mutex> lock(refresh_mutex_);
  try {
    const std::string stub = ReadStub();
    if (!control_ || control_->stub != stub) {
      auto opened = OpenReader();
      if (!opened) return opened.error();
      control_ = std::move(opened.value());
      return Publish(control_->db, control_->stub);
    }
    control_->db.reopen();
    const auto current = snapshot();
    if (current && current->stub == stub && current->revision == control_->db.get_revision()) {
      return Status::Ok();
    }
    return Publish(control_->db, stub);
  } catch (const Xapian::Error& e) {
    control_.reset();
    return Unavailable(e.get_msg());
  }
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
      if (!reader || reader->stub != current->stub) {
        auto opened = OpenReader();
        if (!opened) return opened.error();
        reader = std::move(opened.value());
      } else if (reader->generation != current->generation) {
        reader->db.reopen();
      }
      reader->generation = current->generation;
      if (reader->db.get_revision() == current->revision || attempt >= kCatchUpTries) {
        return Lease(this, std::move(reader), std::move(current));
      }
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
