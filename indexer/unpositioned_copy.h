// IndexTextWithUnpositionedCopy: indexes a free-text field unprefixed with
// positions and once more under a field prefix without positions (the bio's
// `B` copy, docs/index-layout.md) from a single tokenising pass.
//
// TermGenerator would tokenise and stem the text twice; in a rebuild that was
// the largest part of building a document. The result is term for term (wdf
// and positions too) what these two calls give:
//   target.index_text_without_positions(text, wdf_increment, prefix);
//   target.index_text(text, wdf_increment);
//
//   IndexTextWithUnpositionedCopy(generator, scratch_generator, bio, 1, "B");
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace rapport {

// `scratch` must use the same stemmer and stemming strategy as `target`; its
// document and position are replaced. `target`'s position advances past the
// text as index_text would advance it.
void IndexTextWithUnpositionedCopy(Xapian::TermGenerator& target, Xapian::TermGenerator& scratch,
                                   const std::string& text, Xapian::termcount wdf_increment,
                                   std::string_view prefix);

}  // namespace rapport
