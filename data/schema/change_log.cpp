// ChangeLog: metadata format of the per-commit docid log (change_log.h).
#include "change_log.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "index_layout.h"

namespace rapport {
namespace {
// The value of an entry whose commit changed no document (an empty value is
// what a missing key reads as).
constexpr std::string_view kNoDocids = "-";
}  // namespace

std::string ChangeLogKey(uint64_t seq) {
  char digits[21];
  std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(seq));
  return std::string(layout::kMetaChangePrefix) + digits;
}

std::string EncodeChangedDocids(const std::vector<uint32_t>& docids) {
  std::string text;
  for (uint32_t docid : docids) {
    if (!text.empty()) text += ',';
    text += std::to_string(docid);
  }
  return text.empty() ? std::string(kNoDocids) : text;
}

std::optional<std::vector<uint32_t>> DecodeChangedDocids(std::string_view text) {
  std::vector<uint32_t> docids;
  if (text == kNoDocids) return docids;
  if (text.empty()) return std::nullopt;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    uint32_t docid = 0;
    auto [next, error] = std::from_chars(at, end, docid);
    if (error != std::errc() || (next < end && *next != ',')) return std::nullopt;
    docids.push_back(docid);
    at = next < end ? next + 1 : next;
  }
  return docids;
}

uint64_t ChangeLogSeq(const Xapian::Database& db) {
  const std::string text = db.get_metadata(std::string(layout::kMetaChangeSeq));
  uint64_t seq = 0;
  std::from_chars(text.data(), text.data() + text.size(), seq);
  return seq;
}

std::optional<std::vector<uint32_t>> ChangedDocidsBetween(const Xapian::Database& db,
                                                          uint64_t from_seq, uint64_t to_seq) {
  std::vector<uint32_t> changed;
  for (uint64_t seq = from_seq + 1; seq <= to_seq; ++seq) {
    const std::string text = db.get_metadata(ChangeLogKey(seq));
    auto docids = DecodeChangedDocids(text);
    if (!docids) return std::nullopt;
    changed.insert(changed.end(), docids->begin(), docids->end());
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  return changed;
}

}  // namespace rapport
