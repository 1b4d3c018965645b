// Partner API keys: creation, listing, revocation, rotation and the check of
// a presented key (see api_keys.h for the format and why BLAKE2b).
#include "api_keys.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sodium.h>

#include <algorithm>
#include <optional>

#include "bounded_json.h"
#include "facet_catalogue.h"
#include "store_schema.h"
#include "utc_time.h"

namespace rapport {
namespace {

constexpr std::string_view kKeyTag = "rk_";
constexpr size_t kPrefixBytes = 6;
constexpr size_t kSecretBytes = 32;
constexpr size_t kHashBytes = crypto_generichash_BYTES;  // 32
constexpr std::string_view kStateFilter = "state";

// The catalogue entry a key may be fixed to, or nullptr.
const FacetSpec* FindPartnerFacet(std::string_view name) {
  const FacetSpec* facet = FindFacet(name);
  return facet != nullptr && facet->partner_filter ? facet : nullptr;
}

// The value at a dotted path of objects ("telehealth.modes"), or nullptr.
const rapidjson::Value* JsonAtPath(const rapidjson::Value& root, std::string_view path) {
  const rapidjson::Value* value = &root;
  while (!path.empty()) {
    const size_t dot = std::min(path.find('.'), path.size());
    if (!value->IsObject()) return nullptr;
    // A Value key: a bare StringRef would be read up to the next NUL.
    const rapidjson::Value name(rapidjson::StringRef(path.data(), dot));
    const auto member = value->FindMember(name);
    if (member == value->MemberEnd()) return nullptr;
    value = &member->value;
    path.remove_prefix(std::min(dot + 1, path.size()));
  }
  return value;
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return HexOf(buffer.data(), buffer.size());
}

std::vector<unsigned char> HashSecret(std::string_view secret) {
  std::vector<unsigned char> hash(kHashBytes);
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr,
                     0);
  return hash;
}

// 400 naming the flag at fault when `key` asks for something that cannot work.
Status CheckNewKey(const NewKey& key) {
  if (key.partner.empty()) return Error::BadParameter("--partner", "partner name is required");
  if (!(key.rate_per_second > 0) || key.burst < 1) {
    return Error::BadParameter("--rate", "rate and burst must be positive");
  }
  if (key.search_only && key.origins.empty()) {
    return Error::BadParameter("--origin",
                               "a --search-only key needs the --origin of each site using it");
  }
  if (!key.search_only && !key.origins.empty()) {
    // A server can send any Origin: only a browser key is bound by one.
    return Error::BadParameter("--origin", "--origin applies to --search-only keys only");
  }
  if (!key.expires_at.empty() && key.expires_at <= FormatUtcTimestamp(UtcNowSeconds())) {
    return Error::BadParameter("--expires", "the expiry date has passed");
  }
  return Status::Ok();
}

bool ValidPrefix(std::string_view prefix) {
  return prefix.size() == kPrefixBytes * 2 && std::all_of(prefix.begin(), prefix.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Error InvalidKey() {
  return Error{401, "invalid_api_key", "the API key is unknown or revoked", "Authorization"};
}

// A presented key text split into its prefix and the hash of its secret.
struct PresentedKey {
  std::string prefix;
  std::vector<unsigned char> hash;
};

std::optional<PresentedKey> ParsePresentedKey(std::string_view key_text) {
  if (key_text.substr(0, kKeyTag.size()) != kKeyTag) return std::nullopt;
  const std::string_view rest = key_text.substr(kKeyTag.size());
  const size_t underscore = rest.find('_');
  if (underscore == std::string_view::npos) return std::nullopt;
  const std::string_view prefix = rest.substr(0, underscore);
  if (!ValidPrefix(prefix)) return std::nullopt;
  return PresentedKey{std::string(prefix), HashSecret(rest.substr(underscore + 1))};
}

// 401 when a key with `expires_at` (empty: never) has expired at `now`.
Status CheckExpiry(const std::string& expires_at, const std::string& now) {
  if (!expires_at.empty() && now > expires_at) {
    return Error{401, "invalid_api_key", "the API key expired at " + expires_at, "Authorization"};
  }
  return Status::Ok();
}

bool SameHash(const unsigned char* stored, size_t stored_bytes, const PresentedKey& presented) {
  return stored_bytes == kHashBytes &&
         sodium_memcmp(stored, presented.hash.data(), kHashBytes) == 0;
}

}  // namespace

Result<KeyFilters> ParseKeyFilters(const std::vector<std::string>& specs,
                                   const Vocabulary& vocabulary) {
  KeyFilters filters;
  for (const auto& spec : specs) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
      return Error::BadParameter("--filter", "filter must look like FACET=VALUE: " + spec);
    }
    const std::string facet = spec.substr(0, eq);
    std::string value = spec.substr(eq + 1);
    if (facet == kStateFilter) {
      std::transform(value.begin(), value.end(), value.begin(), ::toupper);
      if (!filters[facet].empty()) {
        return Error::BadParameter("--filter", "only one state filter per key");
      }
    } else if (FindPartnerFacet(facet) == nullptr) {
      return Error::BadParameter("--filter", "a key cannot be fixed to facet " + facet);
    }
    if (!vocabulary.Contains(facet, value)) {
      return Error::BadParameter("--filter", "unknown " + facet + " value " + value);
    }
    filters[facet].push_back(value);
  }
  return filters;
}

