// AppendChangeLog (index_change_log.h).
#include "index_change_log.h"

#include <algorithm>
#include <string>

#include "change_log.h"
#include "index_layout.h"

namespace rapport {

void AppendChangeLog(Xapian::WritableDatabase& db, std::vector<uint32_t> docids, uint64_t kept) {
  std::sort(docids.begin(), docids.end());
  docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
  const uint64_t seq = ChangeLogSeq(db) + 1;
  db.set_metadata(ChangeLogKey(seq), EncodeChangedDocids(docids));
  if (seq > kept) db.set_metadata(ChangeLogKey(seq - kept), "");  // "" deletes the key
  db.set_metadata(std::string(layout::kMetaChangeSeq), std::to_string(seq));
}

}  // namespace rapport
