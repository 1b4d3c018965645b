// KeyStore: partner API keys in the store's api_keys table (the primary).
// IndexKeys: the same keys as the index carries them (replicas).
//
// A key is "rk_<prefix>_<secret>": 6 random bytes of prefix (hex, the public
// handle shown by `keys list` and used to revoke) and 32 random bytes of
// secret (hex). Only BLAKE2b(secret) is stored. A fast hash is enough here —
// unlike passwords, a 256-bit random secret cannot be guessed from its hash
// by trying candidates, and a slow hash would cost every partner request.
// Look-up is by prefix, then a constant-time comparison of the hashes.
//
// Browser-safe keys (--search-only, --origin, --expires) and the RateLimit
// fields: key_policy.h.
//
// Filters fix what a key may see: {"state":["CA"]} keeps only therapists
// licensed in CA; {"modality":["cbt"]} (any facet) ANDs a facet filter.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "error.h"
#include "http_types.h"
#include "published_keys.h"
#include "vocabulary.h"

namespace SQLite {
class Database;
}

namespace rapport {

struct NewKey {
  std::string partner;
  double rate_per_second = 10;
  int burst = 20;
  KeyFilters filters;
  // Browser-safe (key_policy.h): only with an Origin of `origins` (at least
  // one, as ParseKeyOrigin writes them), only on routes a search page calls.
  bool search_only = false;
  std::vector<std::string> origins;
  std::string expires_at;  // ParseKeyExpiry's timestamp; empty: never
};

struct KeyRecord {
  int64_t id = 0;
  std::string partner;
  std::string prefix;
  double rate_per_second = 0;
  int burst = 0;
  KeyFilters filters;
  bool search_only = false;
  std::vector<std::string> origins;
  std::string expires_at;  // empty: never
  std::string created_at;
  std::optional<std::string> revoked_at;
  int64_t requests = 0;  // answered with the key, as of the server's last flush
  std::optional<std::string> last_used_at;
};

// Parses "--filter" arguments ("state=CA", "modality=cbt") and checks them
// against the vocabulary. 400 Error naming the bad filter.
Result<KeyFilters> ParseKeyFilters(const std::vector<std::string>& specs,
                                   const Vocabulary& vocabulary);

// The fixed search filters a key's filters impose.
void ApplyKeyFilters(const KeyFilters& filters, KeyIdentity* identity);

// True when the public profile JSON satisfies the key's fixed filters (so a
// restricted partner cannot read profiles outside them by id).
bool ProfileVisibleToKey(std::string_view profile_json, const KeyIdentity& key);

class KeyStore {
 public:
  // Opens the store at `store_path` (migrating it if needed). 500 Error if it cannot.
  static Result<std::unique_ptr<KeyStore>> Open(const std::string& store_path);
  ~KeyStore();

  // Stores a new key; returns the full key text, which is never shown again.
  Result<std::string> Create(const NewKey& key);
  // Every key, newest first, without hashes.
  Result<std::vector<KeyRecord>> List();
  // Revokes the key with `prefix`. 404 if no active key has it.
  Status Revoke(std::string_view prefix);
  // Revokes the key with `prefix` and creates a new one with the same
  // partner, limits and filters. Returns the new key text.
  Result<std::string> Rotate(std::string_view prefix);

  // The identity of an active key presented as `key_text`; 401 otherwise
  // (unknown, revoked, or past its expiry). Counts the use in memory.
  Result<KeyIdentity> Authenticate(std::string_view key_text);

  // Adds the uses counted since the last flush to each key's `requests` and
  // `last_used_at` (one transaction): the server calls it every few seconds
  // and when it stops, so a request costs no store write.
  Status FlushUsage();

  // OK when the store answers a trivial query.
  Status Ping();

 private:
  explicit KeyStore(std::unique_ptr<SQLite::Database> db);
  struct PendingUse {
    int64_t requests = 0;
    std::string last_used_at;
  };
  std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;   // guarded by mutex_
  std::map<int64_t, PendingUse> pending_;  // key id → uses not yet flushed; guarded by mutex_
};

// The partner keys an index carries (published_keys.h): what a replica, which
// has no store, checks keys against. Built from one revision of the index;
// the server builds a new one when its index moves to another revision, so a
// key revoked on the primary is refused once that revision has arrived. Uses
// are not counted (the usage columns are the primary's). Immutable, so safe
// to share between threads.
class IndexKeys {
 public:
  // The keys `db` carries. Throws Xapian::Error like the database calls it makes.
  explicit IndexKeys(const Xapian::Database& db);

  // As KeyStore::Authenticate: the identity of a key the index carries and
  // that has not expired; 401 invalid_api_key otherwise.
  [[nodiscard]] Result<KeyIdentity> Authenticate(std::string_view key_text) const;

 private:
  std::map<std::string, PublishedKey> by_prefix_;
};

}  // namespace rapport
