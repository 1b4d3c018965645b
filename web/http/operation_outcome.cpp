// FHIR OperationOutcome errors (operation_outcome.h).
#include "operation_outcome.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "http_errors.h"

namespace rapport {
namespace {

constexpr std::string_view kJsonType = "application/json";

struct StatusIssue {
  int status;
  std::string_view code;
};
constexpr StatusIssue kStatusIssues[] = {
    {400, fhir_issue::kInvalid}, {401, "login"},
    {403, "forbidden"},          {404, fhir_issue::kNotFound},
    {405, "not-supported"},      {406, "not-supported"},
    {412, "conflict"},           {413, "too-long"},
    {414, "too-long"},           {415, "not-supported"},
    {429, "throttled"},          {503, "transient"},
};
constexpr std::string_view kIssueCodes[] = {fhir_issue::kInvalid, fhir_issue::kCodeInvalid,
                                            fhir_issue::kNotSupported, fhir_issue::kTooCostly,
                                            fhir_issue::kNotFound};

}  // namespace

std::string IssueCode(const Error& error) {
  for (auto code : kIssueCodes) {
    if (error.code == code) return std::string(code);
  }
  for (const auto& entry : kStatusIssues) {
    if (entry.status == error.status) return std::string(entry.code);
  }
  return error.status >= 500 ? "exception" : "processing";
}

std::string OperationOutcomeJson(const Error& error, std::string_view severity) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("resourceType");
  w.String("OperationOutcome");
  w.Key("issue");
  w.StartArray();
  w.StartObject();
  w.Key("severity");
  w.String(severity.data(), static_cast<rapidjson::SizeType>(severity.size()));
  w.Key("code");
  w.String(IssueCode(error));
  if (!error.message.empty()) {
    w.Key("diagnostics");
    w.String(error.message);
  }
  if (!error.field.empty()) {
    w.Key("expression");
    w.StartArray();
    w.String(error.field);
    w.EndArray();
  }
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

HttpResponse OperationOutcomeResponse(const Error& error) {
  HttpResponse response = ErrorResponse(error);
  RewriteAsOperationOutcome(response);
  return response;
}

void RewriteAsOperationOutcome(HttpResponse& response) {
  if (response.status < 400 || response.content_type.rfind(kJsonType, 0) != 0) return;
  rapidjson::Document doc;
  doc.Parse(response.body.c_str(), response.body.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("error") ||
      !doc["error"].IsObject()) {
    return;
  }
  const rapidjson::Value& json = doc["error"];
  auto text = [&](const char* name) {
    auto it = json.FindMember(name);
    return it != json.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString())
                                                          : std::string();
  };
  const Error error{response.status, text("code"), text("message"), text("field")};
  response.body = OperationOutcomeJson(error, "error");
  response.content_type = std::string(kFhirJsonType);
}

}  // namespace rapport
