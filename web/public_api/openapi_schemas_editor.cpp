// The editor API in the OpenAPI document (openapi_schemas.h): the session
// answer (handlers_editor_session.cpp), the profile as an editor reads and
// writes it (editor_responses.h), its history, the stale list
// (handlers_editor_review.cpp) and the batch answer (profile_batch.h).
#include "openapi_schemas.h"

namespace rapport {

std::string OpenApiEditorComponents() {
  return R"json({
"schemas": {
  "LoginRequest": {"type": "object", "required": ["email", "password"],
    "properties": {"email": {"type": "string", "format": "email"}, "password": {"type": "string", "format": "password"}}},
  "Session": {"type": "object", "additionalProperties": false,
    "required": ["csrf_token", "editor", "idle_timeout_s", "absolute_timeout_s"],
    "properties": {
      "csrf_token": {"type": "string", "description": "Send it as X-CSRF-Token on every state-changing request made with the session cookie"},
      "editor": {"type": "object", "additionalProperties": false, "required": ["email", "role"],
        "properties": {"email": {"type": "string"}, "role": {"type": "string", "enum": ["editor", "admin"]}}},
      "idle_timeout_s": {"type": "integer", "minimum": 1},
      "absolute_timeout_s": {"type": "integer", "minimum": 1}
    }},
  "EditorProfile": {"$ref": "#/components/schemas/ProfileFields", "required": ["status", "version"],
    "unevaluatedProperties": false,
    "description": "A profile as stored, with its publication status; PUT it back as is to change it",
    "properties": {"status": {"type": "string", "enum": ["published", "unpublished"], "readOnly": true}}},
  "ProfileWrite": {"$ref": "#/components/schemas/ProfileFields", "unevaluatedProperties": false,
    "description": "The whole profile; read-only and computed members (version, status, telehealth_years, virtual_states) are ignored",
    "properties": {"status": {"type": "string", "readOnly": true}}},
  "RestoreRequest": {"type": "object", "additionalProperties": false, "required": ["version"],
    "properties": {"version": {"type": "integer", "minimum": 1, "description": "A version from the history"}}},
  "ConfirmAvailabilityRequest": {"type": "object", "additionalProperties": false,
    "properties": {"accepting_new_clients": {"type": "boolean"}}},
  "History": {"type": "object", "additionalProperties": false, "required": ["id", "revisions"],
    "properties": {
      "id": {"$ref": "#/components/schemas/ProfileId"},
      "revisions": {"type": "array", "items": {"$ref": "#/components/schemas/Revision"}}}},
  "Revision": {"type": "object", "additionalProperties": false,
    "required": ["version", "actor", "at", "action", "changed_fields", "document"],
    "properties": {
      "version": {"type": "integer", "minimum": 1},
      "actor": {"type": "string", "description": "The editor's email"},
      "at": {"$ref": "#/components/schemas/Timestamp"},
      "action": {"type": "string", "enum": ["create", "update", "unpublish", "restore"]},
      "changed_fields": {"type": "array", "items": {"type": "string"}},
      "document": {"type": "object", "description": "The whole profile at this version"}}},
  "StaleList": {"type": "object", "additionalProperties": false,
    "required": ["days", "verified_before", "total", "limit", "offset", "results"],
    "properties": {
      "days": {"type": "integer", "minimum": 1},
      "verified_before": {"$ref": "#/components/schemas/Timestamp"},
      "total": {"type": "integer", "minimum": 0, "description": "Every stale profile, not only this page"},
      "limit": {"type": "integer", "minimum": 1},
      "offset": {"type": "integer", "minimum": 0},
      "results": {"type": "array", "items": {"type": "object", "additionalProperties": false,
        "required": ["id", "name", "verified_at", "updated_at"],
        "properties": {"id": {"$ref": "#/components/schemas/ProfileId"}, "name": {"type": "string"},
                       "verified_at": {"anyOf": [{"$ref": "#/components/schemas/Timestamp"}, {"type": "null"}]},
                       "updated_at": {"$ref": "#/components/schemas/Timestamp"}}}}}},
  "BatchAnswer": {"type": "object", "additionalProperties": false,
    "required": ["results", "created", "updated", "unchanged", "invalid"],
    "properties": {
      "results": {"type": "array", "items": {"$ref": "#/components/schemas/BatchLineResult"}},
      "created": {"type": "integer", "minimum": 0}, "updated": {"type": "integer", "minimum": 0},
      "unchanged": {"type": "integer", "minimum": 0}, "invalid": {"type": "integer", "minimum": 0}}},
  "BatchLineResult": {"type": "object", "additionalProperties": false, "required": ["line", "id", "result"],
    "properties": {
      "line": {"type": "integer", "minimum": 1},
      "id": {"type": ["string", "null"]},
      "result": {"type": "string", "enum": ["created", "updated", "unchanged", "invalid"]},
      "version": {"type": "integer", "minimum": 1, "description": "The version written (valid lines)"},
      "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldProblem"}},
      "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/FieldProblem"}}}}
}
})json";
}

}  // namespace rapport
