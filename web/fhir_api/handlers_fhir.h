// Handlers of the read-only FHIR R4 API under /fhir/ (docs/interop.md §7):
// the CapabilityStatement, reads of the resources one profile renders as
// (indexer/fhir/fhir_renderer.h), and the PractitionerRole search, answered
// by the same SearchService as /api/v1/search. Every answer is
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
// GET /fhir/PractitionerRole?...: a searchset Bundle.
HttpResponse HandleFhirRoleSearch(const HttpRequest& request, ServerState& state);

}  // namespace rapport
