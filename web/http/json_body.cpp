// Reading a request body as JSON (json_body.h).
#include "json_body.h"

namespace rapport {

Status ParseJsonBody(const std::string& body, const JsonLimits& limits,
                     rapidjson::Document& document) {
  Status parsed = ParseJsonBounded(body, limits, document);
  if (parsed) return parsed;
  Error error = parsed.error();
  error.message = "request body: " + error.message;
  error.field = "body";
  return error;
}

}  // namespace rapport
