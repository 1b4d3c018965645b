// The Xapian document layout shared by the writer (indexer/) and the readers
// (query/): term prefixes, value slots and metadata keys. docs/index-layout.md
// explains each one; change both in the same commit.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "error.h"

namespace rapport::layout {

// ---- Boolean terms: prefix + value (vocabulary slug, or state code in upper case) ----
inline constexpr std::string_view kIdPrefix = "Q";              // Q<profile id>, unique
inline constexpr std::string_view kNpiPrefix = "XN";            // XN1234567893: the profile's NPI
inline constexpr std::string_view kModalityPrefix = "XM";       // XMcbt
inline constexpr std::string_view kSpecialtyPrefix = "XS";      // XSanxiety
inline constexpr std::string_view kPopulationPrefix = "XP";     // XPadults
inline constexpr std::string_view kSessionFormatPrefix = "XF";  // XFcouples
inline constexpr std::string_view kLanguagePrefix = "XL";       // XLes
inline constexpr std::string_view kInsurancePrefix = "XI";      // XIaetna
inline constexpr std::string_view kGenderPrefix = "XG";         // XGfemale
inline constexpr std::string_view kProfessionPrefix = "XR";     // XRpsychologist
inline constexpr std::string_view kModePrefix = "XO";           // XOvideo (telehealth mode)
inline constexpr std::string_view kPlatformPrefix = "XT";       // XTzoom
inline constexpr std::string_view kDevicePrefix = "XD";         // XDsmartphone
inline constexpr std::string_view kVirtualStatePrefix = "XV";   // XVCA: offers telehealth and may
                                                                // see a client in CA (license or
                                                                // compact privilege)
inline constexpr std::string_view kLicensedStatePrefix = "XK";  // XKCA: holds a license in CA
inline constexpr std::string_view kOfficeStatePrefix = "XC";    // XCCA: has an office in CA
inline constexpr std::string_view kExperiencePrefix = "XE";     // XEbefore-2020 (see below)
inline constexpr std::string_view kAcceptingPrefix = "XA";      // XAtrue / XAfalse
inline constexpr std::string_view kSlidingScalePrefix = "XZ";   // XZtrue
inline constexpr std::string_view kAvailabilityPrefix = "XW";   // XWvirtual, XWin_person
inline constexpr std::string_view kFineCellPrefix = "XBf";      // XBf<lat index>_<lon index>
inline constexpr std::string_view kCoarseCellPrefix = "XBc";    // XBc<lat index>_<lon index>

// Telehealth experience buckets (term values of kExperiencePrefix), from telehealth.since.
inline constexpr std::string_view kExperienceBefore2020 = "before-2020";
inline constexpr std::string_view kExperience2020To2021 = "2020-2021";
inline constexpr std::string_view kExperience2022OrLater = "2022-or-later";

// Geographic cells: cell index = floor((lat + 90) / size), floor((lon + 180) / size).
// An office adds one fine and one coarse cell term.
inline constexpr double kFineCellDegrees = 0.25;
inline constexpr double kCoarseCellDegrees = 2.0;

// ---- Free text: English stems only, "Z" + stem (Xapian's STEM_ALL_Z), with
// positions for name and bio, which also get a field copy "Z" + prefix +
// stem. Vocabulary texts have neither positions nor a field copy.
inline constexpr std::string_view kNameTextPrefix = "N";  // name:alvarez, ZNalvarez (positions)
inline constexpr std::string_view kBioTextPrefix = "B";   // bio:grief, ZBgrief (no positions)
// A text-searchable facet (facet_catalogue.h) has its entries' texts (slug,
// label, synonyms: IndexedForms in vocabulary.h) carried as free text, without
// positions, for each value a document has; so a document with the term
// prefix + slug holds every phrase of that entry's texts (vocabulary_phrases.h).
// A concept the bio names that the profile is not tagged with: kConceptPrefix
// + its facet term (XHXScbt); the document carries that entry's texts too.
inline constexpr std::string_view kConceptPrefix = "XH";
// Within-document frequency increments: name > specialty/modality labels > bio.
inline constexpr unsigned kNameWdf = 6;
inline constexpr unsigned kVocabWdf = 3;
inline constexpr unsigned kBioWdf = 1;

// ---- Value slots ----
inline constexpr unsigned kSlotFeeMin = 0;           // sortable_serialise(fee.min)
inline constexpr unsigned kSlotFeeMax = 1;           // sortable_serialise(fee.max)
inline constexpr unsigned kSlotTelehealthSince = 2;  // sortable_serialise(year); absent: empty
inline constexpr unsigned kSlotUpdatedAt = 3;        // sortable_serialise(unix seconds)
inline constexpr unsigned kSlotAvailabilityConfirmedAt = 4;  // sortable_serialise(unix seconds)
inline constexpr unsigned kSlotVerifiedAt = 5;               // sortable_serialise(unix seconds)
inline constexpr unsigned kSlotOfficeCoords = 6;             // Xapian::LatLongCoords::serialise()
inline constexpr unsigned kSlotVersion = 7;                  // decimal store version, for `check`
inline constexpr unsigned kSlotNameKey = 8;                  // lower-cased name, for tie-breaks
inline constexpr unsigned kSlotAccepting = 9;                // "1" when accepting new clients

// Document data: the public profile JSON (what /api/v1/therapists/{id} and search results show),
// a zstd frame (document_data.h).

// ---- Metadata keys ----
inline constexpr std::string_view kMetaVocabulary = "rapport:vocab";  // vocab.json text
inline constexpr std::string_view kMetaLayoutVersion = "rapport:layout";
inline constexpr std::string_view kLayoutVersion = "5";  // 5: data in zstd; 4: NPI terms (XN)

// Ok for an index written with this build's layout; otherwise 503
// "index_outdated" naming `rapport-index rebuild`: such an index is neither
// read, nor written, nor checked until it is rebuilt.
inline Status CheckLayoutVersion(const Xapian::Database& db) {
  const std::string found = db.get_metadata(std::string(kMetaLayoutVersion));
  if (found == kLayoutVersion) return Status::Ok();
  return Error{503, "index_outdated",
               "the index has layout version " + found + " and this build uses " +
                   std::string(kLayoutVersion) + ": run `rapport-index rebuild`",
               ""};
}

// Change log (docs/index-layout.md): every writer commit numbers itself in
// kMetaChangeSeq (decimal, 0 when absent) and lists the docids it deleted or
// added under ChangeLogKey(seq) (query/change_log.h); readers update their
// FacetStore from it instead of rereading the whole index.
inline constexpr std::string_view kMetaChangeSeq = "rapport:change_seq";
inline constexpr std::string_view kMetaChangePrefix = "rapport:change:";

// Partner API keys a replica checks keys against (indexer/published_keys.h,
// docs/scaling.md "Partner keys on replicas"): one entry per active key,
// kMetaApiKeyPrefix + the key's prefix, holding a JSON object of format
// kApiKeyFormat (id, partner, BLAKE2b hash of the secret in hex — never the
// secret —, rate, burst, fixed filters, browser-safe flag and origins,
// expiry); a revoked key has no entry. kMetaApiKeysVersion: the store's keys
// version (its api_keys_version row) the entries reflect, decimal, 0 when absent.
inline constexpr std::string_view kMetaApiKeyPrefix = "rapport:api_key:";
inline constexpr std::string_view kMetaApiKeysVersion = "rapport:api_keys_version";
inline constexpr int kApiKeyFormat = 1;

}  // namespace rapport::layout
