// Reading a :batch body and writing its answer (profile_batch.h).
#include "profile_batch.h"

#include <map>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteProblems(JsonWriter& writer, const char* key, const std::vector<FieldError>& problems) {
  writer.Key(key);
  writer.StartArray();
  for (const FieldError& problem : problems) {
    writer.StartObject();
    writer.Key("field");
    writer.String(problem.field);
    writer.Key("reason");
    writer.String(problem.reason);
    writer.EndObject();
  }
  writer.EndArray();
}

const char* KindName(WriteKind kind) {
  switch (kind) {
    case WriteKind::kCreated:
      return "created";
    case WriteKind::kUpdated:
      return "updated";
    case WriteKind::kUnchanged:
      return "unchanged";
  }
  return "unchanged";
}

BatchLine ReadLine(int number, const std::string& text, const JsonLimits& limits,
                   const ProfileValidator& validator, std::vector<Profile>* profiles) {
  BatchLine line;
  line.line = number;
  rapidjson::Document document;
  if (Status parsed = ParseJsonBounded(text, limits, document); !parsed) {
    line.errors.push_back({"(document)", parsed.error().message});
    return line;
  }
  if (document.IsObject() && document.HasMember("id") && document["id"].IsString()) {
    line.id = document["id"].GetString();
  }
  ValidationOutcome outcome = validator.Validate(document, ValidationMode::kImport);
  line.errors = std::move(outcome.errors);
  line.warnings = std::move(outcome.warnings);
  if (line.errors.empty()) {
    outcome.profile.updated_at.clear();
    line.profile_index = profiles->size();
    profiles->push_back(std::move(outcome.profile));
  }
  return line;
}

}  // namespace

Result<ProfileBatch> ReadProfileBatch(std::string_view body, const JsonLimits& limits,
                                      const ProfileValidator& validator, size_t max_lines) {
  ProfileBatch batch;
  size_t start = 0;
  for (int number = 1; start < body.size(); ++number) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string text(body.substr(start, end - start));
    start = end + 1;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    if (batch.lines.size() == max_lines) {
      return Error::PayloadTooLarge("a batch may hold at most " + std::to_string(max_lines) +
                                    " profiles; split it");
    }
    batch.lines.push_back(ReadLine(number, text, limits, validator, &batch.profiles));
  }
  if (batch.lines.empty()) {
    return Error::BadParameter("body", "send one profile JSON object per line");
  }
  return batch;
}

std::string ProfileBatchAnswer(const ProfileBatch& batch,
                               const std::vector<WriteOutcome>& outcomes) {
  std::map<std::string, int> counts = {
      {"created", 0}, {"updated", 0}, {"unchanged", 0}, {"invalid", 0}};
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("results");
  writer.StartArray();
  for (const BatchLine& line : batch.lines) {
    writer.StartObject();
    writer.Key("line");
    writer.Int(line.line);
    writer.Key("id");
    line.id.empty() ? writer.Null() : writer.String(line.id);
    const bool valid = line.errors.empty();
    const char* result = valid ? KindName(outcomes[line.profile_index].kind) : "invalid";
    ++counts[result];
    writer.Key("result");
    writer.String(result);
    if (valid) {
      writer.Key("version");
      writer.Int64(outcomes[line.profile_index].stored.version);
    } else {
      WriteProblems(writer, "errors", line.errors);
    }
    if (!line.warnings.empty()) WriteProblems(writer, "warnings", line.warnings);
    writer.EndObject();
  }
  writer.EndArray();
  for (const auto& [name, count] : counts) {
    writer.Key(name.c_str());
    writer.Int(count);
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace rapport
