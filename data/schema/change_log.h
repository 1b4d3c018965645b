// ChangeLog: the docids each index commit deleted or added, kept in the
// index's own metadata (keys in index_layout.h) so that a reader moving from
// one revision to a later one can update its FacetStore from the documents
// that changed instead of rereading the whole index (docs/facets.md).
// The writer side is indexer/index_change_log.h; this is the shared format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace rapport {

// Metadata key of change log entry `seq` (zero-padded, so keys sort by seq).
[[nodiscard]] std::string ChangeLogKey(uint64_t seq);

// "12,57,58": docids in ascending order, comma-separated; "-" for none.
[[nodiscard]] std::string EncodeChangedDocids(const std::vector<uint32_t>& docids);
// nullopt for text that is not such a list (an empty text: a missing entry).
[[nodiscard]] std::optional<std::vector<uint32_t>> DecodeChangedDocids(std::string_view text);

// The seq of the last logged commit in `db`, 0 when none. Throws Xapian::Error.
[[nodiscard]] uint64_t ChangeLogSeq(const Xapian::Database& db);

// Every docid the commits after `from_seq` up to `to_seq` changed, ascending
// and unique; nullopt when an entry is missing (pruned, or never written).
// Throws Xapian::Error.
[[nodiscard]] std::optional<std::vector<uint32_t>> ChangedDocidsBetween(const Xapian::Database& db,
                                                                        uint64_t from_seq,
                                                                        uint64_t to_seq);

}  // namespace rapport
