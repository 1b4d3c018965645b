// Errors, response headers, shared error responses, security schemes and the
// operations endpoints' answers of the OpenAPI document (openapi_schemas.h).
// Every failure is {"error":{"code","message","field"}} (http_errors.h); the
// editor API adds "details" (422) and "current_version" (412)
// (editor_responses.h); the headers are those dispatcher.cpp sets.
#include "openapi_schemas.h"

namespace rapport {

std::string OpenApiCommonComponents() {
  return R"json({
"schemas": {
  "ErrorBody": {
    "type": "object", "additionalProperties": false, "required": ["code", "message"],
    "properties": {
      "code": {"type": "string", "description": "Stable machine-readable code (docs/http.md, Errors)", "examples": ["invalid_parameter"]},
      "message": {"type": "string", "description": "What went wrong, for a person"},
      "field": {"type": "string", "description": "The parameter, member or header at fault (empty or absent when none applies)"},
      "details": {"type": "array", "description": "422 validation_failed: every field problem",
        "items": {"$ref": "#/components/schemas/FieldProblem"}},
      "current_version": {"type": "integer", "minimum": 1, "description": "412 version_conflict: the version now stored"}
    }
  },
  "FieldProblem": {
    "type": "object", "additionalProperties": false, "required": ["field", "reason"],
    "properties": {"field": {"type": "string"}, "reason": {"type": "string"}}
  },
  "Error": {
    "type": "object", "additionalProperties": false, "required": ["error"],
    "properties": {"error": {"$ref": "#/components/schemas/ErrorBody"}},
    "examples": [{"error": {"code": "invalid_parameter", "message": "limit must be between 1 and 100", "field": "limit"}}]
  },
  "Health": {
    "type": "object", "additionalProperties": false, "required": ["status"],
    "properties": {"status": {"const": "ok"}}
  },
  "Ready": {
    "type": "object", "additionalProperties": false,
    "required": ["status", "index_revision", "index_uuid", "documents", "spelling_correction"],
    "properties": {
      "status": {"const": "ready"},
      "index_revision": {"type": "integer", "minimum": 0},
      "index_uuid": {"type": "string", "description": "The index database's UUID: a rebuild (or a replica's full copy) changes it"},
      "documents": {"type": "integer", "minimum": 0},
      "spelling_correction": {"type": "boolean", "description": "false when the English word list could not be read: no did_you_mean"},
      "replica": {"$ref": "#/components/schemas/ReplicaStatus"}
    }
  },
  "ReplicaStatus": {
    "type": "object", "additionalProperties": false,
    "description": "Only on a read replica (rapport-server --replica): where it stands against its primary (docs/scaling.md)",
    "required": ["primary_url", "primary_up", "same_index", "primary_revision", "lag_revisions", "lag_seconds"],
    "properties": {
      "primary_url": {"type": "string"},
      "primary_up": {"type": "boolean", "description": "the primary's /readyz answered at the last poll"},
      "same_index": {"type": "boolean", "description": "false while a full copy (new index UUID) is pending"},
      "primary_revision": {"type": "integer", "minimum": 0},
      "lag_revisions": {"type": "integer", "minimum": 0},
      "lag_seconds": {"type": "number", "minimum": 0, "description": "age of the oldest primary revision this replica lacks"}
    }
  },
  "MetricsText": {"type": "string", "description": "Prometheus text exposition format 0.0.4"},
  "OpenApiDocument": {
    "type": "object", "required": ["openapi", "info", "paths"],
    "description": "This document",
    "properties": {"openapi": {"const": "3.1.0"}, "info": {"type": "object"}, "paths": {"type": "object"}}
  }
},
"headers": {
  "ETag": {"description": "Version of the answer; send it back in If-None-Match (304) or, for a profile, If-Match (editor writes)",
    "schema": {"type": "string", "pattern": "^(W/)?\"[0-9a-f]+\"$"}},
  "RetryAfter": {"description": "Seconds to wait before trying again", "required": true,
    "schema": {"type": "integer", "minimum": 0}},
  "RetryAfterIfBusy": {"description": "Seconds to wait, when the server is overloaded (absent for other 503s)",
    "schema": {"type": "integer", "minimum": 0}},
  "RequestCost": {"description": "Rate-limit tokens this request took: the time it held a worker, in units of rapport-server --cost-unit-ms, at least 1 (docs/http.md, Rate limits)",
    "required": true, "schema": {"type": "integer", "minimum": 1}},
  "RateLimitLimit": {"description": "On answers to a partner key: the key's burst (IETF RateLimit fields)",
    "schema": {"type": "integer", "minimum": 0}},
  "RateLimitRemaining": {"description": "On answers to a partner key: whole tokens left after this request's cost",
    "schema": {"type": "integer", "minimum": 0}},
  "RateLimitReset": {"description": "On answers to a partner key: seconds until the key's bucket is full again",
    "schema": {"type": "integer", "minimum": 0}},
  "Allow": {"description": "The methods the path answers", "required": true,
    "schema": {"type": "string", "pattern": "^[A-Z]+(, [A-Z]+)*$"}},
  "Location": {"description": "The new profile's URL", "required": true,
    "schema": {"type": "string", "pattern": "^/api/v1/therapists/"}},
  "SetSessionCookie": {"description": "rapport_session=…; HttpOnly; SameSite=Strict (Secure unless --insecure-cookies)",
    "required": true, "schema": {"type": "string", "pattern": "^rapport_session="}}
},
"responses": {
  "BadRequest": {"description": "A bad parameter, header or body (field names it)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "Unauthorized": {"description": "Unknown, revoked or expired key or token; no or expired editor session",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "Forbidden": {"description": "A browser-safe key without its Origin or on a route it may not call; a missing X-CSRF-Token; a role too low",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "NotFound": {"description": "No such profile (or not one this key may see)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "MethodNotAllowed": {"description": "The path does not answer this method",
    "headers": {"Allow": {"$ref": "#/components/headers/Allow"}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "Conflict": {"description": "The profile is unpublished, already exists, or kept changing",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "PreconditionFailed": {"description": "If-Match names an older version: error.current_version and ETag give the current one",
    "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "PayloadTooLarge": {"description": "Content-Length over --max-body-bytes (or too many batch lines)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "UnsupportedMediaType": {"description": "A body whose Content-Type the operation does not take",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "ValidationFailed": {"description": "The profile is invalid: error.details lists every problem",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "PreconditionRequired": {"description": "If-Match is missing (or *)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "RateLimited": {"description": "Over a rate limit (requests are charged by cost, see X-Request-Cost) or too many failed logins",
    "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"},
                "RateLimit-Limit": {"$ref": "#/components/headers/RateLimitLimit"},
                "RateLimit-Remaining": {"$ref": "#/components/headers/RateLimitRemaining"},
                "RateLimit-Reset": {"$ref": "#/components/headers/RateLimitReset"}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "Internal": {"description": "An unexpected failure; the log has the details under the request id",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "Unavailable": {"description": "Overloaded, not ready, shutting down, index or store unavailable, or a search over the time limit",
    "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfterIfBusy"}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
  "NotModified": {"description": "If-None-Match named the current ETag: no body",
    "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}}
},
"securitySchemes": {
  "partnerKey": {"type": "http", "scheme": "bearer", "bearerFormat": "rk_<prefix>_<secret>",
    "description": "Partner API key (rapport-admin keys create). Optional: anonymous clients share a per-address rate limit. A browser-safe key (--search-only --origin) is accepted only with a matching Origin header and only on the operations a search page calls."},
  "editorSession": {"type": "apiKey", "in": "cookie", "name": "rapport_session",
    "description": "Editor session cookie, set by POST /api/v1/session"},
  "csrfToken": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
    "description": "The csrf_token of the login answer; required with the session cookie on every state-changing request"},
  "editorToken": {"type": "http", "scheme": "bearer",
    "description": "Editor API token for scripts (rapport-admin tokens create); no CSRF token needed"}
}
})json";
}

}  // namespace rapport