void ApplyKeyFilters(const KeyFilters& filters, KeyIdentity* identity) {
  for (const auto& [facet, values] : filters) {
    if (facet == kStateFilter) {
      if (!values.empty()) identity->fixed_licensed_state = values.front();
    } else {
      identity->fixed_filters[facet] = values;
    }
  }
}

bool ProfileVisibleToKey(std::string_view profile_json, const KeyIdentity& key) {
  if (!key.fixed_licensed_state && key.fixed_filters.empty()) return true;
  rapidjson::Document doc;
  if (doc.Parse(profile_json.data(), profile_json.size()).HasParseError() || !doc.IsObject()) {
    return false;
  }
  auto has_string = [](const rapidjson::Value& value, const std::string& wanted) {
    if (value.IsString()) return wanted == value.GetString();
    if (!value.IsArray()) return false;
    for (const auto& item : value.GetArray()) {
      if (item.IsString() && wanted == item.GetString()) return true;
    }
    return false;
  };
  if (key.fixed_licensed_state) {
    bool licensed = false;
    if (doc.HasMember("licenses") && doc["licenses"].IsArray()) {
      for (const auto& license : doc["licenses"].GetArray()) {
        if (license.IsObject() && license.HasMember("state") &&
            has_string(license["state"], *key.fixed_licensed_state)) {
          licensed = true;
        }
      }
    }
    if (!licensed) return false;
  }
  for (const auto& [facet_name, values] : key.fixed_filters) {
    const FacetSpec* facet = FindPartnerFacet(facet_name);
    if (facet == nullptr || facet->profile_path.empty()) return false;
    const rapidjson::Value* field = JsonAtPath(doc, facet->profile_path);
    if (field == nullptr) return false;
    if (std::none_of(values.begin(), values.end(),
                     [&](const std::string& v) { return has_string(*field, v); })) {
      return false;
    }
  }
  return true;
}

Result<std::unique_ptr<KeyStore>> KeyStore::Open(const std::string& store_path) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  auto db = OpenStoreDatabase(store_path);
  if (!db) return db.error();
  return std::unique_ptr<KeyStore>(new KeyStore(std::move(db.value())));
}

