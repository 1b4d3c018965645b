// DocumentData: what each index document carries as its data, the profile's
// public JSON (the search's hits, the profile answer, the suggester's names
// and an edit's old profile all read it), compressed with zstd.
//
// Xapian compresses document data with zlib itself; reading a hit's data was
// then its inflate, 24 % of a filtered word search's instructions at 100k
// profiles. A zstd frame decompresses 2.3× faster than zlib's inflate of the
// same profile, and Xapian, which cannot shrink it further, stores it as is
// (docs/benchmarks.md, "Stored profiles in zstd"). Indexes of layout 4 and
// before held plain JSON; readers refuse them until rebuilt (index_layout.h).
#pragma once

#include <string>
#include <string_view>

#include "error.h"

namespace rapport {

// `json` as a document's data; an error only when zstd has no memory.
[[nodiscard]] Result<std::string> PackDocumentData(std::string_view json);

// The JSON a document's `data` holds; empty when it is not a whole zstd frame
// or its checksum fails.
[[nodiscard]] std::string UnpackDocumentData(std::string_view data);

}  // namespace rapport
