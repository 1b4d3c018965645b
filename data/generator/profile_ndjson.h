// ProfileNdjson: one generated profile as a JSON object in DESIGN.md §2 field
// order, leaving out fields that are not set.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "profile.h"

namespace rapport::generator {

void WriteProfileJson(const Profile& profile, rapidjson::Writer<rapidjson::StringBuffer>* writer);

}  // namespace rapport::generator
