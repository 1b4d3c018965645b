// The list of profiles due for license re-verification (stale_profiles.h).
#include "stale_profiles.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store_schema.h"

namespace rapport {

Result<std::unique_ptr<StaleProfiles>> StaleProfiles::Open(const std::string& path) {
  auto db = OpenStoreDatabase(path);
  if (!db) return db.error();
  return std::unique_ptr<StaleProfiles>(new StaleProfiles(std::move(db).value()));
}

namespace {

constexpr const char* kStaleCondition =
    " FROM profiles WHERE status = 'published' AND (verified IS NULL OR verified < ?)";

}  // namespace

Result<StalePage> StaleProfiles::List(const std::string& cutoff, int limit, int offset) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    // One read transaction: the count and the page see the same profiles.
    SQLite::Transaction snapshot(*db_);
    StalePage page;
    SQLite::Statement count(*db_, std::string("SELECT COUNT(*), "
                                              "json_extract(json, '$.verified_at') AS verified") +
                                      kStaleCondition);
    count.bind(1, cutoff);
    if (count.executeStep()) page.total = count.getColumn(0).getInt64();
    SQLite::Statement query(*db_,
                            std::string("SELECT id, json_extract(json, '$.name'), "
                                        "json_extract(json, '$.verified_at') AS verified, "
                                        "updated_at") +
                                kStaleCondition +
                                " ORDER BY verified IS NOT NULL, verified, id LIMIT ? OFFSET ?");
    query.bind(1, cutoff);
    query.bind(2, limit);
    query.bind(3, offset);
    while (query.executeStep()) {
      StaleProfile profile;
      profile.id = query.getColumn(0).getString();
      profile.name = query.getColumn(1).getString();
      profile.verified_at = query.getColumn(2).getString();
      profile.updated_at = query.getColumn(3).getString();
      page.profiles.push_back(std::move(profile));
    }
    snapshot.commit();
    return page;
  } catch (const SQLite::Exception& e) {
    return Error::Internal(std::string("stale profile list: ") + e.what());
  }
}

}  // namespace rapport
