// PublicProfile: builds the public JSON of a stored profile (public_profile.h).
#include "public_profile.h"

#include <algorithm>
#include <set>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport {

bool OffersTelehealth(const Profile& profile) {
  return profile.telehealth.has_value() && !profile.telehealth->modes.empty();
}

std::vector<std::string> VirtualStates(const Profile& profile, const Compacts& compacts) {
  if (!OffersTelehealth(profile)) return {};
  std::set<std::string> states;
  for (const License& license : profile.licenses) {
    if (!license.state.empty()) states.insert(license.state);
  }
  for (const std::string& compact : profile.compacts) {
    for (std::string& state : compacts.CoveredStates(compact)) states.insert(std::move(state));
  }
  return {states.begin(), states.end()};
}

Result<std::string> PublicProfileJson(const StoredProfile& stored, const Compacts& compacts,
                                      int current_year) {
  rapidjson::Document doc;
  doc.Parse(stored.json.data(), stored.json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Error::Internal("stored JSON of profile '" + stored.profile.id + "' is not an object");
  }
  auto& allocator = doc.GetAllocator();
  for (const char* computed : {"version", "telehealth_years", "virtual_states"}) {
    doc.RemoveMember(computed);
  }
  doc.AddMember("version", rapidjson::Value(static_cast<int64_t>(stored.version)), allocator);
  const Profile& profile = stored.profile;
  if (profile.telehealth && profile.telehealth->since) {
    const int years = std::max(0, current_year - *profile.telehealth->since);
    doc.AddMember("telehealth_years", rapidjson::Value(years), allocator);
  }
  if (OffersTelehealth(profile)) {
    rapidjson::Value states(rapidjson::kArrayType);
    for (const std::string& state : VirtualStates(profile, compacts)) {
      states.PushBack(rapidjson::Value(state, allocator), allocator);
    }
    doc.AddMember("virtual_states", states, allocator);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace rapport
