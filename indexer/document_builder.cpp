// DocumentBuilder: one profile -> one Xapian document (document_builder.h).
#include "document_builder.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "caching_stemmer.h"
#include "document_data.h"
#include "facet_catalogue.h"
#include "index_layout.h"
#include "public_profile.h"
#include "utc_time.h"

namespace rapport {
namespace {

std::string Term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  term += value;
  return term;
}

void AddTerms(Xapian::Document& document, std::string_view prefix, const FacetValueViews& values) {
  for (const std::string_view value : values) document.add_boolean_term(Term(prefix, value));
}

constexpr Xapian::termpos kFieldGap = 100;

std::string LowerAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The values `profile` has for `facet`, appended to `values` after clearing it.
void ReadFacetValues(const FacetSpec& facet, const Profile& profile, FacetValueViews& values) {
  values.clear();
  facet.profile_values(profile, values);
}

// The marker term of a concept the bio names: layout::kConceptPrefix + the
// concept's facet term.
std::string ConceptTerm(std::string_view facet_name, std::string_view value) {
  std::string term(layout::kConceptPrefix);
  term += FindFacet(facet_name)->term_prefix;
  return term += value;
}

}  // namespace

std::string CellTerm(std::string_view prefix, double cell_degrees, double lat, double lon) {
  const auto lat_index = static_cast<long>(std::floor((lat + 90.0) / cell_degrees));
  const auto lon_index = static_cast<long>(std::floor((lon + 180.0) / cell_degrees));
  return Term(prefix, std::to_string(lat_index) + "_" + std::to_string(lon_index));
}

DocumentBuilder::DocumentBuilder(const Vocabulary& vocabulary, const Compacts& compacts,
                                 int current_year)
    : vocabulary_(vocabulary),
      compacts_(compacts),
      current_year_(current_year),
      concept_detector_(vocabulary),
      stemmed_text_(CachedEnglishStemmer()) {}

Result<BuiltDocument> DocumentBuilder::Build(const StoredProfile& stored) {
  Result<std::string> data = PublicProfileJson(stored, compacts_, current_year_);
  if (!data) return data.error();
  BuiltDocument built;
  built.id_term = Term(layout::kIdPrefix, stored.profile.id);
  Xapian::Document& document = built.document;
  Result<std::string> packed = PackDocumentData(data.value());
  if (!packed) return packed.error();
  document.set_data(packed.value());
  document.add_boolean_term(built.id_term);
  if (!stored.profile.npi.empty()) {
    document.add_boolean_term(Term(layout::kNpiPrefix, stored.profile.npi));
  }
  AddFacetTerms(stored.profile, document);
  AddPlaceTerms(stored.profile, document);
  AddValues(stored, document);
  built.spelling_words = IndexFreeText(stored.profile, document);
  return built;
}

bool DocumentBuilder::SameFreeText(const Profile& a, const Profile& b) {
  if (a.name != b.name || a.bio != b.bio) return false;
  FacetValueViews values_a;
  FacetValueViews values_b;
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.text_searchable) continue;
    ReadFacetValues(facet, a, values_a);
    ReadFacetValues(facet, b, values_b);
    if (values_a != values_b) return false;
  }
  return true;
}

std::vector<std::string> DocumentBuilder::SpellingWords(const Profile& profile) {
  Xapian::Document scratch;
  return IndexFreeText(profile, scratch);
}

void DocumentBuilder::AddFacetTerms(const Profile& profile, Xapian::Document& document) {
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (facet.profile_values == nullptr) continue;
    ReadFacetValues(facet, profile, facet_values_);
    AddTerms(document, facet.term_prefix, facet_values_);
  }
  if (profile.fee && profile.fee->sliding_scale.value_or(false)) {
    document.add_boolean_term(Term(layout::kSlidingScalePrefix, "true"));
  }
}

void DocumentBuilder::AddPlaceTerms(const Profile& profile, Xapian::Document& document) const {
  for (const std::string& state : VirtualStates(profile, compacts_)) {
    document.add_boolean_term(Term(layout::kVirtualStatePrefix, state));
  }
  for (const License& license : profile.licenses) {
    if (!license.state.empty()) {
      document.add_boolean_term(Term(layout::kLicensedStatePrefix, license.state));
    }
  }
  if (OffersTelehealth(profile))
    document.add_boolean_term(Term(layout::kAvailabilityPrefix, "virtual"));
  if (!profile.offices.empty()) {
    document.add_boolean_term(Term(layout::kAvailabilityPrefix, "in_person"));
  }
  for (const Office& office : profile.offices) {
    if (!office.state.empty()) {
      document.add_boolean_term(Term(layout::kOfficeStatePrefix, office.state));
    }
    if (office.lat && office.lon) {
      document.add_boolean_term(
          CellTerm(layout::kFineCellPrefix, layout::kFineCellDegrees, *office.lat, *office.lon));
      document.add_boolean_term(CellTerm(layout::kCoarseCellPrefix, layout::kCoarseCellDegrees,
                                         *office.lat, *office.lon));
    }
  }
}

