// PublicProfile: the JSON a client sees for one therapist (document data in the
// index, /api/v1/therapists/{id}, search results): the canonical profile
// fields plus figures computed at indexing time.
//
//   "version"          the store version the document was built from
//   "telehealth_years" current year - telehealth.since (only when since is set)
//   "virtual_states"   sorted states where the therapist may see a client
//                      virtually (only when they offer telehealth)
#pragma once

#include <string>
#include <vector>

#include "compacts.h"
#include "error.h"
#include "profile.h"
#include "profile_store.h"

namespace rapport {

// True when the profile offers telehealth: a telehealth block with a mode.
[[nodiscard]] bool OffersTelehealth(const Profile& profile);

// States where `profile` may see a client virtually: licensed states plus every
// state a compact it holds covers (Compacts::CoveredStates), sorted and unique.
// Empty when the profile does not offer telehealth.
[[nodiscard]] std::vector<std::string> VirtualStates(const Profile& profile,
                                                     const Compacts& compacts);

// The public JSON of `stored`: its canonical JSON with "version",
// "telehealth_years" and "virtual_states" added. 500 if the stored JSON is not
// an object.
[[nodiscard]] Result<std::string> PublicProfileJson(const StoredProfile& stored,
                                                    const Compacts& compacts, int current_year);

}  // namespace rapport
