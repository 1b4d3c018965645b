// Canonical JSON of a Profile: the form the store keeps and compares.
//
// Fields come in a fixed order (the order of DESIGN.md §2 / profile.h) and
// fields that are not set are omitted, so two profiles with the same content
// always give the same bytes and "unchanged" is a string comparison.
#pragma once

#include <string>
#include <string_view>

#include "error.h"
#include "profile.h"

namespace rapport {

// The canonical JSON text of `profile` (one line, no spaces).
[[nodiscard]] std::string ToCanonicalJson(const Profile& profile);

// Reads a document this program wrote with ToCanonicalJson (the store's own
// rows). It checks types but not vocabularies; use ProfileValidator for
// anything that comes from outside. 500 Error if the text is not such a document.
[[nodiscard]] Result<Profile> ProfileFromStoredJson(std::string_view json);

}  // namespace rapport
