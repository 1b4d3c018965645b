// IndexTextWithUnpositionedCopy: one tokenising pass, two copies
// (unpositioned_copy.h).
#include "unpositioned_copy.h"

namespace rapport {

// The text goes unprefixed into a scratch document; each of its terms is then
// added to the target document at the target's position, and once more with
// `prefix` and without positions (a stem "Z<stem>" becomes "Z<prefix><stem>",
// as TermGenerator names a prefixed stem).
void IndexTextWithUnpositionedCopy(Xapian::TermGenerator& target, Xapian::TermGenerator& scratch,
                                   const std::string& text, Xapian::termcount wdf_increment,
                                   std::string_view prefix) {
  Xapian::Document scratch_document;
  scratch.set_document(scratch_document);
  scratch.set_termpos(0);
  scratch.index_text(text, wdf_increment);
  const Xapian::termpos base = target.get_termpos();
  Xapian::Document document = target.get_document();  // a handle: adds go to the target's
  std::string copy;
  for (auto term = scratch_document.termlist_begin(); term != scratch_document.termlist_end();
       ++term) {
    const std::string& name = *term;
    const Xapian::termcount wdf = term.get_wdf();
    if (term.positionlist_count() == 0) {  // a stem; words always have positions here
      document.add_term(name, wdf);
      copy.assign(1, name[0]).append(prefix).append(name, 1, std::string::npos);
    } else {
      for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
        document.add_posting(name, base + *pos, wdf_increment);
      }
      copy.assign(prefix).append(name);
    }
    document.add_term(copy, wdf);
  }
  target.set_termpos(base + scratch.get_termpos());
}

}  // namespace rapport
