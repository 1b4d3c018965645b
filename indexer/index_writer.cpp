// IndexWriter: applies outbox rows to the live index (index_writer.h).
#include "index_writer.h"

#include <iostream>
#include <optional>
#include <set>
#include <utility>

#include "document_data.h"
#include "index_change_log.h"
#include "index_layout.h"
#include "index_metadata.h"
#include "index_stub.h"
#include "profile_json.h"
#include "public_profile.h"
#include "published_keys.h"
#include "rebuild_claim.h"
#include "utc_time.h"

namespace rapport {
namespace {

// How often to re-read the stub when it changes under us (rebuilds finishing).
constexpr int kOpenAttempts = 3;

// The indexed document of a profile: its docid and the profile it was built
// from (its data).
struct IndexedProfile {
  Xapian::docid docid;
  Profile profile;
};

// The document with `id_term`, nullopt when there is none.
Result<std::optional<IndexedProfile>> FindIndexed(Xapian::WritableDatabase& db,
                                                  const std::string& id_term) {
  Xapian::PostingIterator posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) return std::optional<IndexedProfile>();
  Result<Profile> profile =
      ProfileFromStoredJson(UnpackDocumentData(db.get_document(*posting).get_data()));
  if (!profile) return profile.error();
  return std::optional<IndexedProfile>(IndexedProfile{*posting, std::move(profile.value())});
}

Result<Xapian::WritableDatabase> CreateLiveIndex(const DataDir& data_dir,
                                                 const Vocabulary& vocabulary) {
  Result<std::string> folder = CreateIndexFolder(data_dir);
  if (!folder) return folder.error();
  Xapian::WritableDatabase db(IndexFolderPath(data_dir, folder.value()),
                              Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  WriteSearchMetadata(db, vocabulary);
  db.commit();
  if (Status switched = WriteIndexStub(data_dir, folder.value()); !switched) {
    return switched.error();
  }
  return db;
}

}  // namespace

Error IndexBusyError(const std::string& detail) {
  return {
      503, "index_busy",
      "the index is being written by another process (a rebuild or sync); retry later: " + detail,
      ""};
}

Result<Xapian::WritableDatabase> OpenLiveIndexForWriting(const DataDir& data_dir,
                                                         const Vocabulary& vocabulary) {
  try {
    for (int attempt = 0; attempt < kOpenAttempts; ++attempt) {
      Result<std::string> folder = ReadIndexStub(data_dir);
      if (!folder && folder.error().status == 404) return CreateLiveIndex(data_dir, vocabulary);
      if (!folder) return folder.error();
      Xapian::WritableDatabase db(IndexFolderPath(data_dir, folder.value()),
                                  Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      Result<std::string> again = ReadIndexStub(data_dir);
      if (again && again.value() == folder.value()) return db;
      // A rebuild switched the stub between our read and our lock: follow it.
    }
    return IndexBusyError("the live index changed " + std::to_string(kOpenAttempts) +
                          " times while opening it");
  } catch (const Xapian::DatabaseLockError& e) {
    return IndexBusyError(e.get_msg());
  } catch (const Xapian::Error& e) {
    return Error::Internal("cannot open the index for writing: " + e.get_description());
  }
}

Result<int64_t> ApplyOutboxEntries(Xapian::WritableDatabase& db, const ProfileStore& store,
                                   DocumentBuilder& builder,
                                   const std::vector<OutboxEntry>& entries,
                                   std::vector<uint32_t>* changed_docids) {
  int64_t highest_seq = 0;
  std::set<std::string> done;
  for (const OutboxEntry& entry : entries) {
    highest_seq = std::max(highest_seq, entry.seq);
    // Several rows for one profile: its current version covers them all.
    if (!done.insert(entry.profile_id).second) continue;
    Result<StoredProfile> stored = store.Get(entry.profile_id);
    if (!stored && stored.error().status != 404) return stored.error();
    const std::string id_term = std::string(layout::kIdPrefix) + entry.profile_id;
    Result<std::optional<IndexedProfile>> indexed = FindIndexed(db, id_term);
    if (!indexed) return indexed.error();
    const bool publish = stored && stored.value().status == ProfileStatus::kPublished;
    // The spelling dictionary counts the documents using each word; an edit
    // that leaves the free text alone (fee, availability, ...) changes no count.
    const bool same_words =
        indexed.value() && publish &&
        DocumentBuilder::SameFreeText(indexed.value()->profile, stored.value().profile);
    // The index keeps only stems: the old words come from the old profile.
    if (indexed.value() && !same_words) {
      for (const std::string& word : builder.SpellingWords(indexed.value()->profile)) {
        db.remove_spelling(word, 1);
      }
    }
    if (!publish) {
      if (indexed.value()) {
        db.delete_document(indexed.value()->docid);
        if (changed_docids != nullptr) changed_docids->push_back(indexed.value()->docid);
      }
      continue;
    }
    Result<BuiltDocument> built = builder.Build(stored.value());
    if (!built) return built.error();
    if (!same_words) {
      for (const std::string& word : built.value().spelling_words) db.add_spelling(word, 1);
    }
    // An edited profile keeps its docid: the document is replaced in place, so
    // a changeset carries only the postings that changed (a delete and an add
    // would rewrite every posting list the profile is in) and docids do not
    // grow with edits (docs/scaling.md, "Changeset size").
    Xapian::docid docid = 0;
    if (indexed.value()) {
      docid = indexed.value()->docid;
      db.replace_document(docid, built.value().document);
    } else {
      docid = db.replace_document(built.value().id_term, built.value().document);
    }
    if (changed_docids != nullptr) changed_docids->push_back(docid);
  }
  return highest_seq;
}

void CommitUnderLock(Xapian::WritableDatabase& db, const DataDir& data_dir,
                     std::chrono::milliseconds wait, CommitLockCounts& counts) {
  const IndexCommitLock lock = IndexCommitLock::Take(data_dir, wait);
  if (lock.waited()) ++counts.waited;
  counts.wait_time += lock.wait_time();
  if (!lock.held()) {
    ++counts.without_lock;
    std::cerr << "rapport-index: committing the index without the commit lock after waiting "
              << wait.count() << " ms (a replication conversation holds it; a replica may "
              << "take a full copy)\n";
  }
  db.commit();
}

IndexWriter::IndexWriter(DataDir data_dir, const Vocabulary& vocabulary, const Compacts& compacts,
                         std::chrono::milliseconds commit_lock_wait)
    : data_dir_(std::move(data_dir)),
      vocabulary_(vocabulary),
      builder_(vocabulary, compacts, CurrentUtcYear()),
      commit_lock_wait_(commit_lock_wait) {}

Result<int> IndexWriter::ApplyPending(ProfileStore& store, int max_rows,
                                      const std::function<void()>& after_commit) {
  Result<std::vector<OutboxEntry>> rows = store.PendingOutbox(max_rows);
  if (!rows) return rows.error();
  Result<int64_t> keys_version = store.KeysVersion();
  if (!keys_version) return keys_version.error();
  Result<std::string> folder = ReadIndexStub(data_dir_);
  const bool keys_known_published = published_keys_ && folder &&
                                    published_keys_->folder == folder.value() &&
                                    published_keys_->version == keys_version.value();
  // Keys alone never create an index: they go into the first one made.
  if (rows.value().empty() && (keys_known_published || !folder)) return 0;
  // A rebuild waiting for the lock goes first; it applies these rows itself.
  if (RebuildClaimed(data_dir_)) return IndexBusyError("a rebuild is waiting for the index");
  Result<Xapian::WritableDatabase> opened = OpenLiveIndexForWriting(data_dir_, vocabulary_);
  if (!opened) return opened.error();
  Xapian::WritableDatabase& db = opened.value();
  int64_t highest_seq = 0;
  bool committed = false;
  try {
    // Documents of this build's layout never go into an index of another.
    if (Status layout = layout::CheckLayoutVersion(db); !layout) return layout.error();
    bool changed = false;
    if (PublishedKeysVersion(db) != keys_version.value()) {
      Result<KeySet> keys = store.ReadKeySet();
      if (!keys) return keys.error();
      WritePublishedKeys(db, keys.value());
      keys_version = keys.value().version;
      changed = true;
    }
    std::vector<uint32_t> changed_docids;
    if (!rows.value().empty()) {
      Result<int64_t> applied =
          ApplyOutboxEntries(db, store, builder_, rows.value(), &changed_docids);
      if (!applied) return applied.error();
      highest_seq = applied.value();
      SetAppliedOutboxSeq(db, std::max(highest_seq, AppliedOutboxSeq(db)));
      changed = true;
    }
    if (changed) {
      // Every commit numbers itself in the change log, a keys-only one too.
      AppendChangeLog(db, std::move(changed_docids));
      CommitUnderLock(db, data_dir_, commit_lock_wait_, commit_lock_counts_);
      committed = true;
    }
    db.close();
  } catch (const Xapian::Error& e) {
    return Error::Internal("cannot update the index: " + e.get_description());
  }
  // Remembered only when no rebuild switched the stub meanwhile.
  if (Result<std::string> now = ReadIndexStub(data_dir_);
      now && folder && now.value() == folder.value()) {
    published_keys_ = PublishedKeysMark{now.value(), keys_version.value()};
  }
  if (committed && after_commit) after_commit();
  if (rows.value().empty()) return 0;
  if (Status acked = store.AckOutbox(highest_seq); !acked) return acked.error();
  return static_cast<int>(rows.value().size());
}

}  // namespace rapport
