// Reading the JSON bodies of editor requests into what a handler acts on: a
// profile to create or update, login credentials, the version to restore.
// Each refusal is the client error the handler answers as is. Kept apart
// from the handlers (which need a store and a session) so that
// tests/fuzz/editor_bodies_fuzz.cpp can run every body through them.
//
//   BodyProfile body = ReadProfileBody(request.body, BodyJsonLimits(config), validator);
//   if (!body.profile) return body.failure;
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bounded_json.h"
#include "error.h"
#include "http_types.h"
#include "profile.h"
#include "profile_validator.h"

namespace rapport {

// The validated profile of a create or update body, or the answer saying why
// not: 400 invalid_json, or 422 validation_failed listing every problem.
struct BodyProfile {
  std::optional<Profile> profile;
  HttpResponse failure;  // meaningful only without a profile
};

// Parses `body` within `limits` and validates it (editor mode: unknown
// fields are errors).
// updated_at is cleared: the store stamps it when the content changes, so a
// stamp echoed back from a GET must not freeze it.
[[nodiscard]] BodyProfile ReadProfileBody(const std::string& body, const JsonLimits& limits,
                                          const ProfileValidator& validator);

struct LoginBody {
  std::string email;
  std::string password;
};

// {"email":…,"password":…}. 400 naming "email" or "password" when one is
// missing, empty or not a string; 400 invalid_json (ParseJsonBody) for
// anything else.
[[nodiscard]] Result<LoginBody> ReadLoginBody(const std::string& body, const JsonLimits& limits);

// {"version": N} with N ≥ 1 (a version from the profile's history). 400
// naming "version" otherwise.
[[nodiscard]] Result<int64_t> ReadRestoreBody(const std::string& body, const JsonLimits& limits);

}  // namespace rapport
