// DocumentBuilder: turns one stored profile into the Xapian document that
// query/index_layout.h describes (docs/index-layout.md): boolean facet terms,
// geographic cells, value slots, weighted free text, and the
// public profile JSON as document data.
//
// A builder holds a Xapian::TermGenerator, so use one per thread; the
// Vocabulary and Compacts it reads are shared and must outlive it.
//
//   DocumentBuilder builder(vocabulary, compacts, CurrentUtcYear());
//   Result<BuiltDocument> built = builder.Build(stored);
//   if (!built) return built.error();
//   db.replace_document(built.value().id_term, built.value().document);
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "compacts.h"
#include "concept_detector.h"
#include "error.h"
#include "profile_store.h"
#include "stemmed_text.h"
#include "vocabulary.h"

namespace rapport {

struct BuiltDocument {
  std::string id_term;  // Q<id>: the unique term to replace or delete by
  Xapian::Document document;
  // Unstemmed lower-case words of the free text (name, vocabulary labels,
  // bio), each once, that start with a letter: the writer adds them to the
  // spelling dictionary, since builder threads have no database.
  std::vector<std::string> spelling_words;
};

class DocumentBuilder {
 public:
  DocumentBuilder(const Vocabulary& vocabulary, const Compacts& compacts, int current_year);

  // Builds the document of a published profile. 500 if its stored JSON is broken.
  [[nodiscard]] Result<BuiltDocument> Build(const StoredProfile& stored);

  // The spelling words Build gives `profile` (the index keeps only stems, so a
  // document's words are found again from its profile when it is replaced).
  [[nodiscard]] std::vector<std::string> SpellingWords(const Profile& profile);

  // Whether `a` and `b` have the same free text (name, bio, the values whose
  // vocabulary texts are indexed), so their documents have the same words.
  [[nodiscard]] static bool SameFreeText(const Profile& a, const Profile& b);

 private:
  void AddFacetTerms(const Profile& profile, Xapian::Document& document) const;
  void AddPlaceTerms(const Profile& profile, Xapian::Document& document) const;
  void AddValues(const StoredProfile& stored, Xapian::Document& document) const;
  // Adds the free text's terms to `document`; returns its spelling words.
  std::vector<std::string> IndexFreeText(const Profile& profile, Xapian::Document& document);
  void IndexField(const std::string& text, unsigned wdf_increment, const FieldCopy& copy);
  void IndexEntryForms(const VocabEntry& entry, unsigned wdf_increment);

  const Vocabulary& vocabulary_;
  const Compacts& compacts_;
  int current_year_;
  ConceptDetector concept_detector_;
  StemmedText stemmed_text_;
  // The free text being indexed: its document, the last position used and the
  // words seen so far.
  Xapian::Document* text_document_ = nullptr;
  Xapian::termpos text_position_ = 0;
  std::vector<std::string> text_words_;
  // The terms of a vocabulary entry's forms, generated once per (entry, wdf
  // increment): each stem with its summed wdf, and the forms' words.
  struct EntryTerms {
    std::vector<std::pair<std::string, Xapian::termcount>> stems;
    std::vector<std::string> words;
  };
  [[nodiscard]] const EntryTerms& TermsOf(const VocabEntry& entry, unsigned wdf_increment);
  std::map<std::pair<const VocabEntry*, unsigned>, EntryTerms> entry_terms_;
};

// The cell term (fine or coarse prefix + "<lat index>_<lon index>") of a point.
[[nodiscard]] std::string CellTerm(std::string_view prefix, double cell_degrees, double lat,
                                   double lon);

}  // namespace rapport