KeyStore::KeyStore(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
KeyStore::~KeyStore() = default;

Result<std::string> KeyStore::Create(const NewKey& key) {
  if (Status valid = CheckNewKey(key); !valid) return valid.error();
  const std::string prefix = RandomHex(kPrefixBytes);
  const std::string secret = RandomHex(kSecretBytes);
  const std::vector<unsigned char> hash = HashSecret(secret);
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    SQLite::Statement insert(*db_,
                             "INSERT INTO api_keys (partner, key_prefix, key_hash, "
                             "rate_per_second, burst, filters_json, created_at, search_only, "
                             "origins_json, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, key.partner);
    insert.bind(2, prefix);
    insert.bind(3, hash.data(), static_cast<int>(hash.size()));
    insert.bind(4, key.rate_per_second);
    insert.bind(5, key.burst);
    insert.bind(6, KeyFiltersJson(key.filters));
    insert.bind(7, FormatUtcTimestamp(UtcNowSeconds()));
    insert.bind(8, key.search_only ? 1 : 0);
    insert.bind(9, KeyStringsJson(key.origins));
    if (key.expires_at.empty()) {
      insert.bind(10);
    } else {
      insert.bind(10, key.expires_at);
    }
    insert.exec();
  } catch (const SQLite::Exception& e) {
    return Error::Internal(std::string("cannot store key: ") + e.what());
  }
  return std::string(kKeyTag) + prefix + "_" + secret;
}

Result<std::vector<KeyRecord>> KeyStore::List() {
  std::vector<KeyRecord> records;
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    SQLite::Statement query(*db_,
                            "SELECT id, partner, key_prefix, rate_per_second, burst, "
                            "filters_json, created_at, revoked_at, search_only, origins_json, "
                            "expires_at, requests, last_used_at FROM api_keys ORDER BY id DESC");
    while (query.executeStep()) {
      KeyRecord record;
      record.id = query.getColumn(0).getInt64();
      record.partner = query.getColumn(1).getString();
      record.prefix = query.getColumn(2).getString();
      record.rate_per_second = query.getColumn(3).getDouble();
      record.burst = query.getColumn(4).getInt();
      record.filters = KeyFiltersFromJson(query.getColumn(5).getString());
      record.created_at = query.getColumn(6).getString();
      if (!query.getColumn(7).isNull()) record.revoked_at = query.getColumn(7).getString();
      record.search_only = query.getColumn(8).getInt() != 0;
      record.origins = KeyStringsFromJson(query.getColumn(9).getString());
      record.expires_at = query.getColumn(10).getString();
      record.requests = query.getColumn(11).getInt64();
      if (!query.getColumn(12).isNull()) record.last_used_at = query.getColumn(12).getString();
      records.push_back(std::move(record));
    }
  } catch (const SQLite::Exception& e) {
    return Error::Internal(std::string("cannot list keys: ") + e.what());
  }
  return records;
}

Status KeyStore::Revoke(std::string_view prefix) {
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    SQLite::Statement update(
        *db_, "UPDATE api_keys SET revoked_at = ? WHERE key_prefix = ? AND revoked_at IS NULL");
    update.bind(1, FormatUtcTimestamp(UtcNowSeconds()));
    update.bind(2, std::string(prefix));
    if (update.exec() == 0)
      return Error::NotFound("no active key with prefix " + std::string(prefix));
  } catch (const SQLite::Exception& e) {
    return Error::Internal(std::string("cannot revoke key: ") + e.what());
  }
  return Status::Ok();
}

Result<std::string> KeyStore::Rotate(std::string_view prefix) {
  auto records = List();
  if (!records) return records.error();
  auto it = std::find_if(records.value().begin(), records.value().end(),
                         [&](const KeyRecord& r) { return r.prefix == prefix && !r.revoked_at; });
  if (it == records.value().end()) {
    return Error::NotFound("no active key with prefix " + std::string(prefix));
  }
  NewKey successor;
  successor.partner = it->partner;
  successor.rate_per_second = it->rate_per_second;
  successor.burst = it->burst;
  successor.filters = it->filters;
  successor.search_only = it->search_only;
  successor.origins = it->origins;
  successor.expires_at = it->expires_at;
  auto created = Create(successor);
  if (!created) return created.error();
  if (Status revoked = Revoke(prefix); !revoked) return revoked.error();
  return created;
}

