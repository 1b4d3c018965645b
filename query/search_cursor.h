// Search cursors: walking a whole filtered list page by page, for partners
// that copy or check every match (GET /api/v1/search?cursor=*). Offsets stop
// at 10,000 and shift when profiles are added or removed before the page;
// a cursor does neither.
//
// A walk lists the matches in docid order. An edit replaces a profile's
// document under the same docid (indexer/index_writer.cpp), so no edit moves
// a profile across the cursor: a profile that matches for the whole walk is
// listed exactly once, however the ranking or its fields change meanwhile.
// New profiles get higher docids (a walk meets them at its end); a profile
// unpublished before its page is not listed. A rebuild numbers documents
// afresh, so a cursor names the index folder it was made on and is refused
// (400 cursor_expired) on another.
//
// The text is opaque to clients: "1.<index folder>.<last docid>", or "*" to
// start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "error.h"

namespace rapport {

// The cursor that starts a walk.
inline constexpr std::string_view kFirstCursor = "*";

// The most characters a cursor text may have.
inline constexpr size_t kMaxCursorChars = 80;

// The index folder a snapshot was opened through, from its stub's text
// ("glass index-2" → "index-2").
[[nodiscard]] std::string CursorFolder(std::string_view stub);

// Where a cursor text says its page starts: after docid `after` of the index
// folder `folder` ("*": the first page, folder empty and after 0).
struct CursorPosition {
  std::string folder;
  uint32_t after = 0;
};

// Reads a cursor text. 400 invalid_parameter naming cursor for a text this
// program did not write (the parameter parser checks it this way).
[[nodiscard]] Result<CursorPosition> ParseCursor(std::string_view cursor);

// The docid after which the page of `cursor` starts on the index folder
// `folder` (0 for the first page). ParseCursor's errors, and 400
// cursor_expired naming cursor when it was made on another folder.
[[nodiscard]] Result<uint32_t> CursorStart(std::string_view cursor, std::string_view folder);

// The cursor of the page after the one that ended with `last_docid`.
[[nodiscard]] std::string NextCursor(std::string_view folder, uint32_t last_docid);

}  // namespace rapport
