// The list of profiles due for license re-verification (stale_profiles.h).
#include "stale_profiles.h"

#include <SQLiteCpp/Statement.h>

#include "store_schema.h"

namespace rapport {

Result<std::unique_ptr<StaleProfiles>> StaleProfiles::Open(const std::string& path) {
  auto db = OpenStoreDatabase(path);
  if (!db) return db.error();
  return std::unique_ptr<StaleProfiles>(new StaleProfiles(std::move(db).value()));
}

Result<std::vector<StaleProfile>> StaleProfiles::List(const std::string& cutoff, int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement query(*db_,
                            "SELECT id, json_extract(json, '$.name'), "
                            "json_extract(json, '$.verified_at') AS verified, updated_at "
                            "FROM profiles WHERE status = 'published' "
                            "AND (verified IS NULL OR verified < ?) "
                            "ORDER BY verified IS NOT NULL, verified, id LIMIT ?");
    query.bind(1, cutoff);
    query.bind(2, limit);
    std::vector<StaleProfile> stale;
    while (query.executeStep()) {
      StaleProfile profile;
      profile.id = query.getColumn(0).getString();
      profile.name = query.getColumn(1).getString();
      profile.verified_at = query.getColumn(2).getString();
      profile.updated_at = query.getColumn(3).getString();
      stale.push_back(std::move(profile));
    }
    return stale;
  } catch (const SQLite::Exception& e) {
    return Error::Internal(std::string("stale profile list: ") + e.what());
  }
}

}  // namespace rapport
