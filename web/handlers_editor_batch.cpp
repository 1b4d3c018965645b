// POST /api/v1/therapists:batch: many profiles in one NDJSON body (admin
// only), for partners and scripts that sync a roster. Every line gets a
// result; the valid lines are written in one transaction (all or none), the
// invalid ones are reported and change nothing. Lines overwrite without a
// version check: a roster sync states what is true now.
#include <map>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "bounded_json.h"
#include "editor_auth.h"
#include "editor_responses.h"
#include "handlers_editor.h"
#include "http_errors.h"

namespace rapport {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

struct LineResult {
  int line = 0;
  std::string id;
  std::vector<FieldError> errors;    // non-empty: invalid, not written
  std::vector<FieldError> warnings;  // skipped unknown fields
  size_t profile_index = 0;          // into the written profiles when valid
};

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

std::string BatchAnswer(const std::vector<LineResult>& lines,
                        const std::vector<WriteOutcome>& outcomes) {
  std::map<std::string, int> counts = {
      {"created", 0}, {"updated", 0}, {"unchanged", 0}, {"invalid", 0}};
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("results");
  writer.StartArray();
  for (const LineResult& line : lines) {
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

}  // namespace

HttpResponse HandleProfileBatch(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kAdmin);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  const ProfileValidator validator = services.Validator();
  std::vector<LineResult> lines;
  std::vector<Profile> profiles;
  size_t start = 0;
  for (int number = 1; start < request.body.size(); ++number) {
    size_t end = request.body.find('\n', start);
    if (end == std::string::npos) end = request.body.size();
    std::string text = request.body.substr(start, end - start);
    start = end + 1;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    if (lines.size() == services.config().batch_max_lines) {
      return ErrorResponse(Error{413, "payload_too_large",
                                 "a batch may hold at most " +
                                     std::to_string(services.config().batch_max_lines) +
                                     " profiles; split it",
                                 ""});
    }
    LineResult line;
    line.line = number;
    rapidjson::Document document;
    if (Status parsed = ParseJsonBounded(text, BodyJsonLimits(state.config()), document); !parsed) {
      line.errors.push_back({"(document)", parsed.error().message});
    } else {
      if (document.IsObject() && document.HasMember("id") && document["id"].IsString()) {
        line.id = document["id"].GetString();
      }
      ValidationOutcome outcome = validator.Validate(document, ValidationMode::kImport);
      line.errors = std::move(outcome.errors);
      line.warnings = std::move(outcome.warnings);
      if (line.errors.empty()) {
        outcome.profile.updated_at.clear();
        line.profile_index = profiles.size();
        profiles.push_back(std::move(outcome.profile));
      }
    }
    lines.push_back(std::move(line));
  }
  if (lines.empty()) {
    return ErrorResponse(Error::BadParameter("body", "send one profile JSON object per line"));
  }
  std::vector<WriteOutcome> outcomes;
  if (!profiles.empty()) {
    auto written = services.profiles().UpsertBatch(profiles, call.value().identity.editor.email);
    if (!written) return ErrorResponse(written.error());
    outcomes = std::move(written).value();
    services.WriteAccepted();
  }
  return NoStoreJsonResponse(BatchAnswer(lines, outcomes));
}

}  // namespace rapport