Result<KeyIdentity> KeyStore::Authenticate(std::string_view key_text) {
  const std::optional<PresentedKey> presented = ParsePresentedKey(key_text);
  if (!presented) return InvalidKey();
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    SQLite::Statement query(*db_,
                            "SELECT id, partner, key_hash, rate_per_second, burst, filters_json, "
                            "search_only, origins_json, expires_at "
                            "FROM api_keys WHERE key_prefix = ? AND revoked_at IS NULL");
    query.bind(1, presented->prefix);
    if (!query.executeStep()) return InvalidKey();
    const SQLite::Column stored = query.getColumn(2);
    if (!SameHash(static_cast<const unsigned char*>(stored.getBlob()),
                  static_cast<size_t>(stored.getBytes()), *presented)) {
      return InvalidKey();
    }
    KeyIdentity identity;
    identity.id = query.getColumn(0).getInt64();
    identity.partner = query.getColumn(1).getString();
    identity.prefix = presented->prefix;
    identity.rate_per_second = query.getColumn(3).getDouble();
    identity.burst = query.getColumn(4).getInt();
    ApplyKeyFilters(KeyFiltersFromJson(query.getColumn(5).getString()), &identity);
    identity.search_only = query.getColumn(6).getInt() != 0;
    identity.origins = KeyStringsFromJson(query.getColumn(7).getString());
    const std::string now = FormatUtcTimestamp(UtcNowSeconds());
    if (Status live = CheckExpiry(query.getColumn(8).getString(), now); !live) {
      return live.error();
    }
    PendingUse& use = pending_[identity.id];
    ++use.requests;
    use.last_used_at = now;
    return identity;
  } catch (const SQLite::Exception& e) {
    return Error::StoreUnavailable("the key store cannot be read");
  }
}

Status KeyStore::FlushUsage() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (pending_.empty()) return Status::Ok();
  try {
    SQLite::Transaction transaction(*db_);
    SQLite::Statement update(*db_,
                             "UPDATE api_keys SET requests = requests + ?, last_used_at = ? "
                             "WHERE id = ?");
    for (const auto& [id, use] : pending_) {
      update.bind(1, use.requests);
      update.bind(2, use.last_used_at);
      update.bind(3, id);
      update.exec();
      update.reset();
    }
    transaction.commit();
  } catch (const SQLite::Exception& e) {
    return Error::StoreUnavailable(std::string("cannot record key usage: ") + e.what());
  }
  pending_.clear();
  return Status::Ok();
}

IndexKeys::IndexKeys(const Xapian::Database& db) {
  for (PublishedKey& key : ReadPublishedKeys(db)) {
    std::string prefix = key.prefix;
    by_prefix_.emplace(std::move(prefix), std::move(key));
  }
}

Result<KeyIdentity> IndexKeys::Authenticate(std::string_view key_text) const {
  const std::optional<PresentedKey> presented = ParsePresentedKey(key_text);
  if (!presented) return InvalidKey();
  const auto found = by_prefix_.find(presented->prefix);
  if (found == by_prefix_.end()) return InvalidKey();
  const PublishedKey& key = found->second;
  std::vector<unsigned char> stored(kHashBytes);
  size_t stored_bytes = 0;
  if (sodium_hex2bin(stored.data(), stored.size(), key.hash_hex.data(), key.hash_hex.size(),
                     nullptr, &stored_bytes, nullptr) != 0 ||
      !SameHash(stored.data(), stored_bytes, *presented)) {
    return InvalidKey();
  }
  if (Status live = CheckExpiry(key.expires_at, FormatUtcTimestamp(UtcNowSeconds())); !live) {
    return live.error();
  }
  KeyIdentity identity;
  identity.id = key.id;
  identity.partner = key.partner;
  identity.prefix = key.prefix;
  identity.rate_per_second = key.rate_per_second;
  identity.burst = key.burst;
  ApplyKeyFilters(key.filters, &identity);
  identity.search_only = key.search_only;
  identity.origins = key.origins;
  return identity;
}

Status KeyStore::Ping() {
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    db_->execAndGet("SELECT count(*) FROM api_keys");
  } catch (const SQLite::Exception& e) {
    return Error::StoreUnavailable("the store cannot be read");
  }
  return Status::Ok();
}

}  // namespace rapport
