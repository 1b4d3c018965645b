// The components of the OpenAPI document (openapi.h), one function per area
// of the API, each in its own file (openapi_schemas_*.cpp). Each returns a
// JSON object text whose members ("schemas", "responses", "headers",
// "securitySchemes") BuildOpenApiDocument merges into "components"; a name
// appears in one area only. Schemas that describe an answer name every member
// its writer sends and refuse others (additionalProperties: false), so
// tests/api validating real answers catches a member added on one side only.
//
// When a handler gains a member, change the schema here in the same commit;
// when a route is added, give it an entry in OpenApiOperations()
// (openapi_operations.h) and its schemas here.
#pragma once

#include <string>

#include "server_config.h"

namespace rapport {

// Search, search parameters (built from the parameter table), multi-search
// and suggest.
[[nodiscard]] std::string OpenApiSearchComponents(const ServerConfig& config);

// A profile's fields, the public profile, the directory contact and vocab.
[[nodiscard]] std::string OpenApiProfileComponents();

// The editor API: session, profile writes, history, the stale list, batch.
[[nodiscard]] std::string OpenApiEditorComponents();

// The /fhir answers: FHIR resources, Bundle, CapabilityStatement, OperationOutcome.
[[nodiscard]] std::string OpenApiFhirComponents();

// Errors, the response headers, the shared error responses, the security
// schemes and the operations endpoints' answers.
[[nodiscard]] std::string OpenApiCommonComponents();

}  // namespace rapport
