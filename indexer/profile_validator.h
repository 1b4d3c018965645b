// ProfileValidator: turns an untrusted JSON document (editor API body or one
// line of a bulk file) into a Profile, or reports EVERY problem at once, each
// with its field path ("offices[0].lat", "modalities[2]", "fee.min") and a
// reason a person can act on.
//
//   ProfileValidator validator(vocabulary, compacts, UtcNowSeconds());
//   ValidationOutcome outcome = validator.Validate(document, ValidationMode::kEditor);
//   if (!outcome.ok()) return ValidationFailure(outcome.errors);
//   store.Upsert(outcome.profile, actor);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "compacts.h"
#include "error.h"
#include "profile.h"
#include "vocabulary.h"

namespace rapport {

struct FieldError {
  std::string field;   // path, e.g. "offices[0].lat"; "(document)" for the whole value
  std::string reason;  // e.g. "must be between -90 and 90"
};

// kEditor rejects unknown fields; kImport reports them as warnings and skips them.
enum class ValidationMode { kEditor, kImport };

// Every limit the validator enforces, with its default.
struct ValidationLimits {
  size_t id_max_length = 64;
  size_t name_max_chars = 200;
  size_t bio_max_chars = 5000;
  size_t pronouns_max_chars = 40;
  size_t city_max_chars = 100;
  size_t short_code_max_chars = 20;  // credentials, licenses[].type
  size_t license_number_max_chars = 40;
  size_t max_credentials = 10;
  size_t max_offices = 20;
  size_t max_licenses = 60;
  int fee_min_dollars = 0;
  int fee_max_dollars = 10000;
  int telehealth_first_year = 1990;
  size_t phone_max_chars = 40;   // as typed, before normalising to E.164
  size_t email_max_chars = 254;  // RFC 5321's limit on an address
  size_t url_max_chars = 500;    // contact.website and contact.booking_url
  // Timestamps may run this far ahead of the validator's clock (clock skew).
  int64_t future_tolerance_seconds = 300;
  // An unknown field name or value is quoted in its error cut to this many
  // characters, so a huge one does not make a huge answer.
  size_t max_echoed_chars = 40;
};

struct ValidationOutcome {
  Profile profile;                   // meaningful only when ok()
  std::vector<FieldError> errors;    // every problem found
  std::vector<FieldError> warnings;  // skipped unknown fields (kImport only)
  bool ok() const { return errors.empty(); }
};

class ProfileValidator {
 public:
  // `vocabulary` and `compacts` must outlive the validator. `now_unix` is
  // the time "in the future" is measured against (injectable for tests).
  ProfileValidator(const Vocabulary& vocabulary, const Compacts& compacts, int64_t now_unix,
                   ValidationLimits limits = {});

  [[nodiscard]] ValidationOutcome Validate(const rapidjson::Value& document,
                                           ValidationMode mode) const;

 private:
  const Vocabulary& vocabulary_;
  const Compacts& compacts_;
  int64_t now_unix_;
  ValidationLimits limits_;
};

// Read-only and computed fields that GET responses carry: accepted and
// ignored on write, so a document read can be sent back as is.
[[nodiscard]] const std::vector<std::string>& ReadOnlyProfileFields();

// The 422 Error for a failed validation: code "validation_failed", the first
// problem's field, and a message listing every "field: reason".
[[nodiscard]] Error ValidationFailure(const std::vector<FieldError>& errors);

}  // namespace rapport
