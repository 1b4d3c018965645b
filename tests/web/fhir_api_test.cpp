// The read-only FHIR API (/fhir/, docs/interop.md §7) through the real server
// on the sample data: each interaction, errors as OperationOutcome (the
// dispatcher's too), paging that walks every match once, and searches whose
// answers equal /api/v1/search's for the same filters.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

std::string S(const rapidjson::Value& value) {
  REQUIRE(value.IsString());
  return value.GetString();
}

// A server whose public base is its own address, so links can be followed.
struct FhirServer {
  int port = FreeLoopbackPort();
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  ServerProcess server{SampleDataDir(), WithBase(kNoClientLimits), port};

  std::vector<std::string> WithBase(std::vector<std::string> args) const {
    args.insert(args.end(), {"--public-base-url", base});
    return args;
  }
};

FhirServer& Shared() {
  static FhirServer shared;
  return shared;
}

// The answer is an OperationOutcome with this status and issue code (and
// expression, when given).
void CheckOutcome(const HttpResult& result, int status, const std::string& code,
                  const std::string& expression = "") {
  CHECK_MESSAGE(result.status == status, "body: " << result.body.substr(0, 300));
  CHECK(result.Header("content-type").rfind("application/fhir+json", 0) == 0);
  rapidjson::Document doc = Json(result.body);
  REQUIRE(doc.IsObject());
  CHECK(S(doc["resourceType"]) == "OperationOutcome");
  REQUIRE(doc["issue"].Size() == 1);
  CHECK(S(doc["issue"][0]["severity"]) == "error");
  CHECK(S(doc["issue"][0]["code"]) == code);
  if (!expression.empty()) CHECK(S(doc["issue"][0]["expression"][0]) == expression);
}

// The entries of a searchset (none: no `entry`, as FHIR has no empty arrays).
std::vector<const rapidjson::Value*> Entries(const rapidjson::Value& bundle) {
  std::vector<const rapidjson::Value*> entries;
  if (!bundle.HasMember("entry")) return entries;
  for (const auto& entry : bundle["entry"].GetArray()) entries.push_back(&entry);
  return entries;
}

// Role ids and total of a FHIR search, every page followed through `next`.
struct Walk {
  std::vector<std::string> ids;
  long total = -1;
  int pages = 0;
};

Walk WalkFhir(const FhirServer& fhir, std::string target) {
  Walk walk;
  while (!target.empty()) {
    HttpResult page = Get(fhir.server.port(), target);
    REQUIRE_MESSAGE(page.status == 200, target << ": " << page.body.substr(0, 300));
    rapidjson::Document doc = Json(page.body);
    CHECK(S(doc["type"]) == "searchset");
    if (walk.total >= 0) CHECK(doc["total"].GetInt64() == walk.total);
    walk.total = doc["total"].GetInt64();
    if (!doc.HasMember("entry")) CHECK(walk.total == 0);
    for (const rapidjson::Value* entry : Entries(doc)) {
      if (S((*entry)["search"]["mode"]) != "match") continue;
      CHECK(S((*entry)["resource"]["resourceType"]) == "PractitionerRole");
      walk.ids.push_back(S((*entry)["resource"]["id"]));
    }
    target.clear();
    for (const auto& link : doc["link"].GetArray()) {
      if (S(link["relation"]) != "next") continue;
      const std::string url = S(link["url"]);
      REQUIRE(url.rfind(fhir.base, 0) == 0);
      target = url.substr(fhir.base.size());
    }
    ++walk.pages;
  }
  return walk;
}

Walk WalkJson(const FhirServer& fhir, const std::string& params, int page_size) {
  Walk walk;
  for (int offset = 0;; offset += page_size) {
    HttpResult page =
        Get(fhir.server.port(), "/api/v1/search?" + params + "&limit=" + std::to_string(page_size) +
                                    "&offset=" + std::to_string(offset));
    REQUIRE(page.status == 200);
    rapidjson::Document doc = Json(page.body);
    walk.total = doc["total"].GetInt64();
    for (const auto& hit : doc["results"].GetArray()) walk.ids.push_back(S(hit["id"]));
    ++walk.pages;
    if (offset + page_size >= walk.total) break;
  }
  return walk;
}

