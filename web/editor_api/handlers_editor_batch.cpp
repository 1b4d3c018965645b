// POST /api/v1/therapists:batch: many profiles in one NDJSON body (admin
// only), for partners and scripts that sync a roster. Every line gets a
// result; the valid lines are written in one transaction (all or none), the
// invalid ones are reported and change nothing. Lines overwrite without a
// version check: a roster sync states what is true now. The body and the
// answer are read and written by profile_batch.h.
#include "editor_auth.h"
#include "editor_responses.h"
#include "handlers_editor.h"
#include "http_errors.h"
#include "profile_batch.h"

namespace rapport {

HttpResponse HandleProfileBatch(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kAdmin);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  auto batch = ReadProfileBatch(request.body, BodyJsonLimits(state.config()), services.Validator(),
                                services.config().batch_max_lines);
  if (!batch) return ErrorResponse(batch.error());
  std::vector<WriteOutcome> outcomes;
  if (!batch.value().profiles.empty()) {
    auto written =
        services.profiles().UpsertBatch(batch.value().profiles, call.value().identity.editor.email);
    if (!written) return ErrorResponse(written.error());
    outcomes = std::move(written).value();
  }
  return NoStoreJsonResponse(ProfileBatchAnswer(batch.value(), outcomes));
}

}  // namespace rapport
