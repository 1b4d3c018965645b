// Editor API answers and request helpers (editor_responses.h).
#include "editor_responses.h"

#include <utility>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "http_errors.h"
#include "public_profile.h"
#include "utc_time.h"

namespace rapport {
namespace {

std::string Quoted(int64_t version) { return "\"" + std::to_string(version) + "\""; }

std::string ToJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The JSON error object of `error` with room for extra members.
rapidjson::Document ErrorDocument(const Error& error) {
  rapidjson::Document document(rapidjson::kObjectType);
  auto& a = document.GetAllocator();
  rapidjson::Value inner(rapidjson::kObjectType);
  inner.AddMember("code", rapidjson::Value(error.code, a), a);
  inner.AddMember("message", rapidjson::Value(error.message, a), a);
  inner.AddMember("field", rapidjson::Value(error.field, a), a);
  document.AddMember("error", inner, a);
  return document;
}

HttpResponse JsonAnswer(const rapidjson::Document& document, int status) {
  return NoStoreJsonResponse(ToJson(document), status);
}

}  // namespace

HttpResponse NoStoreJsonResponse(std::string json, int status) {
  HttpResponse response = HttpResponse::Json(std::move(json), status);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse ProfileResponse(const StoredProfile& stored, const Compacts& compacts, int status) {
  Result<std::string> json = PublicProfileJson(stored, compacts, CurrentUtcYear());
  if (!json) return ErrorResponse(json.error());
  rapidjson::Document document;
  document.Parse(json.value().c_str(), json.value().size());
  if (document.HasParseError() || !document.IsObject()) {
    return ErrorResponse(Error::Internal("stored profile is not a JSON object"));
  }
  const char* state = stored.status == ProfileStatus::kPublished ? "published" : "unpublished";
  document.AddMember("status", rapidjson::StringRef(state), document.GetAllocator());
  HttpResponse response = JsonAnswer(document, status);
  response.SetHeader("ETag", Quoted(stored.version));
  return response;
}

HttpResponse ValidationFailedResponse(const std::vector<FieldError>& errors) {
  rapidjson::Document document = ErrorDocument(ValidationFailure(errors));
  auto& a = document.GetAllocator();
  rapidjson::Value details(rapidjson::kArrayType);
  for (const FieldError& problem : errors) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("field", rapidjson::Value(problem.field, a), a);
    item.AddMember("reason", rapidjson::Value(problem.reason, a), a);
    details.PushBack(item, a);
  }
  document["error"].AddMember("details", details, a);
  return JsonAnswer(document, 422);
}

HttpResponse VersionConflictResponse(int64_t current_version) {
  rapidjson::Document document = ErrorDocument(Error::VersionConflict(
      "If-Match", "the profile changed since you read it: it is at version " +
                      std::to_string(current_version) + "; read it again and redo your change"));
  document["error"].AddMember("current_version", current_version, document.GetAllocator());
  HttpResponse response = JsonAnswer(document, 412);
  response.SetHeader("ETag", Quoted(current_version));
  return response;
}

Result<int64_t> IfMatchVersion(const HttpRequest& request) {
  std::string value = request.Header("if-match");
  if (value.empty()) {
    return Error::PreconditionRequired("If-Match",
                                       "send If-Match with the ETag of the version you edited");
  }
  if (value == "*") {
    // "*" would overwrite whatever is current: exactly the lost update If-Match prevents.
    return Error::PreconditionRequired(
        "If-Match", "If-Match must name the version you edited (its ETag), not *");
  }
  if (value.rfind("W/", 0) == 0) value.erase(0, 2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  const Error malformed = Error::BadParameter("If-Match", "If-Match must be a version like \"3\"");
  if (value.empty() || value.size() > 18 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return malformed;
  }
  return static_cast<int64_t>(std::stoll(value));
}

std::string ProfileTimestampNow() { return FormatUtcTimestamp(UtcNowSeconds()); }

}  // namespace rapport
