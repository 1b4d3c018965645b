// Snippet: the HTML-escaped excerpt of a bio shown with a result, matched
// words wrapped in <mark>…</mark>. Xapian's MSet::snippet selects and
// escapes (&, <, >) text around the query's matches; without a text query the
// bio's opening is escaped here.
#pragma once

#include <cstddef>
#include <string>

#include <xapian.h>

namespace rapport {

inline constexpr size_t kSnippetBytes = 200;

// Xapian's snippet flags: none, so it stops at the first window it judges
// good enough instead of scoring every window of the bio
// (SNIPPET_EXHAUSTIVE). On the mix of tests/bench/http_mix.lua that is a
// sixth of a search's instructions (callgrind, docs/benchmarks.md), and the
// excerpts show as many of the query's words: over the top 50 of five
// two- and three-word queries on 100k profiles, 427 distinct marked words
// against 428.
inline constexpr unsigned kSnippetFlags = 0;

// `mset` is the result set of the text query, or nullptr for a search without text.
[[nodiscard]] std::string MakeSnippet(const Xapian::MSet* mset, const std::string& bio,
                                      size_t length = kSnippetBytes);

// `text` with &, <, >, " and ' replaced by HTML entities.
[[nodiscard]] std::string EscapeHtml(const std::string& text);

}  // namespace rapport
