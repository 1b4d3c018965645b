// Fuzzes the NPPES import's row mapping: the input is one data row of CSV,
// read by CsvRecordReader under the real header of the fixture file (missing
// columns empty, extra ones dropped), then mapped by MapNppesRow with the
// shipped taxonomy, gazetteer and vocabulary, as the import does. Rows that
// are not valid UTF-8 are skipped, as the import skips them.
//
// Invariants for a kept row: the NPI passes the check digit and the id is
// npi-<NPI>; a profession is set; every license has a state and a number and
// none repeats; at most one office, whose ZIP is empty, 5 digits or 5-4
// digits and whose state is a vocabulary state; a phone is +1 and 10 digits;
// credentials are non-empty and within the limit; the canonical JSON is valid
// JSON text. A deactivated row carries a valid NPI.
#include <algorithm>
#include <cctype>
#include <memory>

#include "fuzz_support.h"
#include "npi_number.h"
#include "nppes_columns.h"
#include "nppes_csv_reader.h"
#include "nppes_row.h"
#include "profile_json.h"
#include "test_support.h"
#include "utf8_check.h"

namespace rapport::fuzz {
namespace {

constexpr size_t kE164NanpChars = 12;  // "+1" and ten digits

std::vector<std::string> ReadRecords(std::string_view text, CsvRecord* first) {
  const MemoryFile memory(text);
  auto reader = CsvRecordReader::Open(memory.path(), CsvLimits{});
  FUZZ_CHECK(reader.ok(), "cannot open the memory file");
  if (!reader.value()->Next(first)) first->problem = CsvProblem::kUnterminatedQuote;
  return first->fields;
}

// What the mapping needs, loaded once from the source tree.
struct Reference {
  Vocabulary vocabulary;
  NuccTaxonomy taxonomy;
  OfficeGeocoder geocoder;
  ValidationLimits limits;
  NppesColumns columns;
  std::unique_ptr<NppesReference> reference;
};

const Reference& Loaded() {
  static const Reference* loaded = [] {
    auto* ref = new Reference;
    const std::string data = testing::SourcePath("data");
    ref->vocabulary = Vocabulary::Load(data + "/vocab.json").value();
    ref->taxonomy = NuccTaxonomy::Load(data + "/nucc_taxonomy.json").value();
    ref->geocoder = OfficeGeocoder::Load(data).value();
    CsvRecord header;
    static_cast<void>(ReadRecords(
        testing::ReadFile(testing::SourcePath("tests/data/nppes/npidata_pfile_fixture.csv")),
        &header));
    ref->columns = FindNppesColumns(header.fields).value();
    ref->reference = std::make_unique<NppesReference>(ref->taxonomy, ref->geocoder, ref->vocabulary,
                                                      ref->limits);
    return ref;
  }();
  return *loaded;
}

bool IsZip(const std::string& zip) {
  auto digits = [&](size_t from, size_t count) {
    return std::all_of(zip.begin() + from, zip.begin() + from + count,
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  constexpr size_t kFive = 5, kPlusFour = 10;
  if (zip.empty()) return true;
  if (zip.size() == kFive) return digits(0, kFive);
  return zip.size() == kPlusFour && digits(0, kFive) && zip[kFive] == '-' &&
         digits(kFive + 1, kPlusFour - kFive - 1);
}

void CheckKept(const NppesRowOutcome& outcome, const Reference& ref) {
  const Profile& profile = outcome.profile;
  FUZZ_CHECK(IsValidNpi(profile.npi), "kept with an invalid NPI");
  FUZZ_CHECK(profile.id == "npi-" + profile.npi, "id is not npi-<NPI>");
  FUZZ_CHECK(!profile.profession.empty(), "kept without a profession");
  for (size_t i = 0; i < profile.licenses.size(); ++i) {
    const License& license = profile.licenses[i];
    FUZZ_CHECK(!license.state.empty() && !license.number.empty(), "a license lacks a part");
    for (size_t j = 0; j < i; ++j) {
      FUZZ_CHECK(!(profile.licenses[j].state == license.state &&
                   profile.licenses[j].number == license.number),
                 "a license repeats");
    }
  }
  FUZZ_CHECK(profile.offices.size() <= 1, "more than one office");
  for (const Office& office : profile.offices) {
    FUZZ_CHECK(IsZip(office.zip), "a ZIP that is not 5 or 5-4 digits");
    FUZZ_CHECK(ref.vocabulary.Contains("state", office.state), "an office in an unknown state");
  }
  if (profile.contact) {
    FUZZ_CHECK(profile.contact->phone.size() == kE164NanpChars &&
                   profile.contact->phone.rfind("+1", 0) == 0,
               "a phone that is not +1 and ten digits");
  }
  FUZZ_CHECK(profile.credentials.size() <= ref.limits.max_credentials, "too many credentials");
  for (const auto& credential : profile.credentials) {
    FUZZ_CHECK(!credential.empty(), "an empty credential");
  }
  FUZZ_CHECK(IsValidJsonText(ToCanonicalJson(profile)), "canonical JSON is not valid JSON");
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const Reference& ref = Loaded();
  CsvRecord record;
  std::vector<std::string> fields = ReadRecords(AsText(data, size), &record);
  if (record.problem != CsvProblem::kNone) return 0;
  for (const auto& field : fields) {
    if (!IsValidUtf8(field)) return 0;
  }
  fields.resize(ref.columns.count);
  const NppesRowOutcome first = MapNppesRow(fields, ref.columns, *ref.reference);
  const NppesRowOutcome again = MapNppesRow(fields, ref.columns, *ref.reference);
  FUZZ_CHECK(
      first.kind == again.kind && ToCanonicalJson(first.profile) == ToCanonicalJson(again.profile),
      "the same row mapped twice differs");
  if (first.kind == NppesRowKind::kKeep) CheckKept(first, ref);
  if (first.kind == NppesRowKind::kDeactivated) {
    FUZZ_CHECK(IsValidNpi(first.npi), "deactivated with an invalid NPI");
  }
  return 0;
}