TEST_CASE("FHIR API: metadata is a CapabilityStatement in application/fhir+json") {
  FhirServer& fhir = Shared();
  HttpResult result = Get(fhir.server.port(), "/fhir/metadata");
  REQUIRE(result.status == 200);
  CHECK(result.Header("content-type").rfind("application/fhir+json", 0) == 0);
  CHECK(result.Header("access-control-allow-origin") == "*");
  rapidjson::Document doc = Json(result.body);
  CHECK(S(doc["resourceType"]) == "CapabilityStatement");
  CHECK(S(doc["fhirVersion"]) == "4.0.1");
  CHECK(S(doc["implementation"]["url"]) == fhir.base + "/fhir");
  CheckOutcome(Get(fhir.server.port(), "/fhir/metadata?_format=xml"), 406, "not-supported",
               "_format");
  CHECK(Get(fhir.server.port(), "/fhir/metadata?_format=application/fhir%2Bjson").status == 200);
}

TEST_CASE("FHIR API: reads of every resource a profile renders, equal to its JSON profile") {
  FhirServer& fhir = Shared();
  rapidjson::Document hits =
      Json(Get(fhir.server.port(), "/api/v1/search?in_person=true&insurance=aetna&limit=1").body);
  REQUIRE(hits["results"].Size() == 1);
  const std::string id = S(hits["results"][0]["id"]);
  rapidjson::Document profile = Json(Get(fhir.server.port(), "/api/v1/therapists/" + id).body);

  HttpResult practitioner = Get(fhir.server.port(), "/fhir/Practitioner/" + id);
  REQUIRE(practitioner.status == 200);
  CHECK(practitioner.Header("etag") ==
        "W/\"" + std::to_string(profile["version"].GetInt64()) + "\"");
  rapidjson::Document doc = Json(practitioner.body);
  CHECK(S(doc["id"]) == id);
  CHECK(S(doc["name"][0]["text"]) == S(profile["name"]));
  HttpResult again = Get(fhir.server.port(), "/fhir/Practitioner/" + id,
                         {{"If-None-Match", practitioner.Header("etag")}});
  CHECK(again.status == 304);

  rapidjson::Document role = Json(Get(fhir.server.port(), "/fhir/PractitionerRole/" + id).body);
  CHECK(S(role["resourceType"]) == "PractitionerRole");
  REQUIRE(role.HasMember("location"));
  REQUIRE(role.HasMember("healthcareService"));
  CHECK(role["location"].Size() == profile["offices"].Size());
  for (const auto& reference : role["location"].GetArray()) {
    HttpResult location = Get(fhir.server.port(), "/fhir/" + S(reference["reference"]));
    CHECK(location.status == 200);
  }
  for (const auto& reference : role["healthcareService"].GetArray()) {
    CHECK(Get(fhir.server.port(), "/fhir/" + S(reference["reference"])).status == 200);
  }
  const std::string payer = S(profile["insurance"][0]);
  CHECK(Get(fhir.server.port(), "/fhir/Organization/network-" + payer).status == 200);
  CHECK(Get(fhir.server.port(), "/fhir/Organization/payer-" + payer).status == 200);

  CheckOutcome(Get(fhir.server.port(), "/fhir/Practitioner/t-9999999"), 404, "not-found");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Location/" + id + "-office-99"), 404, "not-found");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Patient/" + id), 404, "not-found");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Organization/payer-nobody"), 404, "not-found");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Practitioner"), 400, "not-supported");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Practitioner/" + id + "?x=1"), 400, "not-supported",
               "x");
  HttpResult post = Request(fhir.server.port(), "POST", "/fhir/Practitioner/" + id);
  CheckOutcome(post, 405, "not-supported");
  CHECK(post.Header("allow").find("GET") != std::string::npos);
}

