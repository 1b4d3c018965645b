// ProfileBatch: the NDJSON body of POST /api/v1/therapists:batch read into
// one result per non-blank line (the valid lines' profiles to write, the
// invalid lines' problems), and the answer written once the store has
// taken the valid ones. Kept apart from the handler (which needs a store and
// an admin) so that tests/fuzz/profile_batch_fuzz.cpp can run every body
// through it.
//
//   auto batch = ReadProfileBatch(request.body, BodyJsonLimits(config), validator, max_lines);
//   if (!batch) return ErrorResponse(batch.error());
//   auto written = store.UpsertBatch(batch.value().profiles, actor);
//   return NoStoreJsonResponse(ProfileBatchAnswer(batch.value(), written.value()));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bounded_json.h"
#include "error.h"
#include "profile.h"
#include "profile_store.h"
#include "profile_validator.h"

namespace rapport {

struct BatchLine {
  int line = 0;                      // 1-based line number in the body
  std::string id;                    // the line's "id" when it has a string one
  std::vector<FieldError> errors;    // non-empty: invalid, not to be written
  std::vector<FieldError> warnings;  // skipped unknown fields
  size_t profile_index = 0;          // into ProfileBatch::profiles when valid
};

struct ProfileBatch {
  std::vector<BatchLine> lines;   // the non-blank lines, in order
  std::vector<Profile> profiles;  // the valid lines' profiles (updated_at cleared)
};

// Parses every non-blank line of `body` within `limits` (ParseJsonBounded)
// and validates it in import mode (unknown fields are warnings). 413
// payload_too_large beyond `max_lines` lines; 400 naming "body" when no line
// holds anything.
[[nodiscard]] Result<ProfileBatch> ReadProfileBatch(std::string_view body, const JsonLimits& limits,
                                                    const ProfileValidator& validator,
                                                    size_t max_lines);

// {"results":[{"line","id","result","version"|"errors","warnings"?}],
//  "created","invalid","unchanged","updated"}: `outcomes` are the store's,
// one per profile of `batch`, in order.
[[nodiscard]] std::string ProfileBatchAnswer(const ProfileBatch& batch,
                                             const std::vector<WriteOutcome>& outcomes);

}  // namespace rapport
