// Vocabulary: parses data/vocab.json (see vocabulary.h) with RapidJSON and
// answers look-ups by facet and value.
#include "vocabulary.h"

#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace rapport {
namespace {

Error Malformed(const std::string& what) { return Error::Internal("vocab.json: " + what); }

// Reads an optional array of strings member; false (with `problem` set) when it is not one.
bool ReadStringList(const rapidjson::Value& entry, const char* member,
                    std::vector<std::string>* out, std::string* problem) {
  auto it = entry.FindMember(member);
  if (it == entry.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsArray()) {
    *problem = std::string("\"") + member + "\" must be a list of strings";
    return false;
  }
  for (const auto& item : it->value.GetArray()) {
    if (!item.IsString()) {
      *problem = std::string("\"") + member + "\" must hold only strings";
      return false;
    }
    out->emplace_back(item.GetString(), item.GetStringLength());
  }
  return true;
}

Result<VocabEntry> ReadEntry(const std::string& facet, size_t position,
                             const rapidjson::Value& entry) {
  const std::string where = "facet \"" + facet + "\" entry " + std::to_string(position);
  if (!entry.IsObject()) return Malformed(where + " is not an object");
  auto value = entry.FindMember("value");
  if (value == entry.MemberEnd() || !value->value.IsString() ||
      value->value.GetStringLength() == 0) {
    return Malformed(where + " needs a non-empty string \"value\"");
  }
  VocabEntry result;
  result.value.assign(value->value.GetString(), value->value.GetStringLength());
  auto label = entry.FindMember("label");
  if (label == entry.MemberEnd() || !label->value.IsString()) {
    return Malformed(where + " (\"" + result.value + "\") needs a string \"label\"");
  }
  result.label.assign(label->value.GetString(), label->value.GetStringLength());
  std::string problem;
  if (!ReadStringList(entry, "synonyms", &result.synonyms, &problem) ||
      !ReadStringList(entry, "credentials", &result.credentials, &problem)) {
    return Malformed(where + " (\"" + result.value + "\"): " + problem);
  }
  return result;
}

}  // namespace

Result<Vocabulary> Vocabulary::Parse(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return Malformed(std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset " +
                     std::to_string(doc.GetErrorOffset()));
  }
  if (!doc.IsObject()) return Malformed("the top level must be an object keyed by facet name");

  Vocabulary vocabulary;
  for (const auto& member : doc.GetObject()) {
    const std::string facet(member.name.GetString(), member.name.GetStringLength());
    if (!member.value.IsArray()) return Malformed("facet \"" + facet + "\" must be a list");
    if (vocabulary.facets_.count(facet) != 0) {
      return Malformed("facet \"" + facet + "\" appears twice");
    }
    auto& entries = vocabulary.facets_[facet];
    auto& positions = vocabulary.index_[facet];
    for (const auto& item : member.value.GetArray()) {
      Result<VocabEntry> entry = ReadEntry(facet, entries.size(), item);
      if (!entry) return entry.error();
      if (!positions.emplace(entry.value().value, entries.size()).second) {
        return Malformed("facet \"" + facet + "\" lists \"" + entry.value().value + "\" twice");
      }
      entries.push_back(std::move(entry).value());
    }
  }
  vocabulary.json_.assign(json.data(), json.size());
  return vocabulary;
}

Result<Vocabulary> Vocabulary::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read vocabulary file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str());
}

bool Vocabulary::Contains(std::string_view facet, std::string_view value) const {
  return Find(facet, value) != nullptr;
}

const VocabEntry* Vocabulary::Find(std::string_view facet, std::string_view value) const {
  auto positions = index_.find(facet);
  if (positions == index_.end()) return nullptr;
  auto position = positions->second.find(value);
  if (position == positions->second.end()) return nullptr;
  return &facets_.find(facet)->second[position->second];
}

std::string Vocabulary::Label(std::string_view facet, std::string_view value) const {
  const VocabEntry* entry = Find(facet, value);
  return entry ? entry->label : std::string(value);
}

const std::vector<VocabEntry>& Vocabulary::Entries(std::string_view facet) const {
  static const std::vector<VocabEntry> kNone;
  auto it = facets_.find(facet);
  return it == facets_.end() ? kNone : it->second;
}

std::vector<std::string> Vocabulary::FacetNames() const {
  std::vector<std::string> names;
  names.reserve(facets_.size());
  for (const auto& [name, entries] : facets_) names.push_back(name);
  return names;
}

std::vector<const std::string*> IndexedForms(const VocabEntry& entry) {
  std::vector<const std::string*> forms = {&entry.value, &entry.label};
  for (const std::string& synonym : entry.synonyms) forms.push_back(&synonym);
  return forms;
}

}  // namespace rapport
