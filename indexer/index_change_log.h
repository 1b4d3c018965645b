// The writer side of the index change log (query/change_log.h): every commit
// of IndexWriter records which docids it deleted or added, so readers can
// update their facet stores incrementally (docs/facets.md).
#pragma once

#include <cstdint>
#include <vector>

#include <xapian.h>

namespace rapport {

// Log entries kept; a reader more commits behind than this rebuilds its
// facet store from scratch.
inline constexpr uint64_t kChangeLogEntriesKept = 4096;

// Numbers the coming commit (kMetaChangeSeq + 1), stores `docids` under it
// and removes the entry that falls out of the last `kept`. Call once per
// commit, before it. Throws Xapian::Error like the database calls it makes.
void AppendChangeLog(Xapian::WritableDatabase& db, std::vector<uint32_t> docids,
                     uint64_t kept = kChangeLogEntriesKept);

}  // namespace rapport
