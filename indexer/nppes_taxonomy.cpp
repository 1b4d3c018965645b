// Reading data/nucc_taxonomy.json (docs/interop.md §2).
#include "nppes_taxonomy.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>

namespace rapport {
namespace {

// Reads the string list `name` of `object` into `out`; false if it is there
// but not a list of strings.
bool ReadStrings(const rapidjson::Value& object, const char* name, std::vector<std::string>* out) {
  if (!object.HasMember(name)) return true;
  const rapidjson::Value& list = object[name];
  if (!list.IsArray()) return false;
  for (const auto& item : list.GetArray()) {
    if (!item.IsString()) return false;
    out->emplace_back(item.GetString(), item.GetStringLength());
  }
  return true;
}

bool ReadImplied(const rapidjson::Value& implies, ImpliedValues* out) {
  if (!implies.IsObject()) return false;
  return ReadStrings(implies, "specialties", &out->specialties) &&
         ReadStrings(implies, "populations", &out->populations) &&
         ReadStrings(implies, "modalities", &out->modalities) &&
         ReadStrings(implies, "session_formats", &out->session_formats);
}

}  // namespace

std::string CredentialKey(std::string_view credential) {
  std::string key;
  for (char c : credential) {
    if (c == '.' || c == ' ') continue;
    key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return key;
}

bool NuccCode::KeepsWith(const std::vector<std::string>& credential_keys) const {
  if (keep_only_with_credentials.empty()) return true;
  return std::any_of(keep_only_with_credentials.begin(), keep_only_with_credentials.end(),
                     [&](const std::string& needed) {
                       return std::find(credential_keys.begin(), credential_keys.end(),
                                        CredentialKey(needed)) != credential_keys.end();
                     });
}

Result<NuccTaxonomy> NuccTaxonomy::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read the taxonomy file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto taxonomy = Parse(text.str());
  if (!taxonomy) return Error::Internal(path + ": " + taxonomy.error().message);
  return taxonomy;
}

Result<NuccTaxonomy> NuccTaxonomy::Parse(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("codes") ||
      !doc["codes"].IsArray()) {
    return Error::Internal("needs an object with a \"codes\" list");
  }
  NuccTaxonomy taxonomy;
  for (const auto& entry : doc["codes"].GetArray()) {
    if (!entry.IsObject() || !entry.HasMember("code") || !entry["code"].IsString() ||
        !entry.HasMember("profession") ||
        !(entry["profession"].IsString() || entry["profession"].IsNull())) {
      return Error::Internal("every code needs a string \"code\" and a \"profession\" (or null)");
    }
    NuccCode code;
    code.code = entry["code"].GetString();
    if (entry["profession"].IsString()) code.profession = entry["profession"].GetString();
    if (entry.HasMember("display") && entry["display"].IsString()) {
      code.display = entry["display"].GetString();
    }
    code.export_default = entry.HasMember("export_default") && entry["export_default"].IsBool() &&
                          entry["export_default"].GetBool();
    if (entry.HasMember("implies") && !ReadImplied(entry["implies"], &code.implies)) {
      return Error::Internal(code.code + ": \"implies\" must map fields to lists of strings");
    }
    if (!ReadStrings(entry, "keep_only_with_credentials", &code.keep_only_with_credentials)) {
      return Error::Internal(code.code + ": \"keep_only_with_credentials\" must be strings");
    }
    const std::string key = code.code;
    if (!taxonomy.codes_.emplace(key, std::move(code)).second) {
      return Error::Internal(key + " is listed twice");
    }
  }
  return taxonomy;
}

const NuccCode* NuccTaxonomy::Find(std::string_view code) const {
  auto it = codes_.find(code);
  return it == codes_.end() ? nullptr : &it->second;
}

const NuccCode* NuccTaxonomy::ExportDefault(std::string_view profession) const {
  for (const auto& [key, code] : codes_) {
    if (code.export_default && code.profession == profession) return &code;
  }
  return nullptr;
}

}  // namespace rapport