TEST_CASE("FHIR API: searches equal /api/v1/search for the same filters, every page once") {
  FhirServer& fhir = Shared();
  struct Case {
    std::string fhir;
    std::string json;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"specialty=101YM0800X", "profession=counselor"},
      {"specialty=http://nucc.org/provider-taxonomy%7C2084P0800X",
       "profession=psychiatrist&specialty=medication-management"},
      {"specialty=2084P0804X",
       "profession=psychiatrist&specialty=medication-management&population=children,preteens,"
       "teens"},
      {"specialty=101YM0800X,106H00000X", "profession=counselor,mft"},
      {"location.address-state=ca", "state=CA&in_person=true"},
      {"licensed-state=TX", "state=TX&virtual=true"},
      {"service.delivery-method=virtual&network=Organization/network-aetna",
       "virtual=true&insurance=aetna"},
      {"service.delivery-method=virtual&licensed-state=TX", "state=TX&virtual=true"},
      {"network=network-bcbs,network-cigna&specialty=1041C0700X",
       "insurance=bcbs,cigna&profession=social_worker"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.fhir);
    const Walk fhir_walk = WalkFhir(fhir, "/fhir/PractitionerRole?_count=7&" + c.fhir);
    const Walk json_walk = WalkJson(fhir, c.json, 7);
    CHECK(fhir_walk.total == json_walk.total);
    CHECK(fhir_walk.ids == json_walk.ids);
    CHECK(static_cast<long>(
              std::set<std::string>(fhir_walk.ids.begin(), fhir_walk.ids.end()).size()) ==
          fhir_walk.total);
  }
  // The shared walks above must have crossed pages for the paging to be tested.
  CHECK(WalkFhir(fhir, "/fhir/PractitionerRole?_count=7").pages > 2);
}

TEST_CASE("FHIR API: includes, self and previous links, capped _count") {
  FhirServer& fhir = Shared();
  rapidjson::Document doc =
      Json(Get(fhir.server.port(),
               "/fhir/PractitionerRole?_include=PractitionerRole:practitioner&_include="
               "PractitionerRole:location&_include=PractitionerRole:network&_count=5&_offset=5")
               .body);
  int matches = 0;
  std::set<std::string> seen;
  std::set<std::string> types;
  for (const auto& entry : doc["entry"].GetArray()) {
    CHECK(seen.insert(S(entry["fullUrl"])).second);
    CHECK(S(entry["fullUrl"]).rfind(fhir.base + "/fhir/", 0) == 0);
    if (S(entry["search"]["mode"]) == "match") ++matches;
    types.insert(S(entry["resource"]["resourceType"]));
  }
  CHECK(matches == 5);
  CHECK(types ==
        std::set<std::string>{"PractitionerRole", "Practitioner", "Location", "Organization"});
  std::map<std::string, std::string> links;
  for (const auto& link : doc["link"].GetArray()) links[S(link["relation"])] = S(link["url"]);
  CHECK(links["self"].find("_offset=5") != std::string::npos);
  CHECK(links["previous"].find("_offset") == std::string::npos);
  CHECK(links["next"].find("_offset=10") != std::string::npos);

  rapidjson::Document capped =
      Json(Get(fhir.server.port(), "/fhir/PractitionerRole?_count=500").body);
  const auto& entries = capped["entry"].GetArray();
  CHECK(S(entries[entries.Size() - 1]["search"]["mode"]) == "outcome");
  CHECK(S(entries[entries.Size() - 1]["resource"]["issue"][0]["severity"]) == "warning");
  CHECK(entries.Size() == 101);
}

