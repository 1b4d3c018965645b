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

// `mset` is the result set of the text query, or nullptr for a search without text.
[[nodiscard]] std::string MakeSnippet(const Xapian::MSet* mset, const std::string& bio,
                                      size_t length = kSnippetBytes);

// `text` with &, <, >, " and ' replaced by HTML entities.
[[nodiscard]] std::string EscapeHtml(const std::string& text);

}  // namespace rapport
