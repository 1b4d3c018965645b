// What a search hit carries for the page's cards, through the real server:
// the insurance, licenses and virtual_states (license and compact states) of
// the profile it shows, equal to the profile answer's own, so a card can say
// "Licensed in CA" or "through a licensure compact" and name the insurance
// without a second request.
#include <doctest/doctest.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

std::string Flat(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

TEST_CASE("a hit carries its profile's insurance, licenses and virtual states") {
  const int port = SharedServer().port();
  rapidjson::Document hits = Json(Get(port, "/api/v1/search?virtual=true&state=CO&limit=30").body);
  REQUIRE(hits["results"].Size() > 0);
  int compact_only = 0;
  for (const auto& hit : hits["results"].GetArray()) {
    const std::string id = hit["id"].GetString();
    CAPTURE(id);
    rapidjson::Document profile = Json(Get(port, "/api/v1/therapists/" + id).body);
    for (const std::string field : {"insurance", "licenses", "virtual_states"}) {
      CAPTURE(field);
      REQUIRE(hit.HasMember(field.c_str()));
      // A profile leaves an empty list out; a hit writes it as [].
      const std::string shown =
          profile.HasMember(field.c_str()) ? Flat(profile[field.c_str()]) : std::string("[]");
      CHECK(Flat(hit[field.c_str()]) == shown);
    }
    bool licensed = false;
    for (const auto& license : hit["licenses"].GetArray()) {
      licensed = licensed || std::string(license["state"].GetString()) == "CO";
    }
    compact_only += licensed ? 0 : 1;
  }
  // Colorado is a PSYPACT state: some therapists there are online only by the compact.
  CHECK(compact_only > 0);
}

}  // namespace
}  // namespace rapport::testing
