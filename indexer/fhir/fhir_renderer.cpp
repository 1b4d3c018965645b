// Profile -> FHIR R4 resources (fhir_renderer.h, docs/interop.md §6).
#include "fhir_renderer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::string_view kCurrency = "USD";
constexpr std::string_view kCountry = "US";

// One profile list field, its vocabulary facet and Rapport's extension and
// code system for it on the PractitionerRole (§6.1).
struct RoleFacet {
  const char* field;
  const char* facet;
  const char* extension;
  const char* code_system;
};
constexpr RoleFacet kRoleFacets[] = {
    {"modalities", "modality", "modality", "modality"},
    {"specialties", "specialty", "clinical-focus", "specialty"},
    {"populations", "population", "population", "population"},
    {"session_formats", "session_format", "session-format", "session-format"},
};

// Plan-Net's role code of each profession (ProviderRoleCS).
struct ProfessionRole {
  const char* profession;
  const char* role_code;
};
constexpr ProfessionRole kProfessionRoles[] = {
    {"counselor", "co"}, {"social_worker", "sw"}, {"psychologist", "py"},
    {"mft", "mt"},       {"psychiatrist", "ph"},  {"psychiatric_np", "crnp"},
};

// Telehealth modes Plan-Net's VirtualModalitiesCS has codes for; others go in
// Rapport's telehealth-mode extension.
constexpr const char* kPlanNetVirtualModes[] = {"video", "phone"};

std::string_view Str(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::vector<std::string_view> StrList(const rapidjson::Value& object, const char* name) {
  std::vector<std::string_view> list;
  if (!object.IsObject()) return list;
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsArray()) return list;
  for (const auto& item : it->value.GetArray()) {
    if (item.IsString()) list.emplace_back(item.GetString(), item.GetStringLength());
  }
  return list;
}

const rapidjson::Value* Member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

void Key(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}
void Text(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}
void Field(Writer& w, std::string_view key, std::string_view text) {
  Key(w, key);
  Text(w, text);
}

void Coding(Writer& w, std::string_view system, std::string_view code, std::string_view display) {
  w.StartObject();
  Field(w, "system", system);
  Field(w, "code", code);
  if (!display.empty()) Field(w, "display", display);
  w.EndObject();
}

// {"coding":[{system, code, display}]} with an optional text.
void Concept(Writer& w, std::string_view system, std::string_view code, std::string_view display,
             std::string_view text = {}) {
  w.StartObject();
  Key(w, "coding");
  w.StartArray();
  Coding(w, system, code, display);
  w.EndArray();
  if (!text.empty()) Field(w, "text", text);
  w.EndObject();
}

void Reference(Writer& w, std::string_view type, std::string_view id,
               std::string_view display = {}) {
  w.StartObject();
  Field(w, "reference", std::string(type) + "/" + std::string(id));
  if (!display.empty()) Field(w, "display", display);
  w.EndObject();
}

// {"url":url,"valueX":...} for a string-like value.
void StringExtension(Writer& w, std::string_view url, std::string_view value_type,
                     std::string_view value) {
  w.StartObject();
  Field(w, "url", url);
  Field(w, value_type, value);
  w.EndObject();
}

void CodingExtension(Writer& w, std::string_view url, std::string_view system,
                     std::string_view code, std::string_view display) {
  w.StartObject();
  Field(w, "url", url);
  Key(w, "valueCoding");
  Coding(w, system, code, display);
  w.EndObject();
}

void Meta(Writer& w, const rapidjson::Value& profile, std::string_view claimed_profile) {
  Key(w, "meta");
  w.StartObject();
  if (const auto* version = Member(profile, "version"); version && version->IsInt64()) {
    Field(w, "versionId", std::to_string(version->GetInt64()));
  }
  if (auto updated = Str(profile, "updated_at"); !updated.empty()) {
    Field(w, "lastUpdated", updated);
  }
  if (!claimed_profile.empty()) {
    Key(w, "profile");
    w.StartArray();
    Text(w, FhirUrls::PlanNet(claimed_profile));
    w.EndArray();
  }
  w.EndObject();
}

void Begin(Writer& w, std::string_view type, std::string_view id) {
  w.StartObject();
  Field(w, "resourceType", type);
  Field(w, "id", id);
}

FhirResource Finish(Writer& w, rapidjson::StringBuffer& buffer, std::string type, std::string id) {
  w.EndObject();
  return {std::move(type), std::move(id), {buffer.GetString(), buffer.GetSize()}};
}