TEST_CASE("FHIR API: bad parameters are OperationOutcomes naming the parameter") {
  FhirServer& fhir = Shared();
  const int port = fhir.server.port();
  CheckOutcome(Get(port, "/fhir/PractitionerRole?_count=abc"), 400, "invalid", "_count");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?_offset=20000"), 400, "too-costly", "_offset");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?specialty=207Q00000X"), 400, "code-invalid",
               "specialty");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?specialty=2084P0804X,101YM0800X"), 400,
               "not-supported", "specialty");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?location.address-state=ZZ"), 400, "invalid",
               "location.address-state");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?network=network-nobody"), 400, "invalid",
               "network");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?name=Smith"), 400, "not-supported", "name");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?specialty:exact=101YM0800X"), 400, "not-supported",
               "specialty:exact");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?licensed-state=CA&location.address-state=CA"), 400,
               "not-supported", "licensed-state");
  CheckOutcome(
      Get(port, "/fhir/PractitionerRole?service.delivery-method=physical&licensed-state=TX"), 400,
      "not-supported");
  CheckOutcome(Get(port, "/fhir/Nothing/here/at-all"), 404, "not-found");
  CheckOutcome(Get(port, "/fhir/PractitionerRole?_include=PractitionerRole:endpoint"), 400,
               "not-supported", "_include");
  HttpResult lenient =
      Get(port, "/fhir/PractitionerRole?name=Smith", {{"Prefer", "handling=lenient"}});
  REQUIRE(lenient.status == 200);
  rapidjson::Document doc = Json(lenient.body);
  const auto& entries = doc["entry"].GetArray();
  CHECK(S(entries[entries.Size() - 1]["resource"]["issue"][0]["expression"][0]) == "name");
}

TEST_CASE("FHIR API: the dispatcher's rate limit answers an OperationOutcome") {
  ServerProcess server(SampleDataDir(), {"--anon-rate", "1", "--anon-burst", "1"});
  HttpResult limited;
  for (int i = 0; i < 5 && limited.status != 429; ++i) {
    limited = Get(server.port(), "/fhir/metadata");
  }
  CheckOutcome(limited, 429, "throttled");
  CHECK(!limited.Header("retry-after").empty());
}

// The match entries of a search by id: "Type/id" each, and the total.
struct Matches {
  long total = -1;
  std::vector<std::string> keys;
  std::set<std::string> included;             // "Type/id" of include entries
  std::map<std::string, std::string> bodies;  // match resources' JSON by key
};

Matches SearchById(const FhirServer& fhir, const std::string& target) {
  HttpResult result = Get(fhir.server.port(), target);
  REQUIRE_MESSAGE(result.status == 200, target << ": " << result.body.substr(0, 300));
  CHECK(result.Header("content-type").rfind("application/fhir+json", 0) == 0);
  rapidjson::Document doc = Json(result.body);
  CHECK(S(doc["type"]) == "searchset");
  Matches matches;
  matches.total = doc["total"].GetInt64();
  for (const rapidjson::Value* entry : Entries(doc)) {
    const auto& resource = (*entry)["resource"];
    const std::string key = S(resource["resourceType"]) + "/" + S(resource["id"]);
    if (S((*entry)["search"]["mode"]) == "include") matches.included.insert(key);
    if (S((*entry)["search"]["mode"]) != "match") continue;
    matches.keys.push_back(key);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    resource.Accept(writer);
    matches.bodies[key] = buffer.GetString();
  }
  return matches;
}

