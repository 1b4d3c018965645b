// PublishedKeys: the partner API keys the index carries, so a replica can
// check a key from its index alone (docs/scaling.md, "Partner keys on
// replicas"). The primary's store is the source: its api_keys table, and the
// api_keys_version row that triggers bump on every key change. The writer
// (index_writer.h) and every rebuild copy the active keys into the index as
// metadata (layout::kMetaApiKeyPrefix + prefix, one JSON object per key) and
// record the version they reflect; they then travel to replicas with the
// changesets and full copies. A revoked key's entry is deleted.
//
// What an entry holds is what checking a key needs — id, partner name, the
// BLAKE2b hash of the secret (hex), rate and burst, fixed filters, the
// browser-safe flag and its origins, the expiry — never the secret: a 256-bit
// random secret cannot be recovered from its hash, so a replica host cannot
// mint or recover keys from its index.
//
//   Result<KeySet> keys = store.ReadKeySet();
//   WritePublishedKeys(db, keys.value());   // before db.commit()
//   std::vector<PublishedKey> on_replica = ReadPublishedKeys(replica_db);
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace rapport {

// Facet (or "state") → values a key is fixed to (web/http/api_keys.h).
using KeyFilters = std::map<std::string, std::vector<std::string>>;

struct PublishedKey {
  int64_t id = 0;
  std::string prefix;  // the key's public handle (12 hex digits)
  std::string partner;
  std::string hash_hex;  // BLAKE2b-256 of the secret, 64 hex digits
  double rate_per_second = 0;
  int burst = 0;
  KeyFilters filters;
  bool search_only = false;
  std::vector<std::string> origins;
  std::string expires_at;  // UTC timestamp; empty: never
};

// The active keys of a store and the keys version they were read at.
struct KeySet {
  int64_t version = 0;
  std::vector<PublishedKey> keys;
};

// The JSON forms of a key's filters and origins, as the store's columns and
// the index entries hold them. The readers take outside input (a store file,
// a replicated index): they parse within the bounded parser and keep only
// well-typed members (an empty result for anything else).
[[nodiscard]] std::string KeyFiltersJson(const KeyFilters& filters);
[[nodiscard]] KeyFilters KeyFiltersFromJson(std::string_view json);
[[nodiscard]] std::string KeyStringsJson(const std::vector<std::string>& strings);
[[nodiscard]] std::vector<std::string> KeyStringsFromJson(std::string_view json);

// `bytes` as lower-case hex.
[[nodiscard]] std::string HexOf(const unsigned char* bytes, size_t length);

// The keys version `db` reflects (layout::kMetaApiKeysVersion), 0 when none.
[[nodiscard]] int64_t PublishedKeysVersion(const Xapian::Database& db);

// Makes `db`'s key entries those of `keys` (adds, changes and deletes only
// the entries that differ) and records `keys.version`. Does not commit.
// Throws Xapian::Error like the database calls it makes.
void WritePublishedKeys(Xapian::WritableDatabase& db, const KeySet& keys);

// The keys `db` carries, by prefix order. An entry of another format or that
// does not parse is left out (a key the replica cannot read is refused).
// Throws Xapian::Error like the database calls it makes.
[[nodiscard]] std::vector<PublishedKey> ReadPublishedKeys(const Xapian::Database& db);

}  // namespace rapport
