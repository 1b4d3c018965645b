// ProfileStore: the source of truth (SQLite, WAL) for profiles, their
// revisions and the index outbox.
//
// Every accepted write is one transaction that stores the new current
// version, appends a revision (who, when, the whole document, which fields
// changed) and appends an outbox row naming the profile, so the index can
// always catch up. Safe to use from several threads: writes that arrive
// together share one transaction and one fsync (group commit), each still
// all-or-nothing on its own and returning only after its commit; reads use a
// connection of their own and see committed state. SQLite's busy timeout
// covers other processes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "profile.h"
#include "published_keys.h"

namespace rapport {

enum class ProfileStatus { kPublished, kUnpublished };

struct StoredProfile {
  Profile profile;
  std::string json;     // canonical JSON of `profile` (profile_json.h)
  int64_t version = 0;  // 1 for the first write, +1 for every accepted change
  ProfileStatus status = ProfileStatus::kPublished;
};

struct Revision {
  int64_t version = 0;
  std::string actor;                        // editor email, "import", "api-key:<name>", ...
  std::string at;                           // ISO 8601 UTC
  std::string action;                       // "create", "update", "unpublish", "restore", "import"
  std::vector<std::string> changed_fields;  // top-level field names
  std::string json;                         // the whole document at this version
};

struct OutboxEntry {
  int64_t seq = 0;  // increasing; delete up to it after the index commit
  std::string profile_id;
};

struct OutboxSummary {
  int64_t pending = 0;   // rows not acknowledged yet
  int64_t last_seq = 0;  // the highest pending seq; 0 when none is pending
};

enum class WriteKind { kCreated, kUpdated, kUnchanged };

// Group commit counters (docs/store.md): writes share transactions when they
// arrive together.
struct WriteStats {
  int64_t transactions = 0;  // write transactions committed (one fsync each)
  int64_t writes = 0;        // Upsert/Unpublish/Restore/AckOutbox calls in them
  int64_t queued = 0;        // writes waiting for the current transaction now
  int64_t in_flight = 0;     // writes in the transaction being written now
};

// What a write left current: exactly the version this write stored (or, for
// kUnchanged, the version it found), never a later writer's. Answers are
// built from it, not read back after the commit.
struct WriteOutcome {
  WriteKind kind = WriteKind::kUnchanged;
  StoredProfile stored;
};

class ProfileStore {
 public:
  // Opens (creating if needed) the SQLite file at `path` and applies pending
  // schema migrations. Fails with a 500 Error naming the path if it cannot.
  static Result<std::unique_ptr<ProfileStore>> Open(const std::string& path);
  ~ProfileStore();

  // Announces commits: `listener` runs on the writing thread after every
  // COMMIT that added outbox rows (a write that changed a profile), so the
  // index writer can wake up. Set it once, before the first write; it must be
  // quick and thread-safe.
  void OnOutboxCommitted(std::function<void()> listener);

  // Writes `profile` as the new current version, published. With
  // `expected_version`, fails with 412 ("version_conflict") unless it is the
  // current version (0 = must not exist yet, 409 if it does). A profile whose
  // canonical JSON equals the current published one is kUnchanged: no
  // revision, no outbox row.
  Result<WriteOutcome> Upsert(const Profile& profile, std::string_view actor,
                              std::optional<int64_t> expected_version = std::nullopt);

  // Upserts many profiles in one transaction (bulk import). Returns one outcome
  // per profile, in order. Either all are stored or none.
  Result<std::vector<WriteOutcome>> UpsertBatch(const std::vector<Profile>& profiles,
                                                std::string_view actor);

  // Hides a profile from search, keeping its history. 404 if unknown.
  Result<WriteOutcome> Unpublish(std::string_view id, std::string_view actor,
                                 std::optional<int64_t> expected_version = std::nullopt);

  // Makes revision `version` the new current version (published). 404 if unknown.
  Result<WriteOutcome> Restore(std::string_view id, int64_t version, std::string_view actor);

  // The current version of `id`, published or not. 404 if unknown.
  Result<StoredProfile> Get(std::string_view id) const;

  // Ids of the profiles (published or not) whose `npi` is `npi`, in id
  // order; empty when none. Served by an index (docs/interop.md §1).
  Result<std::vector<std::string>> IdsWithNpi(std::string_view npi) const;

  // Revisions of `id`, newest first. 404 if unknown.
  Result<std::vector<Revision>> History(std::string_view id) const;

  // Calls `visit` for every published profile, in id order (rebuild, check).
  Status ForEachPublished(const std::function<void(const StoredProfile&)>& visit) const;

  // Number of published profiles.
  Result<int64_t> CountPublished() const;

  // Up to `limit` pending outbox rows with seq > `after_seq`, oldest first.
  Result<std::vector<OutboxEntry>> PendingOutbox(int limit, int64_t after_seq = 0) const;
  // How many outbox rows are pending, and the last one's seq (0 when none),
  // without reading them: after an import of 1M profiles there are 1M.
  Result<OutboxSummary> SummariseOutbox() const;

  // Removes outbox rows with seq <= `up_to_seq`; call only after the index
  // commit that contains them.
  Status AckOutbox(int64_t up_to_seq);

  // The partner keys' version (api_keys_version, bumped by every change to a
  // key that matters to checking it): cheap, read on every writer pass.
  Result<int64_t> KeysVersion() const;
  // The active (not revoked) partner keys and the version they were read at,
  // in one read transaction, for the index (published_keys.h).
  Result<KeySet> ReadKeySet() const;

  // Counters of the group commit (Upsert, Unpublish, Restore, AckOutbox).
  [[nodiscard]] WriteStats write_stats() const;

  class Impl;

 private:
  explicit ProfileStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rapport
