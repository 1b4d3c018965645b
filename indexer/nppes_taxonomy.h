// NuccTaxonomy: the behavioural NUCC taxonomy codes Rapport keeps
// (data/nucc_taxonomy.json, docs/interop.md §2) and what each makes of a
// provider: a profession (or none, for codes that only add facets), the
// profile list values it implies, and for a general code the credentials
// without which it does not count.
//
//   auto taxonomy = NuccTaxonomy::Load(dir + "/nucc_taxonomy.json");
//   const NuccCode* code = taxonomy.value().Find("1041C0700X");
//   if (code && code->KeepsWith(credentials)) ... code->profession ...
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rapport {

// The profile list fields a code may imply values for.
struct ImpliedValues {
  std::vector<std::string> specialties;
  std::vector<std::string> populations;
  std::vector<std::string> modalities;
  std::vector<std::string> session_formats;
};

struct NuccCode {
  std::string code;
  std::string display;     // NUCC's display name
  std::string profession;  // empty: the code adds facets only
  ImpliedValues implies;
  // When not empty, the code counts only for a provider whose credentials
  // include one of these (compared as CredentialKey does).
  std::vector<std::string> keep_only_with_credentials;
  // The one code of its profession the FHIR export writes (docs/interop.md §2).
  bool export_default = false;

  // True when the code counts for a provider with `credential_keys` (each
  // already passed through CredentialKey).
  [[nodiscard]] bool KeepsWith(const std::vector<std::string>& credential_keys) const;
};

// A credential as compared with lists: dots and spaces removed, upper case
// ("Ph.D." and "PHD" give "PHD").
[[nodiscard]] std::string CredentialKey(std::string_view credential);

class NuccTaxonomy {
 public:
  // Reads and checks the file; a 500 Error naming the problem otherwise.
  [[nodiscard]] static Result<NuccTaxonomy> Load(const std::string& path);
  [[nodiscard]] static Result<NuccTaxonomy> Parse(std::string_view json);

  // The kept code `code`, or nullptr for any other code (the file's
  // `excluded` codes included).
  [[nodiscard]] const NuccCode* Find(std::string_view code) const;
  // The export_default code of `profession`, or nullptr when it has none.
  [[nodiscard]] const NuccCode* ExportDefault(std::string_view profession) const;

 private:
  std::map<std::string, NuccCode, std::less<>> codes_;
};

}  // namespace rapport
