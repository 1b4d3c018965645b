// Handlers of the read-only FHIR R4 API under /fhir/ (docs/interop.md §7):
// the CapabilityStatement, reads of the resources one profile renders as
// (indexer/fhir/fhir_renderer.h), the PractitionerRole search, answered by
// the same SearchService as /api/v1/search, and the searches by id or NPI. Every answer is
// application/fhir+json; every error an OperationOutcome.
#pragma once

#include "http_types.h"
#include "server_state.h"

namespace rapport {

// GET /fhir/metadata
HttpResponse HandleFhirMetadata(const HttpRequest& request, ServerState& state);
// GET /fhir/{type}/{id}: Practitioner, PractitionerRole, Location,
// HealthcareService, Organization.
HttpResponse HandleFhirRead(const HttpRequest& request, ServerState& state);
// GET /fhir/PractitionerRole?...: a searchset Bundle (filters, or _id /
// practitioner).
HttpResponse HandleFhirRoleSearch(const HttpRequest& request, ServerState& state);
// GET /fhir/Practitioner?identifier= or ?_id=: a searchset of 0 or more.
HttpResponse HandleFhirPractitionerSearch(const HttpRequest& request, ServerState& state);
// GET /fhir/Location?_id=: a searchset of 0 or more.
HttpResponse HandleFhirLocationSearch(const HttpRequest& request, ServerState& state);

}  // namespace rapport