// The JSON of the resource GET /fhir/{key} reads, re-serialised as SearchById does.
std::string ReadBody(const FhirServer& fhir, const std::string& key) {
  HttpResult read = Get(fhir.server.port(), "/fhir/" + key);
  REQUIRE(read.status == 200);
  rapidjson::Document doc = Json(read.body);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

// Two published profiles of the sample with an NPI and an office each, from
// the JSON API.
std::vector<rapidjson::Document> ProfilesWithNpi(const FhirServer& fhir) {
  rapidjson::Document hits =
      Json(Get(fhir.server.port(), "/api/v1/search?in_person=true&limit=20").body);
  std::vector<rapidjson::Document> found;
  for (const auto& hit : hits["results"].GetArray()) {
    rapidjson::Document profile =
        Json(Get(fhir.server.port(), "/api/v1/therapists/" + S(hit["id"])).body);
    if (profile.HasMember("npi") && found.size() < 2) found.push_back(std::move(profile));
  }
  REQUIRE(found.size() == 2);
  return found;
}

TEST_CASE("FHIR API: Practitioner?identifier= finds a profile by NPI, with or without system") {
  FhirServer& fhir = Shared();
  const auto profiles = ProfilesWithNpi(fhir);
  const std::string id = S(profiles[0]["id"]);
  const std::string npi = S(profiles[0]["npi"]);
  const std::string key = "Practitioner/" + id;
  for (const std::string& value : {"http://hl7.org/fhir/sid/us-npi%7C" + npi, npi}) {
    CAPTURE(value);
    const Matches found = SearchById(fhir, "/fhir/Practitioner?identifier=" + value);
    CHECK(found.total == 1);
    REQUIRE(found.keys == std::vector<std::string>{key});
    CHECK(found.bodies.at(key) == ReadBody(fhir, key));
  }
  const std::string other = S(profiles[1]["npi"]);
  const Matches both = SearchById(fhir, "/fhir/Practitioner?identifier=" + npi + "," + other);
  CHECK(both.keys == std::vector<std::string>{key, "Practitioner/" + S(profiles[1]["id"])});
  // A valid NPI no profile holds: an empty searchset, no entry.
  const std::string unknown = npi == "1234567893" ? "2345678900" : "1234567893";
  const Matches none = SearchById(fhir, "/fhir/Practitioner?identifier=" + unknown);
  CHECK(none.total == 0);
  CHECK(none.keys.empty());
  // A wrong check digit is a bad value, not an empty answer.
  std::string wrong = npi;
  wrong.back() = wrong.back() == '9' ? '0' : static_cast<char>(wrong.back() + 1);
  for (const auto handling : {"", "handling=lenient"}) {
    CheckOutcome(
        Get(fhir.server.port(), "/fhir/Practitioner?identifier=" + wrong, {{"Prefer", handling}}),
        400, "invalid", "identifier");
  }
  CheckOutcome(Get(fhir.server.port(), "/fhir/Practitioner?identifier=http://example.org%7C" + npi),
               400, "code-invalid", "identifier");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Practitioner?identifier=" + npi + "&_id=" + id), 400,
               "not-supported");
}

