// Editor request bodies (editor_bodies.h).
#include "editor_bodies.h"

#include <rapidjson/document.h>

#include "editor_responses.h"
#include "http_errors.h"

namespace rapport {
namespace {

std::string StringMember(const rapidjson::Document& document, const char* name) {
  auto it = document.FindMember(name);
  return it != document.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

}  // namespace

BodyProfile ReadProfileBody(const std::string& body, const JsonLimits& limits,
                            const ProfileValidator& validator) {
  BodyProfile result;
  rapidjson::Document document;
  if (Status parsed = ParseJsonBody(body, limits, document); !parsed) {
    result.failure = ErrorResponse(parsed.error());
    return result;
  }
  ValidationOutcome outcome = validator.Validate(document, ValidationMode::kEditor);
  if (!outcome.ok()) {
    result.failure = ValidationFailedResponse(outcome.errors);
    return result;
  }
  outcome.profile.updated_at.clear();
  result.profile = std::move(outcome.profile);
  return result;
}

Result<LoginBody> ReadLoginBody(const std::string& body, const JsonLimits& limits) {
  rapidjson::Document document;
  if (Status parsed = ParseJsonBody(body, limits, document); !parsed) return parsed.error();
  if (!document.IsObject()) {
    return Error::BadParameter("email", "send {\"email\":…,\"password\":…}");
  }
  LoginBody login{StringMember(document, "email"), StringMember(document, "password")};
  if (login.email.empty()) return Error::BadParameter("email", "email is required");
  if (login.password.empty()) return Error::BadParameter("password", "password is required");
  return login;
}

Result<int64_t> ReadRestoreBody(const std::string& body, const JsonLimits& limits) {
  rapidjson::Document document;
  if (Status parsed = ParseJsonBody(body, limits, document); !parsed) return parsed.error();
  if (!document.IsObject() || !document.HasMember("version") || !document["version"].IsInt64() ||
      document["version"].GetInt64() < 1) {
    return Error::BadParameter("version", "send {\"version\": N} with a version from the history");
  }
  return document["version"].GetInt64();
}

}  // namespace rapport
