// DocumentBuilder and the public profile JSON: the terms, values, text and
// data of documents built from the hand-made profiles in tests/data/index/.
#include "document_builder.h"

#include <algorithm>
#include <random>
#include <set>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "document_data.h"
#include "facet_catalogue.h"
#include "index_layout.h"
#include "index_metadata.h"
#include "index_test_support.h"
#include "profile_json.h"
#include "public_profile.h"

namespace rapport {
namespace {

// The generated texts PhraseKey is compared on: how many, their longest
// length in pieces, and the generator's seed (fixed, so a failure repeats).
constexpr int kPhraseKeyTexts = 2000;
constexpr int kPhraseKeyMaxPieces = 40;
constexpr unsigned kPhraseKeySeed = 23;

using testing::IndexFixtureProfile;
using testing::ShippedCompacts;
using testing::ShippedVocabulary;

constexpr int kYear = 2026;

StoredProfile Stored(const Profile& profile, int64_t version) {
  StoredProfile stored;
  stored.profile = profile;
  stored.json = ToCanonicalJson(profile);
  stored.version = version;
  return stored;
}

BuiltDocument Build(const Profile& profile, int64_t version = 1) {
  DocumentBuilder builder(ShippedVocabulary(), ShippedCompacts(), kYear);
  Result<BuiltDocument> built = builder.Build(Stored(profile, version));
  REQUIRE(built.ok());
  return built.value();
}

std::set<std::string> Terms(const Xapian::Document& document, const std::string& prefix) {
  std::set<std::string> terms;
  auto it = document.termlist_begin();
  for (it.skip_to(prefix); it != document.termlist_end(); ++it) {
    if ((*it).rfind(prefix, 0) != 0) break;
    terms.insert(*it);
  }
  return terms;
}

Xapian::termcount Wdf(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term ? it.get_wdf() : 0;
}

bool HasTerm(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term;
}

TEST_CASE("facet values become boolean terms with the layout's prefixes") {
  const BuiltDocument built = Build(IndexFixtureProfile("t-maria"));
  const Xapian::Document& doc = built.document;
  CHECK(built.id_term == "Qt-maria");
  CHECK(Terms(doc, "Q") == std::set<std::string>{"Qt-maria"});
  CHECK(Terms(doc, "XM") == std::set<std::string>{"XMcbt", "XMemdr"});
  CHECK(Terms(doc, "XS") == std::set<std::string>{"XSanxiety", "XSgrief", "XStrauma"});
  CHECK(Terms(doc, "XP") == std::set<std::string>{"XPadults", "XPteens"});
  CHECK(Terms(doc, "XF") == std::set<std::string>{"XFcouples", "XFindividual"});
  CHECK(Terms(doc, "XL") == std::set<std::string>{"XLen", "XLes"});
  CHECK(Terms(doc, "XI") == std::set<std::string>{"XIaetna", "XImedicaid"});
  CHECK(Terms(doc, "XG") == std::set<std::string>{"XGfemale"});
  CHECK(Terms(doc, "XR") == std::set<std::string>{"XRpsychologist"});
  CHECK(Terms(doc, "XO") == std::set<std::string>{"XOphone", "XOvideo"});
  CHECK(Terms(doc, "XT") == std::set<std::string>{"XTdoxy.me", "XTzoom"});
  CHECK(Terms(doc, "XD") == std::set<std::string>{"XDdesktop", "XDsmartphone"});
  CHECK(Terms(doc, "XA") == std::set<std::string>{"XAtrue"});
  CHECK(Terms(doc, "XZ") == std::set<std::string>{"XZtrue"});
  CHECK(Terms(doc, "XW") == std::set<std::string>{"XWin_person", "XWvirtual"});
  CHECK(Terms(doc, "XK") == std::set<std::string>{"XKCA"});
  CHECK(Terms(doc, "XC") == std::set<std::string>{"XCCA"});
  CHECK(Wdf(doc, "XMcbt") == 0);
}

TEST_CASE(
    "virtual states are licensed states plus operational compact states, only with "
    "telehealth") {
  const Profile maria = IndexFixtureProfile("t-maria");
  const std::set<std::string> virtual_terms = Terms(Build(maria).document, "XV");
  CHECK(virtual_terms.count("XVCA") == 1);  // licensed
  CHECK(virtual_terms.count("XVTX") == 1);  // PSYPACT member state
  CHECK(virtual_terms.count("XVNY") == 0);  // neither
  CHECK(virtual_terms.size() == ShippedCompacts().CoveredStates("psypact").size() + 1);

  // The counseling compact is not issuing privileges: only the license counts.
  CHECK(Terms(Build(IndexFixtureProfile("t-james")).document, "XV") ==
        std::set<std::string>{"XVNY"});

  // In person only: licensed in TX, yet no virtual state and no XWvirtual.
  const Xapian::Document lee = Build(IndexFixtureProfile("t-lee")).document;
  CHECK(Terms(lee, "XV").empty());
  CHECK(Terms(lee, "XW") == std::set<std::string>{"XWin_person"});
  CHECK(Terms(lee, "XA").empty());  // accepting_new_clients not set
  CHECK(Terms(lee, "XE").empty());
}

TEST_CASE("telehealth experience buckets follow telehealth.since") {
  CHECK(ExperienceBucket(2016) == "before-2020");
  CHECK(ExperienceBucket(2019) == "before-2020");
  CHECK(ExperienceBucket(2020) == "2020-2021");
  CHECK(ExperienceBucket(2021) == "2020-2021");
  CHECK(ExperienceBucket(2022) == "2022-or-later");
  CHECK(Terms(Build(IndexFixtureProfile("t-maria")).document, "XE") ==
        std::set<std::string>{"XEbefore-2020"});
  CHECK(Terms(Build(IndexFixtureProfile("t-james")).document, "XE") ==
        std::set<std::string>{"XE2020-2021"});
  CHECK(Terms(Build(IndexFixtureProfile("t-ana")).document, "XE") ==
        std::set<std::string>{"XE2022-or-later"});
}

TEST_CASE("offices add fine and coarse geographic cells") {
  // Oakland 37.8044,-122.2712: (127.8044 / 0.25, 57.7288 / 0.25) and (/ 2.0).
  const Xapian::Document doc = Build(IndexFixtureProfile("t-maria")).document;
  CHECK(Terms(doc, "XBf") == std::set<std::string>{"XBf511_230"});
  CHECK(Terms(doc, "XBc") == std::set<std::string>{"XBc63_28"});
  CHECK(CellTerm("XBf", 0.25, -0.1, -0.1) == "XBf359_719");
  CHECK(Terms(Build(IndexFixtureProfile("t-james")).document, "XB").empty());
}

TEST_CASE("value slots hold fees, years, timestamps, coordinates, version, name and accepting") {
  const Xapian::Document doc = Build(IndexFixtureProfile("t-maria"), 7).document;
  CHECK(Xapian::sortable_unserialise(doc.get_value(layout::kSlotFeeMin)) == 90);
  CHECK(Xapian::sortable_unserialise(doc.get_value(layout::kSlotFeeMax)) == 160);
  CHECK(Xapian::sortable_unserialise(doc.get_value(layout::kSlotTelehealthSince)) == 2016);
  // 2026-10-01T12:00:00Z
  CHECK(Xapian::sortable_unserialise(doc.get_value(layout::kSlotUpdatedAt)) == 1790856000);
  CHECK(Xapian::sortable_unserialise(doc.get_value(layout::kSlotAvailabilityConfirmedAt)) ==
        1795132800);
  CHECK(Xapian::sortable_unserialise(doc.get_value(layout::kSlotVerifiedAt)) == 1789430400);
  Xapian::LatLongCoords coords;
  coords.unserialise(doc.get_value(layout::kSlotOfficeCoords));
  REQUIRE(coords.size() == 1);
  CHECK((*coords.begin()).latitude == doctest::Approx(37.8044));
  // Xapian keeps longitudes in [0, 360).
  CHECK((*coords.begin()).longitude == doctest::Approx(360 - 122.2712));
  CHECK(doc.get_value(layout::kSlotVersion) == "7");
  CHECK(doc.get_value(layout::kSlotNameKey) == "maria alvarez");
  CHECK(doc.get_value(layout::kSlotAccepting) == "1");

  const Xapian::Document james = Build(IndexFixtureProfile("t-james")).document;
  CHECK(james.get_value(layout::kSlotAccepting).empty());
  CHECK(james.get_value(layout::kSlotOfficeCoords).empty());
  CHECK(james.get_value(layout::kSlotVerifiedAt).empty());
}

// The positions of `term` in `doc`.
std::vector<Xapian::termpos> Positions(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  std::vector<Xapian::termpos> positions;
  if (it == doc.termlist_end() || *it != term) return positions;
  for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos) {
    positions.push_back(*pos);
  }
  return positions;
}

// Whether `second` occurs right after `first` somewhere in `doc`.
bool Adjacent(const Xapian::Document& doc, const std::string& first, const std::string& second) {
  const std::vector<Xapian::termpos> after = Positions(doc, second);
  for (const Xapian::termpos pos : Positions(doc, first)) {
    if (std::count(after.begin(), after.end(), pos + 1) > 0) return true;
  }
  return false;
}

TEST_CASE("free text is indexed as stems, weighted by field, with positions and field copies") {
  const Xapian::Document doc = Build(IndexFixtureProfile("t-maria")).document;
  // Only stems: no unstemmed word is a term (docs/index-layout.md).
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    const auto first = static_cast<unsigned char>((*term)[0]);
    CHECK_MESSAGE(!((first >= 'a' && first <= 'z') || first >= 0x80), *term);
  }
  // Name: the field copy and the plain stem, both at the name increment.
  CHECK(Wdf(doc, "ZNalvarez") == layout::kNameWdf);
  CHECK(Wdf(doc, "Zalvarez") >= layout::kNameWdf);
  // Vocabulary labels, synonyms and slugs of the profile's values: no field
  // copy (no query searches a vocabulary-text prefix).
  CHECK(HasTerm(doc, "Zcognit"));
  CHECK(HasTerm(doc, "Zcbt"));
  CHECK(HasTerm(doc, "Zbehaviour"));  // a synonym of cbt
  CHECK(Wdf(doc, "Zdesensit") >= layout::kVocabWdf);
  auto term = doc.termlist_begin();
  term.skip_to("V");
  CHECK((term == doc.termlist_end() || (*term)[0] != 'V'));
  // Bio: its field copy without positions (bio: matches words, not phrases).
  CHECK(Wdf(doc, "ZBgrief") == layout::kBioWdf);
  CHECK(HasTerm(doc, "ZBteen"));
  CHECK(HasTerm(doc, "Zgrief"));
  CHECK(Positions(doc, "ZBgrief").empty());
  CHECK_FALSE(Positions(doc, "Zgrief").empty());
  // Positions, so phrases work: "maria alvarez" are adjacent in the name and
  // its copy, and "cognitive behavioral" in the bio.
  REQUIRE(Positions(doc, "ZNmaria").size() == 1);
  CHECK(Adjacent(doc, "ZNmaria", "ZNalvarez"));
  CHECK(Adjacent(doc, "Zmaria", "Zalvarez"));
  CHECK(Adjacent(doc, "Zcognit", "Zbehavior"));
  // Vocabulary texts have no positions (their phrases match through the
  // facet terms, query/vocabulary_phrases.h): "desensitization" is only in
  // the EMDR label.
  CHECK(Positions(doc, "Zdesensit").empty());
  // Spelling words are the unstemmed words, each once.
  const std::vector<std::string> words = Build(IndexFixtureProfile("t-maria")).spelling_words;
  CHECK(std::count(words.begin(), words.end(), "alvarez") == 1);
  CHECK(std::count(words.begin(), words.end(), "grief") == 1);
  CHECK(std::count(words.begin(), words.end(), "cognitive") == 1);
  CHECK(std::is_sorted(words.begin(), words.end()));
  CHECK(std::none_of(words.begin(), words.end(), [](const std::string& w) {
    return (w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9');
  }));
}

TEST_CASE("a profile's spelling words are found again from the document data alone") {
  const Vocabulary& vocabulary = ShippedVocabulary();
  DocumentBuilder builder(vocabulary, ShippedCompacts(), kYear);
  for (const char* id : {"t-maria", "t-james", "t-lee", "t-ana"}) {
    CAPTURE(id);
    const BuiltDocument built = Build(IndexFixtureProfile(id));
    Result<Profile> from_data =
        ProfileFromStoredJson(UnpackDocumentData(built.document.get_data()));
    REQUIRE(from_data.ok());
    CHECK(builder.SpellingWords(from_data.value()) == built.spelling_words);
    CHECK_FALSE(built.spelling_words.empty());
  }
}

TEST_CASE("document data is the public JSON with computed fields") {
  const BuiltDocument built = Build(IndexFixtureProfile("t-maria"), 4);
  rapidjson::Document json;
  json.Parse(UnpackDocumentData(built.document.get_data()).c_str());
  REQUIRE(json.IsObject());
  CHECK(std::string(json["id"].GetString()) == "t-maria");
  CHECK(json["version"].GetInt64() == 4);
  CHECK(json["telehealth_years"].GetInt() == kYear - 2016);
  const auto& states = json["virtual_states"];
  REQUIRE(states.IsArray());
  std::vector<std::string> listed;
  for (const auto& state : states.GetArray()) listed.emplace_back(state.GetString());
  CHECK(std::is_sorted(listed.begin(), listed.end()));
  CHECK(std::count(listed.begin(), listed.end(), "CA") == 1);
  CHECK(std::count(listed.begin(), listed.end(), "TX") == 1);
  CHECK(listed == VirtualStates(IndexFixtureProfile("t-maria"), ShippedCompacts()));

  rapidjson::Document lee;
  lee.Parse(UnpackDocumentData(Build(IndexFixtureProfile("t-lee")).document.get_data()).c_str());
  CHECK_FALSE(lee.HasMember("virtual_states"));
  CHECK_FALSE(lee.HasMember("telehealth_years"));
}

TEST_CASE("synonym pairs link slugs, labels and synonyms both ways") {
  const auto pairs = SynonymPairs(ShippedVocabulary());
  const auto has = [&](const std::string& key, const std::string& value) {
    return std::binary_search(pairs.begin(), pairs.end(), std::make_pair(key, value));
  };
  CHECK(has("cbt", "cognitive behavioral therapy"));
  CHECK(has("cognitive behavioral therapy", "cbt"));
  CHECK(has("cognitive behavioural therapy", "cognitive behavioral therapy"));
  CHECK(has("Zcbt", "cognitive behavioral therapy"));
  CHECK(has("trauma focused cbt", "tf cbt"));
  CHECK_FALSE(has("cbt", "cbt"));
  CHECK(PhraseKey("Trauma-focused CBT") == "trauma focused cbt");
}

// PhraseKey as Xapian defines it, one decoded character at a time: runs of
// is_wordchar characters, lower-cased, joined by single spaces.
std::string DecodedPhraseKey(const std::string& text) {
  std::string key;
  std::string word;
  const auto end_word = [&] {
    if (word.empty()) return;
    if (!key.empty()) key += ' ';
    key += Xapian::Unicode::tolower(word);
    word.clear();
  };
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    if (Xapian::Unicode::is_wordchar(*it)) {
      Xapian::Unicode::append_utf8(word, *it);
    } else {
      end_word();
    }
  }
  end_word();
  return key;
}

TEST_CASE("PhraseKey's ASCII fast path keys every text as Xapian's character classes do") {
  CHECK(PhraseKey("  Ünïcode_x, CAFÉ’s  (C++) 3.5 ") == "ünïcode_x café s c 3 5");
  // Mixed texts: ASCII punctuation, letters and digits, multi-byte letters,
  // non-letters and bytes that are not UTF-8 (read as single characters).
  const std::vector<std::string> pieces = {"a", "Z", "7",  "_",    " ",    "-",    ".",       "'",
                                           "^", "`", "\t", "\n",   "(",    "é",    "Ü",       "ß",
                                           "’", "—", "中", "\xC3", "\xFF", "\x80", "\xE2\x82"};
  std::mt19937 random(kPhraseKeySeed);
  for (int text_index = 0; text_index < kPhraseKeyTexts; ++text_index) {
    std::string text;
    const int length = static_cast<int>(random() % kPhraseKeyMaxPieces);
    for (int i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
    CAPTURE(text);
    CHECK(PhraseKey(text) == DecodedPhraseKey(text));
  }
}

}  // namespace
}  // namespace rapport