TEST_CASE("FHIR API: _id on Practitioner, PractitionerRole and Location") {
  FhirServer& fhir = Shared();
  const auto profiles = ProfilesWithNpi(fhir);
  const std::string id = S(profiles[0]["id"]);
  const std::string second = S(profiles[1]["id"]);
  for (const std::string type : {"Practitioner", "PractitionerRole"}) {
    CAPTURE(type);
    const Matches found = SearchById(fhir, "/fhir/" + type + "?_id=" + id + "," + second);
    CHECK(found.total == 2);
    REQUIRE(found.keys == std::vector<std::string>{type + "/" + id, type + "/" + second});
    CHECK(found.bodies.at(type + "/" + id) == ReadBody(fhir, type + "/" + id));
    CHECK(SearchById(fhir, "/fhir/" + type + "?_id=t-9999999").total == 0);
  }
  const std::string office = "Location/" + id + "-office-1";
  const Matches location = SearchById(fhir, "/fhir/Location?_id=" + id + "-office-1");
  REQUIRE(location.keys == std::vector<std::string>{office});
  CHECK(location.bodies.at(office) == ReadBody(fhir, office));
  for (const std::string& unknown : {id + "-office-99", id, std::string("t-9999999-office-1")}) {
    CHECK(SearchById(fhir, "/fhir/Location?_id=" + unknown).total == 0);
  }
  // Paging over the named resources.
  const Matches first_page =
      SearchById(fhir, "/fhir/Practitioner?_id=" + id + "," + second + "&_count=1");
  CHECK(first_page.total == 2);
  CHECK(first_page.keys == std::vector<std::string>{"Practitioner/" + id});
  const Matches second_page =
      SearchById(fhir, "/fhir/Practitioner?_id=" + id + "," + second + "&_count=1&_offset=1");
  CHECK(second_page.keys == std::vector<std::string>{"Practitioner/" + second});
  CheckOutcome(Get(fhir.server.port(), "/fhir/Location?_id="), 400, "invalid", "_id");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Location?address-city=Austin"), 400, "not-supported",
               "address-city");
  CheckOutcome(Get(fhir.server.port(), "/fhir/Practitioner?_id=" + id + "&_include=x"), 400,
               "not-supported", "_include");
  HttpResult lenient = Get(fhir.server.port(), "/fhir/Practitioner?_id=" + id + "&family=x",
                           {{"Prefer", "handling=lenient"}});
  REQUIRE(lenient.status == 200);
  rapidjson::Document doc = Json(lenient.body);
  const auto entries = Entries(doc);
  REQUIRE(entries.size() == 2);
  CHECK(S((*entries[1])["resource"]["issue"][0]["expression"][0]) == "family");
}

TEST_CASE("FHIR API: PractitionerRole?practitioner= gives the role of one profile, with includes") {
  FhirServer& fhir = Shared();
  const auto profiles = ProfilesWithNpi(fhir);
  const std::string id = S(profiles[0]["id"]);
  for (const std::string& reference : {"Practitioner/" + id, id}) {
    CAPTURE(reference);
    const Matches found = SearchById(
        fhir, "/fhir/PractitionerRole?practitioner=" + reference +
                  "&_include=PractitionerRole:practitioner&_include=PractitionerRole:location");
    REQUIRE(found.keys == std::vector<std::string>{"PractitionerRole/" + id});
    CHECK(found.included.count("Practitioner/" + id) == 1);
    CHECK(found.included.count("Location/" + id + "-office-1") == 1);
  }
  CHECK(SearchById(fhir, "/fhir/PractitionerRole?practitioner=Practitioner/t-9999999").total == 0);
  CheckOutcome(Get(fhir.server.port(), "/fhir/PractitionerRole?practitioner=Organization/x"), 400,
               "invalid", "practitioner");
  CheckOutcome(Get(fhir.server.port(),
                   "/fhir/PractitionerRole?practitioner=" + id + "&specialty=101YM0800X"),
               400, "not-supported");
}

TEST_CASE("FHIR API: the CapabilityStatement lists the searches by id and NPI") {
  FhirServer& fhir = Shared();
  rapidjson::Document doc = Json(Get(fhir.server.port(), "/fhir/metadata").body);
  std::map<std::string, std::set<std::string>> params;
  for (const auto& resource : doc["rest"][0]["resource"].GetArray()) {
    if (!resource.HasMember("searchParam")) continue;
    for (const auto& param : resource["searchParam"].GetArray()) {
      params[S(resource["type"])].insert(S(param["name"]));
    }
  }
  CHECK(params["Practitioner"].count("identifier") == 1);
  CHECK(params["Practitioner"].count("_id") == 1);
  CHECK(params["PractitionerRole"].count("_id") == 1);
  CHECK(params["PractitionerRole"].count("practitioner") == 1);
  CHECK(params["Location"].count("_id") == 1);
  rapidjson::Document openapi = Json(Get(fhir.server.port(), "/openapi.json").body);
  CHECK(openapi["paths"].HasMember("/fhir/Practitioner"));
  CHECK(openapi["paths"].HasMember("/fhir/Location"));
}

}  // namespace
}  // namespace rapport::testing