// FHIR's administrative gender of a Rapport gender (§6: non-binary → other).
std::string_view FhirGender(std::string_view gender) {
  if (gender == "female" || gender == "male") return gender;
  return "other";
}

const char* RoleCode(std::string_view profession) {
  for (const auto& entry : kProfessionRoles) {
    if (profession == entry.profession) return entry.role_code;
  }
  return nullptr;
}

bool IsPlanNetVirtualMode(std::string_view mode) {
  for (const char* known : kPlanNetVirtualModes) {
    if (mode == known) return true;
  }
  return false;
}

// The name split for other clients: family = last word, given = the words
// before (a best effort, §6; `text` is what Rapport reads back).
void HumanName(Writer& w, std::string_view name, const std::vector<std::string_view>& suffixes) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start < name.size()) {
    size_t end = name.find(' ', start);
    if (end == std::string_view::npos) end = name.size();
    if (end > start) words.push_back(name.substr(start, end - start));
    start = end + 1;
  }
  w.StartObject();
  Field(w, "use", "official");
  Field(w, "text", name);
  if (!words.empty()) {
    Field(w, "family", words.back());
    if (words.size() > 1) {
      Key(w, "given");
      w.StartArray();
      for (size_t i = 0; i + 1 < words.size(); ++i) Text(w, words[i]);
      w.EndArray();
    }
  }
  if (!suffixes.empty()) {
    Key(w, "suffix");
    w.StartArray();
    for (auto suffix : suffixes) Text(w, suffix);
    w.EndArray();
  }
  w.EndObject();
}

void ContactPoint(Writer& w, std::string_view system, std::string_view value,
                  std::string_view purpose_url = {}) {
  w.StartObject();
  if (!purpose_url.empty()) {
    Key(w, "extension");
    w.StartArray();
    StringExtension(w, purpose_url, "valueCode", "booking");
    w.EndArray();
  }
  Field(w, "system", system);
  Field(w, "value", value);
  Field(w, "use", "work");
  w.EndObject();
}

void Specialty(Writer& w, const NuccCode* code) {
  Key(w, "specialty");
  w.StartArray();
  if (code) Concept(w, kNuccSystem, code->code, code->display);
  w.EndArray();
}

}  // namespace