void DocumentBuilder::AddValues(const StoredProfile& stored, Xapian::Document& document) const {
  const Profile& profile = stored.profile;
  if (profile.fee && profile.fee->min) {
    document.add_value(layout::kSlotFeeMin, Xapian::sortable_serialise(*profile.fee->min));
  }
  if (profile.fee && profile.fee->max) {
    document.add_value(layout::kSlotFeeMax, Xapian::sortable_serialise(*profile.fee->max));
  }
  if (profile.telehealth && profile.telehealth->since) {
    document.add_value(layout::kSlotTelehealthSince,
                       Xapian::sortable_serialise(*profile.telehealth->since));
  }
  const std::pair<unsigned, const std::string*> timestamps[] = {
      {layout::kSlotUpdatedAt, &profile.updated_at},
      {layout::kSlotAvailabilityConfirmedAt, &profile.availability_confirmed_at},
      {layout::kSlotVerifiedAt, &profile.verified_at}};
  for (const auto& [slot, timestamp] : timestamps) {
    // Stored timestamps passed the strict check when they were written.
    if (const std::optional<int64_t> seconds = ParseUtcTimestamp(*timestamp)) {
      document.add_value(slot, Xapian::sortable_serialise(static_cast<double>(*seconds)));
    }
  }
  Xapian::LatLongCoords coords;
  for (const Office& office : profile.offices) {
    if (office.lat && office.lon) coords.append(Xapian::LatLongCoord(*office.lat, *office.lon));
  }
  if (!coords.empty()) document.add_value(layout::kSlotOfficeCoords, coords.serialise());
  document.add_value(layout::kSlotVersion, std::to_string(stored.version));
  document.add_value(layout::kSlotNameKey, LowerAscii(profile.name));
  if (profile.accepting_new_clients.value_or(false))
    document.add_value(layout::kSlotAccepting, "1");
}

std::vector<std::string> DocumentBuilder::IndexFreeText(const Profile& profile,
                                                        Xapian::Document& document) {
  text_document_ = &document;
  text_position_ = 0;
  text_words_.clear();
  IndexField(profile.name, layout::kNameWdf, {layout::kNameTextPrefix, FieldCopy::kWithPositions});
  std::set<std::pair<std::string_view, std::string_view>> tagged;
  // The vocabulary texts of the text-searchable facets' values; phrase
  // matching relies on them (docs/index-layout.md).
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.text_searchable) continue;
    ReadFacetValues(facet, profile, facet_values_);
    for (const std::string_view value : facet_values_) {
      const VocabEntry* entry = vocabulary_.Find(facet.vocabulary, value);
      if (entry == nullptr) {
        IndexField(std::string(value), layout::kVocabWdf, {});
        continue;
      }
      tagged.emplace(facet.vocabulary, entry->value);
      IndexEntryForms(*entry, layout::kVocabWdf);
    }
  }
  IndexField(profile.bio, layout::kBioWdf, {layout::kBioTextPrefix, FieldCopy::kWithoutPositions});
  // Concept terms: a concept the bio names in one form is indexed in all its
  // forms, at the bio's weight, so queries need no synonym expansion; its
  // marker term tells phrase matching that the document holds those forms.
  for (const Concept& mentioned : concept_detector_.Detect(profile.bio)) {
    if (tagged.count({mentioned.facet, mentioned.entry->value}) != 0) continue;
    IndexEntryForms(*mentioned.entry, layout::kBioWdf);
    document.add_boolean_term(ConceptTerm(mentioned.facet, mentioned.entry->value));
  }
  text_document_ = nullptr;
  // Words that start with a letter (lower case or non-ASCII), each once.
  std::vector<std::string> words;
  for (std::string& word : text_words_) {
    const auto first = static_cast<unsigned char>(word[0]);
    if ((first >= 'a' && first <= 'z') || first >= 0x80) words.push_back(std::move(word));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// Generates the terms of `entry`'s forms the first time they are needed.
const DocumentBuilder::EntryTerms& DocumentBuilder::TermsOf(const VocabEntry& entry,
                                                            unsigned wdf_increment) {
  const auto [it, inserted] = entry_terms_.try_emplace({&entry, wdf_increment});
  EntryTerms& terms = it->second;
  if (!inserted) return terms;
  // Only each stem's summed wdf is kept, so every form may start at position 0.
  Xapian::Document scratch;
  for (const std::string* form : IndexedForms(entry)) {
    (void)stemmed_text_.Index(scratch, 0, *form, wdf_increment, {}, terms.words);
  }
  for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
    terms.stems.emplace_back(*term, term.get_wdf());
  }
  return terms;
}

// The slug, label and every synonym of `entry`, without positions: a phrase
// they contain is matched through the document's facet or concept term
// (query/vocabulary_phrases.h), never through positions. The terms are the
// same for every profile, so they are generated once and replayed here:
// tokenising and stemming them was most of the document building time.
void DocumentBuilder::IndexEntryForms(const VocabEntry& entry, unsigned wdf_increment) {
  const EntryTerms& terms = TermsOf(entry, wdf_increment);
  for (const auto& [stem, wdf] : terms.stems) text_document_->add_term(stem, wdf);
  text_words_.insert(text_words_.end(), terms.words.begin(), terms.words.end());
}

// Indexes `text` as stems with positions (phrases) and, per `copy`, once more
// under a field prefix for field searches; the position gap after it keeps a
// phrase from matching across two fields.
void DocumentBuilder::IndexField(const std::string& text, unsigned wdf_increment,
                                 const FieldCopy& copy) {
  if (text.empty()) return;
  text_position_ =
      stemmed_text_.Index(*text_document_, text_position_, text, wdf_increment, copy, text_words_) +
      kFieldGap;
}

}  // namespace rapport
