// NppesRow: one row of the NPPES file turned into a draft profile, or the
// reason it is not imported, following docs/interop.md §3.2 (steps 1 and 3-7;
// step 2, duplicates, needs the whole file and is the import loop's) and the
// field mapping of §3.3. The draft is not validated yet.
//
//   NppesRowOutcome outcome = MapNppesRow(record.fields, columns, reference);
//   switch (outcome.kind) { case NppesRowKind::kKeep: ... outcome.profile ... }
#pragma once

#include <map>
#include <string>
#include <vector>

#include "nppes_columns.h"
#include "nppes_taxonomy.h"
#include "office_geocoder.h"
#include "profile.h"
#include "profile_validator.h"
#include "vocabulary.h"

namespace rapport {

// Why a row makes no profile; the names are those of the import's report.
enum class NppesSkip {
  kInvalidNpi,
  kDuplicateNpi,
  kDeactivated,
  kOrganization,
  kNoBehavioralTaxonomy,
  kClinicalCredentialMissing,
  kNoProfession,
  kNonUsLocation,
  kAmbiguousNpi,         // two profiles carry the NPI; neither is touched
  kUnpublishedByEditor,  // an editor unpublished the profile; it stays so
  kUnreadableRow,        // the CSV reader's problem, wrong column count, invalid UTF-8
};

struct NppesSkipName {
  NppesSkip skip;
  const char* name;
};

// Every skip reason with its report name, in report order.
inline constexpr NppesSkipName kNppesSkipNames[] = {
    {NppesSkip::kInvalidNpi, "invalid_npi"},
    {NppesSkip::kDuplicateNpi, "duplicate_npi"},
    {NppesSkip::kDeactivated, "deactivated"},
    {NppesSkip::kOrganization, "organization"},
    {NppesSkip::kNoBehavioralTaxonomy, "no_behavioral_taxonomy"},
    {NppesSkip::kClinicalCredentialMissing, "clinical_credential_missing"},
    {NppesSkip::kNoProfession, "no_profession"},
    {NppesSkip::kNonUsLocation, "non_us_location"},
    {NppesSkip::kAmbiguousNpi, "ambiguous_npi"},
    {NppesSkip::kUnpublishedByEditor, "unpublished_by_editor"},
    {NppesSkip::kUnreadableRow, "unreadable_row"},
};

enum class NppesRowKind {
  kKeep,         // `profile` holds the draft
  kDeactivated,  // unpublish a profile with this NPI, if one is published
  kSkip,         // `skip` says why
};

struct NppesRowOutcome {
  NppesRowKind kind = NppesRowKind::kSkip;
  NppesSkip skip = NppesSkip::kInvalidNpi;
  // Set when the row fails the taxonomy step (§3.2 step 5): an existing
  // profile with this NPI is then left alone and counted no_longer_behavioral.
  bool no_longer_behavioral = false;
  std::string npi;  // the row's NPI text; a valid NPI unless skip is kInvalidNpi
  Profile profile;
  std::vector<FieldError> warnings;  // values dropped from the row, never holding the value
};

// What the mapping looks codes, credentials, states and places up in. The
// referenced objects must outlive it.
struct NppesReference {
  NppesReference(const NuccTaxonomy& taxonomy, const OfficeGeocoder& geocoder,
                 const Vocabulary& vocabulary, const ValidationLimits& limits);

  const NuccTaxonomy& taxonomy;
  const OfficeGeocoder& geocoder;
  const Vocabulary& vocabulary;
  const ValidationLimits& limits;
  // CredentialKey of each profession credential of the vocabulary -> its spelling.
  std::map<std::string, std::string> credential_spellings;
};

// Maps one row (`fields` has `columns.count` entries).
[[nodiscard]] NppesRowOutcome MapNppesRow(const std::vector<std::string>& fields,
                                          const NppesColumns& columns,
                                          const NppesReference& reference);

// A name part as NPPES writes it, for display: a part written all in capitals
// is title-cased ("O'BRIEN-WALSH" -> "O'Brien-Walsh"), a mixed-case one kept.
[[nodiscard]] std::string NppesNamePart(const std::string& part);

}  // namespace rapport