namespace {

constexpr std::string_view kOfficeMarker = "-office-";
constexpr std::string_view kInPersonSuffix = "-in-person";
constexpr std::string_view kVirtualSuffix = "-virtual";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string LocationId(std::string_view profile_id, size_t office_index) {
  return std::string(profile_id) + std::string(kOfficeMarker) + std::to_string(office_index + 1);
}
std::string InPersonServiceId(std::string_view profile_id) {
  return std::string(profile_id) + std::string(kInPersonSuffix);
}
std::string VirtualServiceId(std::string_view profile_id) {
  return std::string(profile_id) + std::string(kVirtualSuffix);
}
std::string PayerOrganizationId(std::string_view slug) {
  return std::string(kPayerIdPrefix) + std::string(slug);
}
std::string NetworkOrganizationId(std::string_view slug) {
  return std::string(kNetworkIdPrefix) + std::string(slug);
}

std::string ProfileIdOf(std::string_view type, std::string_view id) {
  if (type == "Practitioner" || type == "PractitionerRole") return std::string(id);
  if (type == "Location") {
    const size_t marker = id.rfind(kOfficeMarker);
    return marker == std::string_view::npos ? "" : std::string(id.substr(0, marker));
  }
  if (type == "HealthcareService") {
    for (auto suffix : {kInPersonSuffix, kVirtualSuffix}) {
      if (EndsWith(id, suffix)) return std::string(id.substr(0, id.size() - suffix.size()));
    }
  }
  return "";
}

FhirRenderer::FhirRenderer(const Vocabulary& vocabulary, const NuccTaxonomy& taxonomy,
                           const FhirUrls& urls)
    : vocabulary_(vocabulary), taxonomy_(taxonomy), urls_(urls) {}

namespace {

// Everything Render needs while it writes one profile's resources.
struct RenderContext {
  const rapidjson::Value& profile;
  std::string id;
  std::string name;
  const NuccCode* specialty;
  const Vocabulary& vocabulary;
  const FhirUrls& urls;
};

void Qualifications(Writer& w, const RenderContext& c) {
  const rapidjson::Value* licenses = Member(c.profile, "licenses");
  const auto compacts = StrList(c.profile, "compacts");
  const bool any_license = licenses && licenses->IsArray() && !licenses->Empty();
  if (!any_license && compacts.empty()) return;
  Key(w, "qualification");
  w.StartArray();
  if (any_license) {
    for (const auto& license : licenses->GetArray()) {
      w.StartObject();
      Key(w, "extension");
      w.StartArray();
      w.StartObject();
      Field(w, "url", FhirUrls::PlanNet("practitioner-qualification"));
      Key(w, "extension");
      w.StartArray();
      StringExtension(w, "status", "valueCode", "active");
      w.StartObject();
      Field(w, "url", "whereValid");
      Key(w, "valueCodeableConcept");
      Concept(w, kUspsSystem, Str(license, "state"), {});
      w.EndObject();
      w.EndArray();
      w.EndObject();
      w.EndArray();
      if (auto number = Str(license, "number"); !number.empty()) {
        Key(w, "identifier");
        w.StartArray();
        w.StartObject();
        Field(w, "value", number);
        w.EndObject();
        w.EndArray();
      }
      Key(w, "code");
      const std::string_view type = Str(license, "type");
      if (c.specialty) {
        Concept(w, kNuccSystem, c.specialty->code, c.specialty->display, type);
      } else {
        w.StartObject();
        Field(w, "text", type.empty() ? std::string_view("license") : type);
        w.EndObject();
      }
      w.EndObject();
    }
  }
  for (auto compact : compacts) {
    w.StartObject();
    Key(w, "code");
    Concept(w, c.urls.CodeSystem("compact"), compact, {});
    w.EndObject();
  }
  w.EndArray();
}

FhirResource Practitioner(const RenderContext& c) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  Begin(w, "Practitioner", c.id);
  Meta(w, c.profile, "plannet-Practitioner");
  const std::string_view pronouns = Str(c.profile, "pronouns");
  const std::string_view gender = Str(c.profile, "gender");
  const std::string_view bio = Str(c.profile, "bio");
  const std::string_view verified = Str(c.profile, "verified_at");
  if (!pronouns.empty() || !gender.empty() || !bio.empty() || !verified.empty()) {
    Key(w, "extension");
    w.StartArray();
    if (!pronouns.empty()) {
      StringExtension(w, c.urls.Extension("pronouns"), "valueString", pronouns);
    }
    if (!gender.empty()) StringExtension(w, c.urls.Extension("gender"), "valueCode", gender);
    if (!bio.empty()) StringExtension(w, c.urls.Extension("bio"), "valueMarkdown", bio);
    if (!verified.empty()) {
      StringExtension(w, c.urls.Extension("verified"), "valueDateTime", verified);
    }
    w.EndArray();
  }
  Key(w, "identifier");
  w.StartArray();
  if (auto npi = Str(c.profile, "npi"); !npi.empty()) {
    w.StartObject();
    Field(w, "system", kNpiSystem);
    Field(w, "value", npi);
    w.EndObject();
  }
  w.StartObject();
  Field(w, "system", c.urls.ProfileIdSystem());
  Field(w, "value", c.id);
  w.EndObject();
  w.EndArray();
  Key(w, "active");
  w.Bool(true);
  Key(w, "name");
  w.StartArray();
  HumanName(w, c.name, StrList(c.profile, "credentials"));
  w.EndArray();
  const rapidjson::Value* contact = Member(c.profile, "contact");
  const std::string_view phone = contact ? Str(*contact, "phone") : std::string_view();
  const std::string_view email = contact ? Str(*contact, "email") : std::string_view();
  if (!phone.empty() || !email.empty()) {
    Key(w, "telecom");
    w.StartArray();
    if (!phone.empty()) ContactPoint(w, "phone", phone);
    if (!email.empty()) ContactPoint(w, "email", email);
    w.EndArray();
  }
  if (!gender.empty()) Field(w, "gender", FhirGender(gender));
  Qualifications(w, c);
  if (const auto languages = StrList(c.profile, "languages"); !languages.empty()) {
    Key(w, "communication");
    w.StartArray();
    for (auto language : languages) {
      Concept(w, kLanguageSystem, language, c.vocabulary.Label("language", language));
    }
    w.EndArray();
  }
  return Finish(w, buffer, "Practitioner", c.id);
}

void RoleExtensions(Writer& w, const RenderContext& c) {
  Key(w, "extension");
  w.StartArray();
  if (const auto* accepting = Member(c.profile, "accepting_new_clients");
      accepting && accepting->IsBool()) {
    w.StartObject();
    Field(w, "url", FhirUrls::PlanNet("newpatients"));
    Key(w, "extension");
    w.StartArray();
    w.StartObject();
    Field(w, "url", "acceptingPatients");
    Key(w, "valueCodeableConcept");
    Concept(w, FhirUrls::PlanNetCodeSystem("AcceptingPatientsCS"),
            accepting->GetBool() ? "newpt" : "nopt", {});
    w.EndObject();
    w.EndArray();
    w.EndObject();
  }
  for (auto payer : StrList(c.profile, "insurance")) {
    w.StartObject();
    Field(w, "url", FhirUrls::PlanNet("network-reference"));
    Key(w, "valueReference");
    Reference(w, "Organization", NetworkOrganizationId(payer),
              c.vocabulary.Label("insurance", payer));
    w.EndObject();
  }
  if (auto confirmed = Str(c.profile, "availability_confirmed_at"); !confirmed.empty()) {
    StringExtension(w, c.urls.Extension("availability-confirmed"), "valueDateTime", confirmed);
  }
  for (const auto& facet : kRoleFacets) {
    for (auto value : StrList(c.profile, facet.field)) {
      CodingExtension(w, c.urls.Extension(facet.extension), c.urls.CodeSystem(facet.code_system),
                      value, c.vocabulary.Label(facet.facet, value));
    }
  }
  if (const auto* fee = Member(c.profile, "fee"); fee && fee->IsObject()) {
    w.StartObject();
    Field(w, "url", c.urls.Extension("fee"));
    Key(w, "extension");
    w.StartArray();
    for (const char* bound : {"min", "max"}) {
      if (const auto* amount = Member(*fee, bound); amount && amount->IsInt()) {
        w.StartObject();
        Field(w, "url", bound);
        Key(w, "valueMoney");
        w.StartObject();
        Key(w, "value");
        w.Int(amount->GetInt());
        Field(w, "currency", kCurrency);
        w.EndObject();
        w.EndObject();
      }
    }
    if (const auto* sliding = Member(*fee, "sliding_scale"); sliding && sliding->IsBool()) {
      w.StartObject();
      Field(w, "url", "sliding-scale");
      Key(w, "valueBoolean");
      w.Bool(sliding->GetBool());
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

size_t OfficeCount(const rapidjson::Value& profile) {
  const auto* offices = Member(profile, "offices");
  return offices && offices->IsArray() ? offices->Size() : 0;
}

bool HasTelehealth(const rapidjson::Value& profile) {
  const auto* telehealth = Member(profile, "telehealth");
  return telehealth && telehealth->IsObject();
}

FhirResource Role(const RenderContext& c) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  Begin(w, "PractitionerRole", c.id);
  // No Plan-Net profile claimed: one role carries every network (§10, question 1).
  Meta(w, c.profile, {});
  RoleExtensions(w, c);
  Key(w, "active");
  w.Bool(true);
  Key(w, "practitioner");
  Reference(w, "Practitioner", c.id, c.name);
  if (const char* role_code = RoleCode(Str(c.profile, "profession"))) {
    Key(w, "code");
    w.StartArray();
    Concept(w, FhirUrls::PlanNetCodeSystem("ProviderRoleCS"), role_code,
            c.vocabulary.Label("profession", Str(c.profile, "profession")));
    w.EndArray();
  }
  Specialty(w, c.specialty);
  const size_t offices = OfficeCount(c.profile);
  if (offices > 0) {
    Key(w, "location");
    w.StartArray();
    for (size_t i = 0; i < offices; ++i) Reference(w, "Location", LocationId(c.id, i));
    w.EndArray();
  }
  if (offices > 0 || HasTelehealth(c.profile)) {
    Key(w, "healthcareService");
    w.StartArray();
    if (offices > 0) Reference(w, "HealthcareService", InPersonServiceId(c.id));
    if (HasTelehealth(c.profile)) Reference(w, "HealthcareService", VirtualServiceId(c.id));
    w.EndArray();
  }
  const rapidjson::Value* contact = Member(c.profile, "contact");
  if (contact) {
    Key(w, "telecom");
    w.StartArray();
    if (auto phone = Str(*contact, "phone"); !phone.empty()) ContactPoint(w, "phone", phone);
    if (auto website = Str(*contact, "website"); !website.empty()) {
      ContactPoint(w, "url", website);
    }
    if (auto booking = Str(*contact, "booking_url"); !booking.empty()) {
      ContactPoint(w, "url", booking, c.urls.Extension("contact-purpose"));
    }
    w.EndArray();
  }
  return Finish(w, buffer, "PractitionerRole", c.id);
}

FhirResource Location(const RenderContext& c, const rapidjson::Value& office, size_t index) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  const std::string id = LocationId(c.id, index);
  Begin(w, "Location", id);
  Meta(w, c.profile, "plannet-Location");
  Field(w, "status", "active");
  const std::string_view city = Str(office, "city");
  Field(w, "name", city.empty() ? c.name : c.name + ", " + std::string(city));
  Key(w, "address");
  w.StartObject();
  if (!city.empty()) Field(w, "city", city);
  if (auto state = Str(office, "state"); !state.empty()) Field(w, "state", state);
  if (auto zip = Str(office, "zip"); !zip.empty()) Field(w, "postalCode", zip);
  Field(w, "country", kCountry);
  w.EndObject();
  const auto* lat = Member(office, "lat");
  const auto* lon = Member(office, "lon");
  if (lat && lon && lat->IsNumber() && lon->IsNumber()) {
    Key(w, "position");
    w.StartObject();
    // How exact the point is (zip and city are approximate), as Rapport's
    // geo-precision extension: read back by the FHIR import.
    if (auto precision = Str(office, "geo_precision"); !precision.empty()) {
      Key(w, "extension");
      w.StartArray();
      StringExtension(w, c.urls.Extension("geo-precision"), "valueCode", precision);
      w.EndArray();
    }
    Key(w, "longitude");
    w.Double(lon->GetDouble());
    Key(w, "latitude");
    w.Double(lat->GetDouble());
    w.EndObject();
  }
  return Finish(w, buffer, "Location", id);
}

// The delivery-method extension: type physical or virtual, with the
// virtual modalities Plan-Net has codes for.
void DeliveryMethod(Writer& w, std::string_view type, const std::vector<std::string_view>& modes) {
  w.StartObject();
  Field(w, "url", FhirUrls::PlanNet("delivery-method"));
  Key(w, "extension");
  w.StartArray();
  w.StartObject();
  Field(w, "url", "type");
  Key(w, "valueCodeableConcept");
  Concept(w, FhirUrls::PlanNetCodeSystem("DeliveryMethodCS"), type, {});
  w.EndObject();
  for (auto mode : modes) {
    if (!IsPlanNetVirtualMode(mode)) continue;
    w.StartObject();
    Field(w, "url", "virtualModalities");
    Key(w, "valueCodeableConcept");
    Concept(w, FhirUrls::PlanNetCodeSystem("VirtualModalitiesCS"), mode, {});
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void TelehealthExtensions(Writer& w, const RenderContext& c, const rapidjson::Value& telehealth) {
  for (auto mode : StrList(telehealth, "modes")) {
    if (IsPlanNetVirtualMode(mode)) continue;
    CodingExtension(w, c.urls.Extension("telehealth-mode"), c.urls.CodeSystem("mode"), mode,
                    c.vocabulary.Label("mode", mode));
  }
  if (const auto* since = Member(telehealth, "since"); since && since->IsInt()) {
    w.StartObject();
    Field(w, "url", c.urls.Extension("telehealth-since"));
    Key(w, "valueInteger");
    w.Int(since->GetInt());
    w.EndObject();
  }
  for (auto platform : StrList(telehealth, "platforms")) {
    CodingExtension(w, c.urls.Extension("telehealth-platform"), c.urls.CodeSystem("platform"),
                    platform, c.vocabulary.Label("platform", platform));
  }
  for (auto device : StrList(telehealth, "devices")) {
    CodingExtension(w, c.urls.Extension("telehealth-device"), c.urls.CodeSystem("device"), device,
                    c.vocabulary.Label("device", device));
  }
  if (const auto* group = Member(telehealth, "group_therapy"); group && group->IsBool()) {
    w.StartObject();
    Field(w, "url", c.urls.Extension("telehealth-group-therapy"));
    Key(w, "valueBoolean");
    w.Bool(group->GetBool());
    w.EndObject();
  }
}

// The in-person service (`telehealth` null) or the virtual one.
FhirResource Service(const RenderContext& c, const rapidjson::Value* telehealth) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  const std::string id = telehealth ? VirtualServiceId(c.id) : InPersonServiceId(c.id);
  Begin(w, "HealthcareService", id);
  Meta(w, c.profile, "plannet-HealthcareService");
  Key(w, "extension");
  w.StartArray();
  if (telehealth) {
    DeliveryMethod(w, "virtual", StrList(*telehealth, "modes"));
    TelehealthExtensions(w, c, *telehealth);
  } else {
    DeliveryMethod(w, "physical", {});
  }
  w.EndArray();
  Key(w, "active");
  w.Bool(true);
  Key(w, "providedBy");
  w.StartObject();
  Field(w, "display", c.name);
  w.EndObject();
  Key(w, "category");
  w.StartArray();
  Concept(w, FhirUrls::PlanNetCodeSystem("HealthcareServiceCategoryCS"), "behav",
          "Behavioral Health");
  w.EndArray();
  Specialty(w, c.specialty);
  if (!telehealth) {
    Key(w, "location");
    w.StartArray();
    for (size_t i = 0; i < OfficeCount(c.profile); ++i) {
      Reference(w, "Location", LocationId(c.id, i));
    }
    w.EndArray();
  }
  Field(w, "name", c.name + (telehealth ? " (telehealth)" : " (in person)"));
  return Finish(w, buffer, "HealthcareService", id);
}

}  // namespace

Result<RenderedProfile> FhirRenderer::Render(const rapidjson::Value& profile) const {
  const std::string_view id = Str(profile, "id");
  if (id.empty()) return Error::Internal("a profile to render as FHIR has no id");
  const std::string_view profession = Str(profile, "profession");
  const RenderContext context{profile,
                              std::string(id),
                              std::string(Str(profile, "name")),
                              taxonomy_.ExportDefault(profession),
                              vocabulary_,
                              urls_};
  RenderedProfile rendered;
  rendered.practitioner = Practitioner(context);
  rendered.role = Role(context);
  if (const auto* offices = Member(profile, "offices"); offices && offices->IsArray()) {
    size_t index = 0;
    for (const auto& office : offices->GetArray()) {
      rendered.locations.push_back(Location(context, office, index++));
    }
    if (index > 0) rendered.services.push_back(Service(context, nullptr));
  }
  if (HasTelehealth(profile)) rendered.services.push_back(Service(context, &profile["telehealth"]));
  for (auto payer : StrList(profile, "insurance")) rendered.payers.emplace_back(payer);
  return rendered;
}

namespace {

enum class OrganizationKind { kPayer, kNetwork };

// payer-<slug> (OrgTypeCS payer), or network-<slug> (ntwk, part of the payer).
FhirResource Organization(const VocabEntry& payer, OrganizationKind kind, const FhirUrls& urls) {
  const bool network = kind == OrganizationKind::kNetwork;
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  const std::string id =
      network ? NetworkOrganizationId(payer.value) : PayerOrganizationId(payer.value);
  Begin(w, "Organization", id);
  Meta(w, rapidjson::Value(rapidjson::kObjectType),
       network ? "plannet-Network" : "plannet-Organization");
  Key(w, "identifier");
  w.StartArray();
  w.StartObject();
  Field(w, "system", urls.PayerIdSystem());
  Field(w, "value", payer.value);
  w.EndObject();
  w.EndArray();
  Key(w, "active");
  w.Bool(true);
  Key(w, "type");
  w.StartArray();
  Concept(w, FhirUrls::PlanNetCodeSystem("OrgTypeCS"), network ? "ntwk" : "payer",
          network ? "Network" : "Payer");
  w.EndArray();
  Field(w, "name", network ? payer.label + " network" : payer.label);
  if (network) {
    Key(w, "partOf");
    Reference(w, "Organization", PayerOrganizationId(payer.value), payer.label);
  }
  return Finish(w, buffer, "Organization", id);
}

}  // namespace

Result<FhirResource> FhirRenderer::PayerOrganization(std::string_view slug) const {
  const VocabEntry* payer = vocabulary_.Find("insurance", slug);
  if (!payer) return Error::NotFound("no payer " + std::string(slug));
  return Organization(*payer, OrganizationKind::kPayer, urls_);
}

Result<FhirResource> FhirRenderer::NetworkOrganization(std::string_view slug) const {
  const VocabEntry* payer = vocabulary_.Find("insurance", slug);
  if (!payer) return Error::NotFound("no payer " + std::string(slug));
  return Organization(*payer, OrganizationKind::kNetwork, urls_);
}

}  // namespace rapport
