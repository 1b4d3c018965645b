// The NPPES row -> profile mapping of docs/interop.md §3.2 and §3.3.
#include "nppes_row.h"

#include <algorithm>
#include <cctype>

#include "contact_checks.h"
#include "npi_number.h"

namespace rapport {

namespace {

constexpr const char* kIndividualEntity = "1";
constexpr const char* kUnitedStates = "US";
constexpr const char* kPrimaryTaxonomy = "Y";
constexpr size_t kZipDigits = 5;
constexpr size_t kZipPlusFourDigits = 9;
constexpr size_t kNanpDigits = 10;
constexpr const char* kCredentialSeparators = ",;/";

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool IsRomanNumeral(const std::string& text) {
  return !text.empty() && text.find_first_not_of("IVXLC") == std::string::npos;
}

// "MM/DD/YYYY" as "YYYYMMDD", so dates compare as text; empty if malformed.
std::string SortableDate(const std::string& date) {
  constexpr size_t kLength = 10;
  if (date.size() != kLength || date[2] != '/' || date[5] != '/') return "";
  return date.substr(6, 4) + date.substr(0, 2) + date.substr(3, 2);
}

bool IsDeactivated(const std::string& deactivated, const std::string& reactivated) {
  if (deactivated.empty()) return false;
  return reactivated.empty() || SortableDate(reactivated) < SortableDate(deactivated);
}

void AddUnique(const std::vector<std::string>& values, std::vector<std::string>* out) {
  for (const auto& value : values) {
    if (std::find(out->begin(), out->end(), value) == out->end()) out->push_back(value);
  }
}

std::vector<std::string> Credentials(const std::string& text, const NppesReference& reference,
                                     std::vector<FieldError>* warnings) {
  std::vector<std::string> credentials;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find_first_of(kCredentialSeparators, start), text.size());
    std::string token = Trim(text.substr(start, end - start));
    start = end + 1;
    if (token.empty()) continue;
    auto spelling = reference.credential_spellings.find(CredentialKey(token));
    if (spelling != reference.credential_spellings.end()) token = spelling->second;
    if (std::find(credentials.begin(), credentials.end(), token) != credentials.end()) continue;
    if (credentials.size() == reference.limits.max_credentials) {
      warnings->push_back({"credentials", "more than " +
                                              std::to_string(reference.limits.max_credentials) +
                                              " credentials, the rest dropped"});
      break;
    }
    credentials.push_back(std::move(token));
  }
  return credentials;
}

// The practice phone as E.164, or empty (with a warning unless it was blank).
std::string PracticePhone(const std::string& text, const NppesReference& reference,
                          std::vector<FieldError>* warnings) {
  std::string digits;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      digits += c;
    } else if (std::string_view(" -.()").find(c) == std::string_view::npos) {
      break;
    }
  }
  std::string rest = Trim(text.substr(i));
  for (auto& c : rest) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!rest.empty()) {
    const size_t marker = rest.rfind("EXT", 0) == 0 ? 3 : (rest[0] == 'X' ? 1 : 0);
    const std::string number = Trim(rest.substr(marker));
    if (marker == 0 || number.empty() || !std::all_of(number.begin(), number.end(), IsDigit)) {
      warnings->push_back({"contact.phone", "not a phone number, dropped"});
      return "";
    }
    warnings->push_back({"contact.phone", "extension dropped (E.164 has none)"});
  }
  if (digits.empty()) return "";
  std::string e164;
  if (digits.size() != kNanpDigits ||
      !NormalizePhone(digits, reference.limits.phone_max_chars, &e164).empty()) {
    warnings->push_back({"contact.phone", "not a valid US number, dropped"});
    return "";
  }
  return e164;
}

std::optional<Office> PracticeOffice(const std::vector<std::string>& fields,
                                     const NppesColumns& columns, const NppesReference& reference,
                                     std::vector<FieldError>* warnings) {
  Office office;
  office.city = NppesNamePart(Trim(fields[columns.practice_city]));
  office.state = Trim(fields[columns.practice_state]);
  if (!reference.vocabulary.Contains("state", office.state)) {
    warnings->push_back({"offices[0].state", "not a US state or territory, office dropped"});
    return std::nullopt;
  }
  const std::string zip = Trim(fields[columns.practice_postal_code]);
  const bool digits = std::all_of(zip.begin(), zip.end(), IsDigit);
  if (digits && zip.size() == kZipPlusFourDigits) {
    office.zip = zip.substr(0, kZipDigits) + "-" + zip.substr(kZipDigits);
  } else if (digits && zip.size() == kZipDigits) {
    office.zip = zip;
  } else if (!zip.empty()) {
    warnings->push_back({"offices[0].zip", "not 5 or 9 digits, dropped"});
  }
  if (auto place = reference.geocoder.Locate({office.zip, office.city, office.state})) {
    office.lat = place->point.lat;
    office.lon = place->point.lon;
    office.geo_precision = place->precision;
  }
  return office;
}

}  // namespace

NppesReference::NppesReference(const NuccTaxonomy& taxonomy_, const OfficeGeocoder& geocoder_,
                               const Vocabulary& vocabulary_, const ValidationLimits& limits_)
    : taxonomy(taxonomy_), geocoder(geocoder_), vocabulary(vocabulary_), limits(limits_) {
  for (const auto& profession : vocabulary.Entries("profession")) {
    for (const auto& credential : profession.credentials) {
      credential_spellings.emplace(CredentialKey(credential), credential);
    }
  }
}

