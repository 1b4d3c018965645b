// Search cursors (search_cursor.h).
#include "search_cursor.h"

#include <charconv>

namespace rapport {
namespace {

constexpr std::string_view kVersion = "1.";
constexpr std::string_view kField = "cursor";

Error Malformed() {
  return Error::BadParameter(std::string(kField),
                             "cursor must be * or the next_cursor of an earlier page");
}

}  // namespace

std::string CursorFolder(std::string_view stub) {
  const size_t space = stub.find_last_of(" \t");
  std::string_view folder = space == std::string_view::npos ? stub : stub.substr(space + 1);
  while (!folder.empty() && (folder.back() == '\n' || folder.back() == '\r')) {
    folder.remove_suffix(1);
  }
  return std::string(folder);
}

Result<CursorPosition> ParseCursor(std::string_view cursor) {
  if (cursor == kFirstCursor) return CursorPosition{};
  if (cursor.size() > kMaxCursorChars || cursor.substr(0, kVersion.size()) != kVersion) {
    return Malformed();
  }
  const std::string_view rest = cursor.substr(kVersion.size());
  const size_t dot = rest.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return Malformed();
  const std::string_view docid_text = rest.substr(dot + 1);
  CursorPosition position;
  const auto [end, error] =
      std::from_chars(docid_text.data(), docid_text.data() + docid_text.size(), position.after);
  if (error != std::errc() || end != docid_text.data() + docid_text.size() || position.after == 0) {
    return Malformed();
  }
  position.folder = std::string(rest.substr(0, dot));
  return position;
}

Result<uint32_t> CursorStart(std::string_view cursor, std::string_view folder) {
  auto position = ParseCursor(cursor);
  if (!position) return position.error();
  if (position.value().after != 0 && position.value().folder != folder) {
    return Error{400, "cursor_expired",
                 "the index was rebuilt since this cursor was made; start the walk again with "
                 "cursor=*",
                 std::string(kField)};
  }
  return position.value().after;
}

std::string NextCursor(std::string_view folder, uint32_t last_docid) {
  return std::string(kVersion) + std::string(folder) + "." + std::to_string(last_docid);
}

}  // namespace rapport
