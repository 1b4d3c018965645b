// NppesMerge: a newer NPPES row applied to a profile that already exists,
// touching only the fields NPPES owns and none an editor changed since
// (docs/interop.md §3.4).
//
// A field is protected when the latest revision that changed it was written
// by an actor other than the NPPES import. Implied list values (specialties,
// populations, modalities, session formats) are added, never removed; of
// `contact` NPPES owns the phone only.
#pragma once

#include <string>
#include <vector>

#include "profile.h"
#include "profile_store.h"

namespace rapport {

// The actor the NPPES import writes its revisions with.
constexpr const char* kNppesActor = "import:nppes";

struct NppesMerge {
  Profile profile;  // `current` with the unprotected owned fields from the row
  // Owned fields an editor protected whose NPPES value differs from the
  // profile's, which therefore kept the editor's value.
  std::vector<std::string> protected_fields_kept;
};

// `history` is the profile's revisions, newest first (ProfileStore::History).
[[nodiscard]] NppesMerge MergeNppesFields(const Profile& current, const Profile& from_row,
                                          const std::vector<Revision>& history);

// True when the latest revision of `history` (newest first) that changed the
// top-level `field` was written by an actor other than `actor`: the field is
// protected from that import (docs/interop.md §3.4, §5.2).
[[nodiscard]] bool ChangedLastByOther(const std::string& field,
                                      const std::vector<Revision>& history,
                                      const std::string& actor);

// True when the newest "unpublish" revision of `history` was written by the
// NPPES import (a deactivation it may undo on reactivation).
[[nodiscard]] bool UnpublishedByNppes(const std::vector<Revision>& history);

}  // namespace rapport