std::string NppesNamePart(const std::string& part) {
  if (std::any_of(part.begin(), part.end(), IsLower)) return part;
  std::string out = part;
  bool word_start = true;
  for (auto& c : out) {
    if (IsUpper(c) && !word_start)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    word_start = std::string_view(" -'\"").find(c) != std::string_view::npos;
  }
  return out;
}

NppesRowOutcome MapNppesRow(const std::vector<std::string>& fields, const NppesColumns& columns,
                            const NppesReference& reference) {
  NppesRowOutcome outcome;
  outcome.npi = Trim(fields[columns.npi]);
  auto skip = [&](NppesSkip reason) {
    outcome.kind = NppesRowKind::kSkip;
    outcome.skip = reason;
    return outcome;
  };
  if (!IsValidNpi(outcome.npi)) return skip(NppesSkip::kInvalidNpi);
  if (IsDeactivated(Trim(fields[columns.deactivation_date]),
                    Trim(fields[columns.reactivation_date]))) {
    outcome.kind = NppesRowKind::kDeactivated;
    return outcome;
  }
  if (Trim(fields[columns.entity_type]) != kIndividualEntity) {
    return skip(NppesSkip::kOrganization);
  }
  Profile& profile = outcome.profile;
  profile.credentials = Credentials(fields[columns.credential], reference, &outcome.warnings);
  std::vector<std::string> credential_keys;
  for (const auto& credential : profile.credentials) {
    credential_keys.push_back(CredentialKey(credential));
  }

  std::vector<const NuccCode*> kept_codes;  // per slot; nullptr where not kept
  bool gated_code_refused = false;
  for (const auto& slot : columns.slots) {
    const NuccCode* code = reference.taxonomy.Find(Trim(fields[slot.code]));
    if (code && !code->KeepsWith(credential_keys)) {
      gated_code_refused = true;
      code = nullptr;
    }
    kept_codes.push_back(code);
  }
  if (std::none_of(kept_codes.begin(), kept_codes.end(), [](const NuccCode* c) { return c; })) {
    outcome.no_longer_behavioral = true;
    return skip(gated_code_refused ? NppesSkip::kClinicalCredentialMissing
                                   : NppesSkip::kNoBehavioralTaxonomy);
  }
  // The primary slot's profession, else the first slot's that has one.
  const NuccCode* first_with_profession = nullptr;
  const NuccCode* primary_with_profession = nullptr;
  for (size_t i = 0; i < kept_codes.size(); ++i) {
    const NuccCode* code = kept_codes[i];
    if (!code || code->profession.empty()) continue;
    if (!first_with_profession) first_with_profession = code;
    if (!primary_with_profession &&
        Trim(fields[columns.slots[i].primary_switch]) == kPrimaryTaxonomy) {
      primary_with_profession = code;
    }
  }
  const NuccCode* deciding =
      primary_with_profession ? primary_with_profession : first_with_profession;
  if (deciding) profile.profession = deciding->profession;
  if (profile.profession.empty()) return skip(NppesSkip::kNoProfession);
  const std::string country = Trim(fields[columns.practice_country]);
  if (!country.empty() && country != kUnitedStates) return skip(NppesSkip::kNonUsLocation);

  profile.npi = outcome.npi;
  std::string name = NppesNamePart(Trim(fields[columns.first_name]));
  const std::string last = NppesNamePart(Trim(fields[columns.last_name]));
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  const std::string suffix = Trim(fields[columns.name_suffix]);
  if (!suffix.empty()) {
    name += " " + (IsRomanNumeral(suffix) ? suffix : NppesNamePart(suffix));
  }
  profile.name = name;
  const std::string sex = Trim(fields[columns.sex]);
  if (sex == "F") profile.gender = "female";
  if (sex == "M") profile.gender = "male";
  for (size_t i = 0; i < kept_codes.size(); ++i) {
    const NuccCode* code = kept_codes[i];
    if (!code) continue;
    AddUnique(code->implies.specialties, &profile.specialties);
    AddUnique(code->implies.populations, &profile.populations);
    AddUnique(code->implies.modalities, &profile.modalities);
    AddUnique(code->implies.session_formats, &profile.session_formats);
    License license;
    license.state = Trim(fields[columns.slots[i].license_state]);
    license.number = Trim(fields[columns.slots[i].license_number]);
    const bool duplicate = std::any_of(
        profile.licenses.begin(), profile.licenses.end(),
        [&](const License& l) { return l.state == license.state && l.number == license.number; });
    if (!license.state.empty() && !license.number.empty() && !duplicate) {
      profile.licenses.push_back(std::move(license));
    }
  }
  if (auto office = PracticeOffice(fields, columns, reference, &outcome.warnings)) {
    profile.offices.push_back(std::move(*office));
  }
  const std::string phone =
      PracticePhone(fields[columns.practice_phone], reference, &outcome.warnings);
  if (!phone.empty()) {
    profile.contact.emplace();
    profile.contact->phone = phone;
  }
  profile.id = "npi-" + outcome.npi;
  outcome.kind = NppesRowKind::kKeep;
  return outcome;
}

}  // namespace rapport
