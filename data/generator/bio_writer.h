// BioWriter: a short first-person (sometimes third-person) bio written from
// the profile's own specialties, modalities and populations, using the
// vocabulary labels, so that full-text search over bios is meaningful.
#pragma once

#include <string>

#include "catalog.h"
#include "prng.h"
#include "profile.h"

namespace rapport::generator {

// Two to five sentences. Uses every field of `profile` except bio.
std::string WriteBio(Prng& prng, const Catalog& catalog, const Profile& profile);

}  // namespace rapport::generator
