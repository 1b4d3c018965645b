// The /fhir answers in the OpenAPI document (openapi_schemas.h): FHIR R4
// resources typed as objects with a resourceType. Their full structure is
// FHIR's (validated against the official R4 JSON schema in tests/api) and
// what /fhir serves is listed by GET /fhir/metadata (docs/interop.md §7).
#include "openapi_schemas.h"

namespace rapport {

std::string OpenApiFhirComponents() {
  return R"json({
"schemas": {
  "FhirResource": {"type": "object", "required": ["resourceType"],
    "description": "A FHIR R4 resource (Practitioner, PractitionerRole, Location, HealthcareService, Organization); its structure is FHIR R4's, the resources served are listed by GET /fhir/metadata",
    "properties": {"resourceType": {"type": "string"}, "id": {"type": "string"}}},
  "FhirBundle": {"type": "object", "required": ["resourceType", "type", "total", "link"],
    "description": "A FHIR R4 searchset Bundle: total, self/previous/next links, match and include entries",
    "properties": {"resourceType": {"const": "Bundle"}, "type": {"const": "searchset"},
                   "total": {"type": "integer", "minimum": 0},
                   "link": {"type": "array", "items": {"type": "object"}},
                   "entry": {"type": "array", "items": {"type": "object"}}}},
  "FhirCapabilityStatement": {"type": "object", "required": ["resourceType", "fhirVersion", "rest"],
    "properties": {"resourceType": {"const": "CapabilityStatement"}, "fhirVersion": {"const": "4.0.1"},
                   "rest": {"type": "array", "items": {"type": "object"}}}},
  "FhirOperationOutcome": {"type": "object", "required": ["resourceType", "issue"],
    "description": "Every /fhir error: one issue with severity, FHIR issue code, diagnostics and the parameter in expression",
    "properties": {"resourceType": {"const": "OperationOutcome"},
                   "issue": {"type": "array", "minItems": 1, "items": {"type": "object",
                     "required": ["severity", "code"],
                     "properties": {"severity": {"type": "string"}, "code": {"type": "string"},
                                    "diagnostics": {"type": "string"},
                                    "expression": {"type": "array", "items": {"type": "string"}}}}}}},
  "FhirResourceType": {"type": "string",
    "enum": ["Practitioner", "PractitionerRole", "Location", "HealthcareService", "Organization"], "examples": ["Practitioner"]},
  "FhirId": {"type": "string", "pattern": "^[A-Za-z0-9.-]{1,64}$", "examples": ["t-0000001"],
    "description": "A resource id (docs/interop.md §1): the therapist's id, <id>-office-<n>, <id>-in-person, <id>-virtual, payer-<slug>, network-<slug>"}
}})json";
}

}  // namespace rapport
