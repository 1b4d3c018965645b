// Fuzzes the snippet of a bio: the input is a query, a line break, and a bio
// (a bio is outside input, typed by editors or imported). The query is parsed
// as searches parse `q`, against a small real index, and the snippet is made
// from it.
//
// Invariants: the marks alternate <mark>, </mark> and close; with the marks
// taken out and the entities decoded, the text is a stretch of the bio, with
// at most one "…" added at either end, and no longer than the snippet's
// length and a sentence's closing punctuation; a valid UTF-8 bio gives a
// valid UTF-8 snippet.
#include <xapian.h>

#include "data_dir.h"
#include "fuzz_support.h"
#include "snippet.h"
#include "text_query.h"
#include "utf8_check.h"

namespace rapport::fuzz {
namespace {

constexpr std::string_view kMarkStart = "<mark>";
constexpr std::string_view kMarkEnd = "</mark>";
constexpr std::string_view kOmitted = "…";

// A query longer than this tests the parser, which text_query_fuzz covers.
constexpr size_t kMaxQueryBytes = 200;

const Xapian::Database& Database() {
  static const Xapian::Database db(DataDir{SharedIndex().data_dir}.IndexPath());
  return db;
}

// `snippet` without its marks and with its entities decoded; false when the
// marks do not alternate and close or an & starts no entity the escaping writes.
bool Unmarked(std::string_view snippet, std::string& text) {
  bool open = false;
  for (size_t at = 0; at < snippet.size();) {
    if (snippet.substr(at, kMarkStart.size()) == kMarkStart) {
      if (open) return false;
      open = true;
      at += kMarkStart.size();
    } else if (snippet.substr(at, kMarkEnd.size()) == kMarkEnd) {
      if (!open) return false;
      open = false;
      at += kMarkEnd.size();
    } else if (snippet[at] == '<' || snippet[at] == '>') {
      return false;
    } else if (snippet[at] == '&') {
      bool known = false;
      for (const auto& [entity, plain] : {std::pair{"&amp;", '&'},
                                          {"&lt;", '<'},
                                          {"&gt;", '>'},
                                          {"&quot;", '"'},
                                          {"&#39;", '\''}}) {
        const std::string_view name = entity;
        if (snippet.substr(at, name.size()) == name) {
          text += plain;
          at += name.size();
          known = true;
          break;
        }
      }
      if (!known) return false;
    } else {
      text += snippet[at++];
    }
  }
  return !open;
}

bool StartsWith(std::string_view text, std::string_view start) {
  return text.substr(0, start.size()) == start;
}

bool EndsWith(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// Whether `text` is a stretch of `bio`, with "…" perhaps added at either end.
bool QuotesBio(std::string_view text, std::string_view bio) {
  for (bool head : {false, true}) {
    for (bool tail : {false, true}) {
      std::string_view quoted = text;
      if (head && !StartsWith(quoted, kOmitted)) continue;
      if (head) quoted.remove_prefix(kOmitted.size());
      if (tail && !EndsWith(quoted, kOmitted)) continue;
      if (tail) quoted.remove_suffix(kOmitted.size());
      if (quoted.size() <= kSnippetBytes + 3 && bio.find(quoted) != std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const std::string_view input = AsText(data, size);
  const size_t line_break = input.find('\n');
  if (line_break == std::string_view::npos || line_break > kMaxQueryBytes) return 0;
  const std::string q(input.substr(0, line_break));
  const std::string_view bio = input.substr(line_break + 1);

  const SnippetMaker maker(ParseText(q, Database()).query, Database());
  const std::string snippet = maker.Make(bio);
  std::string text;
  FUZZ_CHECK(Unmarked(snippet, text), "marks or entities are broken: " + snippet);
  FUZZ_CHECK(bio.empty() == snippet.empty(), "an empty snippet of a bio, or one of none");
  FUZZ_CHECK(snippet.empty() || QuotesBio(text, bio), "the text is not a stretch of the bio");
  FUZZ_CHECK(!IsValidUtf8(bio) || IsValidUtf8(snippet), "a valid bio gives invalid UTF-8");
  return 0;
}
