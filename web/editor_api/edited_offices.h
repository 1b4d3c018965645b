// The editor's rule for offices[].geo_precision (docs/data.md "offices"): a
// precision says how an import placed a point, so it survives an editor's
// write only while the point stays where the import put it. Used by the
// editor API's create and update (not by the admin batch, which is an import).
#pragma once

#include "profile.h"

namespace rapport {

// Removes the geo_precision of every office of `edited` whose lat/lon are not
// those of an office of `stored` with the same precision (an editor who moved,
// added or typed a point placed it). `stored` is null for a new profile, so
// every precision is removed.
void DropEditorPlacedPrecisions(const Profile* stored, Profile* edited);

}  // namespace rapport
