// DocumentBuilder: one profile -> one Xapian document (document_builder.h).
#include "document_builder.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>
#include <utility>

#include "caching_stemmer.h"
#include "index_layout.h"
#include "public_profile.h"

namespace rapport {
namespace {

std::string Term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  term += value;
  return term;
}

void AddTerms(Xapian::Document& document, std::string_view prefix,
              const std::vector<std::string>& values) {
  for (const std::string& value : values) document.add_boolean_term(Term(prefix, value));
}

constexpr Xapian::termpos kFieldGap = 100;

std::string LowerAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The profile lists whose vocabulary labels and synonyms are indexed as text,
// with the vocab.json facet each list draws from: the facets of
// layout::kTextIndexedFacets, on which phrase matching relies.
std::vector<std::pair<std::string_view, std::vector<std::string>>> VocabularyLists(
    const Profile& profile) {
  std::vector<std::pair<std::string_view, std::vector<std::string>>> lists = {
      {"specialty", profile.specialties},  {"modality", profile.modalities},
      {"population", profile.populations}, {"session_format", profile.session_formats},
      {"language", profile.languages},     {"insurance", profile.insurance}};
  if (!profile.profession.empty()) lists.push_back({"profession", {profile.profession}});
  return lists;
}

// The marker term of a concept the bio names: layout::kConceptPrefix + the
// concept's facet term (the detector's facets are all text-indexed ones).
std::string ConceptTerm(std::string_view facet, std::string_view value) {
  std::string term(layout::kConceptPrefix);
  for (const auto& [name, prefix] : layout::kTextIndexedFacets) {
    if (name == facet) term += prefix;
  }
  return term += value;
}

// Parses exactly `digits` decimal digits at text[pos].
bool ParseDigits(const std::string& text, size_t pos, size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// Seconds east of UTC of a zone designator ("Z", "+HH:MM", "-HHMM") at
// text[pos], which must end the string.
std::optional<int64_t> ZoneOffset(const std::string& text, size_t pos) {
  if (pos == text.size()) return 0;  // no designator: UTC
  if (text[pos] == 'Z' && pos + 1 == text.size()) return 0;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const int sign = text[pos] == '+' ? 1 : -1;
  int hours = 0, minutes = 0;
  if (!ParseDigits(text, pos + 1, 2, hours)) return std::nullopt;
  size_t next = pos + 3;
  if (next < text.size() && text[next] == ':') ++next;
  if (!ParseDigits(text, next, 2, minutes) || next + 2 != text.size()) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

}  // namespace

std::optional<int64_t> UnixSeconds(const std::string& timestamp) {
  std::tm parts{};
  int year = 0, month = 0, day = 0;
  if (!ParseDigits(timestamp, 0, 4, year) || timestamp.size() < 10 || timestamp[4] != '-' ||
      !ParseDigits(timestamp, 5, 2, month) || timestamp[7] != '-' ||
      !ParseDigits(timestamp, 8, 2, day)) {
    return std::nullopt;
  }
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  int64_t offset = 0;
  if (timestamp.size() > 10) {
    if (timestamp[10] != 'T' && timestamp[10] != ' ') return std::nullopt;
    if (!ParseDigits(timestamp, 11, 2, parts.tm_hour) || timestamp.size() < 19 ||
        timestamp[13] != ':' || !ParseDigits(timestamp, 14, 2, parts.tm_min) ||
        timestamp[16] != ':' || !ParseDigits(timestamp, 17, 2, parts.tm_sec)) {
      return std::nullopt;
    }
    size_t pos = 19;
    if (pos < timestamp.size() && timestamp[pos] == '.') {
      ++pos;
      while (pos < timestamp.size() && timestamp[pos] >= '0' && timestamp[pos] <= '9') ++pos;
    }
    const std::optional<int64_t> zone = ZoneOffset(timestamp, pos);
    if (!zone) return std::nullopt;
    offset = *zone;
  }
  return static_cast<int64_t>(timegm(&parts)) - offset;
}

std::string ExperienceBucket(int since_year) {
  if (since_year < 2020) return std::string(layout::kExperienceBefore2020);
  if (since_year <= 2021) return std::string(layout::kExperience2020To2021);
  return std::string(layout::kExperience2022OrLater);
}

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
  document.set_data(data.value());
  document.add_boolean_term(built.id_term);
  AddFacetTerms(stored.profile, document);
  AddPlaceTerms(stored.profile, document);
  AddValues(stored, document);
  built.spelling_words = IndexFreeText(stored.profile, document);
  return built;
}

bool DocumentBuilder::SameFreeText(const Profile& a, const Profile& b) {
  return a.name == b.name && a.bio == b.bio && VocabularyLists(a) == VocabularyLists(b);
}

std::vector<std::string> DocumentBuilder::SpellingWords(const Profile& profile) {
  Xapian::Document scratch;
  return IndexFreeText(profile, scratch);
}

void DocumentBuilder::AddFacetTerms(const Profile& profile, Xapian::Document& document) const {
  AddTerms(document, layout::kModalityPrefix, profile.modalities);
  AddTerms(document, layout::kSpecialtyPrefix, profile.specialties);
  AddTerms(document, layout::kPopulationPrefix, profile.populations);
  AddTerms(document, layout::kSessionFormatPrefix, profile.session_formats);
  AddTerms(document, layout::kLanguagePrefix, profile.languages);
  AddTerms(document, layout::kInsurancePrefix, profile.insurance);
  if (!profile.gender.empty())
    document.add_boolean_term(Term(layout::kGenderPrefix, profile.gender));
  if (!profile.profession.empty()) {
    document.add_boolean_term(Term(layout::kProfessionPrefix, profile.profession));
  }
  if (profile.telehealth) {
    AddTerms(document, layout::kModePrefix, profile.telehealth->modes);
    AddTerms(document, layout::kPlatformPrefix, profile.telehealth->platforms);
    AddTerms(document, layout::kDevicePrefix, profile.telehealth->devices);
    if (profile.telehealth->since) {
      document.add_boolean_term(
          Term(layout::kExperiencePrefix, ExperienceBucket(*profile.telehealth->since)));
    }
  }
  if (profile.accepting_new_clients) {
    document.add_boolean_term(
        Term(layout::kAcceptingPrefix, *profile.accepting_new_clients ? "true" : "false"));
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
    if (const std::optional<int64_t> seconds = UnixSeconds(*timestamp)) {
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
  for (const auto& [facet, values] : VocabularyLists(profile)) {
    for (const std::string& value : values) {
      const VocabEntry* entry = vocabulary_.Find(facet, value);
      if (entry == nullptr) {
        IndexField(value, layout::kVocabWdf, {});
        continue;
      }
      tagged.emplace(facet, entry->value);
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
