// Plan-Net resources to one profile document (docs/interop.md §5.2).
#include "fhir_mapper.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>

#include "geo_precision.h"
#include "npi_number.h"

namespace rapport {
namespace {

using rapidjson::Value;

constexpr double kMaxLatitude = 90;
constexpr double kMaxLongitude = 180;
constexpr size_t kZipDigits = 5;

const Value* Member(const Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string Text(const Value& object, const char* name) {
  const Value* value = Member(object, name);
  return value && value->IsString() ? value->GetString() : "";
}

// The elements of array member `name` (none when absent or not an array).
std::vector<const Value*> Items(const Value& object, const char* name) {
  std::vector<const Value*> items;
  const Value* array = Member(object, name);
  if (!array || !array->IsArray()) return items;
  for (const auto& item : array->GetArray()) items.push_back(&item);
  return items;
}

// Extensions of `object` with url `url`.
std::vector<const Value*> Extensions(const Value& object, std::string_view url) {
  std::vector<const Value*> found;
  for (const Value* extension : Items(object, "extension")) {
    if (Text(*extension, "url") == url) found.push_back(extension);
  }
  return found;
}

// Codes of `concept`'s codings in `system`.
std::vector<std::string> Codes(const Value& concept, std::string_view system) {
  std::vector<std::string> codes;
  for (const Value* coding : Items(concept, "coding")) {
    if (Text(*coding, "system") == system && !Text(*coding, "code").empty()) {
      codes.push_back(Text(*coding, "code"));
    }
  }
  return codes;
}

std::string Key(const Value& resource) {
  return Text(resource, "resourceType") + "/" + Text(resource, "id");
}

void AddUnique(const std::string& value, std::vector<std::string>* list) {
  if (!value.empty() && std::find(list->begin(), list->end(), value) == list->end()) {
    list->push_back(value);
  }
}

// Builds the profile document member by member.
class ProfileBuilder {
 public:
  explicit ProfileBuilder(rapidjson::Document* document) : document_(*document) {
    document_.SetObject();
  }
  void String(const char* name, const std::string& value) {
    if (value.empty()) return;
    document_.AddMember(rapidjson::StringRef(name), Value(value.c_str(), Alloc()), Alloc());
  }
  void List(const char* name, const std::vector<std::string>& values) {
    if (values.empty()) return;
    Value array(rapidjson::kArrayType);
    for (const auto& value : values) array.PushBack(Value(value.c_str(), Alloc()), Alloc());
    document_.AddMember(rapidjson::StringRef(name), array, Alloc());
  }
  void Add(const char* name, Value value) {
    document_.AddMember(rapidjson::StringRef(name), value, Alloc());
  }
  rapidjson::Document::AllocatorType& Alloc() { return document_.GetAllocator(); }

 private:
  rapidjson::Document& document_;
};

std::string NpiOf(const Value& practitioner) {
  for (const Value* identifier : Items(practitioner, "identifier")) {
    if (Text(*identifier, "system") == kNpiSystem) return Text(*identifier, "value");
  }
  return "";
}

std::string ProfileIdOf(const Value& practitioner, const FhirUrls& urls) {
  for (const Value* identifier : Items(practitioner, "identifier")) {
    if (Text(*identifier, "system") == urls.ProfileIdSystem()) return Text(*identifier, "value");
  }
  return "";
}

const Value* OfficialName(const Value& practitioner) {
  const auto names = Items(practitioner, "name");
  for (const Value* name : names) {
    if (Text(*name, "use") == "official") return name;
  }
  return names.empty() ? nullptr : names.front();
}

std::string NameText(const Value& name) {
  std::string text = Text(name, "text");
  if (!text.empty()) return text.substr(0, text.find(','));
  std::string joined;
  for (const Value* given : Items(name, "given")) {
    if (given->IsString()) joined += std::string(given->GetString()) + " ";
  }
  return joined + Text(name, "family");
}

class PractitionerMapper {
 public:
  PractitionerMapper(const Value& practitioner, const FhirResources& resources,
                     const FhirReference& reference, FhirMapping* mapping)
      : practitioner_(practitioner),
        resources_(resources),
        reference_(reference),
        mapping_(*mapping),
        builder_(&mapping->document) {}

  void Run() {
    mapping_.key = Key(practitioner_);
    const Value* active = Member(practitioner_, "active");
    if (active && active->IsBool() && !active->GetBool()) {
      mapping_.kind = FhirPractitionerKind::kInactive;
      return;
    }
    const std::string npi = NpiOf(practitioner_);
    if (!npi.empty() && !IsValidNpi(npi)) {
      mapping_.kind = FhirPractitionerKind::kInvalidNpi;
      return;
    }
    FindRoles();
    if (profession_.empty()) {
      mapping_.kind = FhirPractitionerKind::kNoBehavioralSpecialty;
      return;
    }
    std::string id = ProfileIdOf(practitioner_, reference_.urls);
    if (id.empty()) id = npi.empty() ? "fhir-" + Text(practitioner_, "id") : "npi-" + npi;
    builder_.String("id", id);
    builder_.String("npi", npi);
    const Value* name = OfficialName(practitioner_);
    builder_.String("name", name ? NameText(*name) : "");
    MapCredentials(name);
    builder_.String("profession", profession_);
    MapPersonExtensions();
    MapRoleExtensions();
    builder_.List("specialties", implied_.specialties);
    builder_.List("modalities", implied_.modalities);
    builder_.List("populations", implied_.populations);
    builder_.List("session_formats", implied_.session_formats);
    MapLanguages();
    MapInsurance();
    MapAccepting();
    MapOffices();
    MapLicenses();
    MapTelehealth();
    MapContact();
  }

 private:
  void Note(const Value& resource, const std::string& text) {
    mapping_.notes.push_back(Key(resource) + ": " + text);
  }

  // Roles naming this practitioner; the profession and implied facets from
  // their NUCC specialties.
  void FindRoles() {
    for (const Value* role : resources_.OfType("PractitionerRole")) {
      const Value* who = Member(*role, "practitioner");
      if (!who || resources_.Resolve(Text(*who, "reference")) != &practitioner_) continue;
      roles_.push_back(role);
      for (const Value* specialty : Items(*role, "specialty")) {
        for (const auto& code : Codes(*specialty, kNuccSystem)) {
          const NuccCode* nucc = reference_.taxonomy.Find(code);
          if (!nucc) continue;
          if (profession_.empty()) profession_ = nucc->profession;
          for (const auto& v : nucc->implies.specialties) AddUnique(v, &implied_.specialties);
          for (const auto& v : nucc->implies.modalities) AddUnique(v, &implied_.modalities);
          for (const auto& v : nucc->implies.populations) AddUnique(v, &implied_.populations);
          for (const auto& v : nucc->implies.session_formats)
            AddUnique(v, &implied_.session_formats);
        }
      }
    }
  }

  // Rapport's facet codings on the roles (clinical-focus, modality, ...),
  // added to the implied values; fee and availability-confirmed.
  void MapRoleExtensions() {
    struct FacetExtension {
      const char* extension;  // Rapport's extension name
      const char* facet;
      std::vector<std::string> ImpliedValues::*list;
    };
    const FacetExtension facets[] = {
        {"clinical-focus", "specialty", &ImpliedValues::specialties},
        {"modality", "modality", &ImpliedValues::modalities},
        {"population", "population", &ImpliedValues::populations},
        {"session-format", "session_format", &ImpliedValues::session_formats},
    };
    for (const Value* role : roles_) {
      for (const auto& facet : facets) {
        for (const Value* e : Extensions(*role, reference_.urls.Extension(facet.extension))) {
          const Value* coding = Member(*e, "valueCoding");
          const std::string code = coding ? Text(*coding, "code") : "";
          if (reference_.vocabulary.Contains(facet.facet, code)) {
            AddUnique(code, &(implied_.*facet.list));
          } else {
            Note(*role, std::string(facet.facet) + " '" + code + "' not a vocabulary value");
          }
        }
      }
      for (const Value* e :
           Extensions(*role, reference_.urls.Extension("availability-confirmed"))) {
        availability_ = Text(*e, "valueDateTime");
      }
      for (const Value* e : Extensions(*role, reference_.urls.Extension("fee"))) {
        if (fee_mapped_) {
          Note(*role, "a second fee not carried (the first role's is kept)");
          continue;
        }
        fee_mapped_ = MapFee(*role, *e);
      }
    }
    builder_.String("availability_confirmed_at", availability_);
  }

  // Adds the fee; false when it carried nothing.
  bool MapFee(const Value& role, const Value& extension) {
    Value fee(rapidjson::kObjectType);
    auto& alloc = builder_.Alloc();
    for (const Value* part : Items(extension, "extension")) {
      const std::string url = Text(*part, "url");
      const Value* money = Member(*part, "valueMoney");
      if (money) {
        const Value* amount = Member(*money, "value");
        const std::string currency = Text(*money, "currency");
        if (!amount || !amount->IsInt() || (!currency.empty() && currency != "USD")) {
          Note(role, "fee " + url + " not in whole US dollars: not carried");
          continue;
        }
        if (url == "min" || url == "max") {
          fee.AddMember(Value(url.c_str(), alloc), Value(amount->GetInt()), alloc);
        }
      }
      const Value* flag = Member(*part, "valueBoolean");
      if (url == "sliding-scale" && flag && flag->IsBool()) {
        fee.AddMember("sliding_scale", flag->GetBool(), alloc);
      }
    }
    if (fee.ObjectEmpty()) return false;
    builder_.Add("fee", std::move(fee));
    return true;
  }

  // The payer slug a network Organization names itself with, else the first
  // vocabulary payer whose label or synonym occurs as whole words in a plan's
  // name, alias or owner's name.
  std::string PayerOf(const Value& plan) {
    std::vector<std::string> texts = {Text(plan, "name")};
    for (const Value* alias : Items(plan, "alias")) {
      if (alias->IsString()) texts.push_back(alias->GetString());
    }
    const Value* owner_ref = Member(plan, "ownedBy");
    const Value* owner = owner_ref ? resources_.Resolve(Text(*owner_ref, "reference")) : nullptr;
    if (owner) texts.push_back(Text(*owner, "name"));
    for (const auto& text : texts) {
      const std::string folded = " " + Words(text) + " ";
      for (const auto& entry : reference_.vocabulary.Entries("insurance")) {
        std::vector<std::string> forms = {entry.label};
        forms.insert(forms.end(), entry.synonyms.begin(), entry.synonyms.end());
        for (const auto& form : forms) {
          if (folded.find(" " + Words(form) + " ") != std::string::npos) return entry.value;
        }
      }
    }
    return "";
  }

  // Lower case, every run of non-alphanumerics one space.
  static std::string Words(const std::string& text) {
    std::string words;
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (std::isalnum(byte)) {
        words += static_cast<char>(std::tolower(byte));
      } else if (!words.empty() && words.back() != ' ') {
        words += ' ';
      }
    }
    while (!words.empty() && words.back() == ' ') words.pop_back();
    return words;
  }

  void MapInsurance() {
    std::vector<std::string> payers;
    for (const Value* role : roles_) {
      const Value* group = Member(*role, "organization");
      if (group) Note(*role, "provider group " + Text(*group, "reference") + " not carried");
      for (const Value* e : Extensions(*role, FhirUrls::PlanNet("network-reference"))) {
        const Value* ref = Member(*e, "valueReference");
        const Value* network = ref ? resources_.Resolve(Text(*ref, "reference")) : nullptr;
        if (!network) continue;
        std::string own;
        for (const Value* identifier : Items(*network, "identifier")) {
          if (Text(*identifier, "system") == reference_.urls.PayerIdSystem())
            own = Text(*identifier, "value");
        }
        if (reference_.vocabulary.Contains("insurance", own)) {
          AddUnique(own, &payers);
          continue;
        }
        for (const Value* plan : resources_.OfType("InsurancePlan")) {
          if (!PlanCovers(*plan, *network)) continue;
          const std::string payer = PayerOf(*plan);
          if (payer.empty()) {
            Note(*plan, "no vocabulary payer");
          } else {
            AddUnique(payer, &payers);
          }
        }
      }
    }
    builder_.List("insurance", payers);
  }

  bool PlanCovers(const Value& plan, const Value& network) {
    std::vector<const Value*> refs = Items(plan, "network");
    for (const Value* part : Items(plan, "plan")) {
      for (const Value* ref : Items(*part, "network")) refs.push_back(ref);
    }
    for (const Value* ref : refs) {
      if (resources_.Resolve(Text(*ref, "reference")) == &network) return true;
    }
    return false;
  }

  void MapCredentials(const Value* name) {
    std::vector<std::string> credentials, keys;
    auto add = [&](const std::string& credential) {
      const std::string key = CredentialKey(credential);
      if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) return;
      keys.push_back(key);
      credentials.push_back(credential);
    };
    if (name) {
      for (const Value* suffix : Items(*name, "suffix")) {
        if (suffix->IsString()) add(suffix->GetString());
      }
    }
    for (const Value* qualification : Items(practitioner_, "qualification")) {
      const Value* code = Member(*qualification, "code");
      if (code) {
        for (const auto& degree : Codes(*code, kDegreeSystem)) add(degree);
      }
    }
    builder_.List("credentials", credentials);
  }

  void MapPersonExtensions() {
    for (const Value* e : Extensions(practitioner_, reference_.urls.Extension("pronouns"))) {
      builder_.String("pronouns", Text(*e, "valueString"));
    }
    std::string gender;
    for (const Value* e : Extensions(practitioner_, reference_.urls.Extension("gender")))
      gender = Text(*e, "valueCode");
    if (gender.empty()) {
      gender = Text(practitioner_, "gender");
      if (gender == "other" || gender == "unknown") {
        Note(practitioner_, "gender '" + gender + "' not carried");
        gender.clear();
      }
    }
    builder_.String("gender", gender);
    for (const Value* e : Extensions(practitioner_, reference_.urls.Extension("bio"))) {
      builder_.String("bio", Text(*e, "valueMarkdown"));
    }
    for (const Value* e : Extensions(practitioner_, reference_.urls.Extension("verified"))) {
      builder_.String("verified_at", Text(*e, "valueDateTime"));
    }
  }

  void MapLanguages() {
    std::vector<std::string> languages;
    for (const Value* communication : Items(practitioner_, "communication")) {
      for (const auto& tag : Codes(*communication, kLanguageSystem)) {
        const std::string primary = tag.substr(0, tag.find('-'));
        if (reference_.vocabulary.Contains("language", primary)) {
          AddUnique(primary, &languages);
        } else {
          Note(practitioner_, "language '" + tag + "' not a vocabulary language");
        }
      }
    }
    builder_.List("languages", languages);
  }

  // newpatients on roles, their services and locations (§5.2).
  void MapAccepting() {
    bool any_new = false, any_closed = false;
    auto read = [&](const Value& resource) {
      for (const Value* e : Extensions(resource, FhirUrls::PlanNet("newpatients"))) {
        for (const Value* part : Items(*e, "extension")) {
          const std::string url = Text(*part, "url");
          const Value* concept = Member(*part, "valueCodeableConcept");
          if (url == "acceptingPatients" && concept) {
            for (const Value* coding : Items(*concept, "coding")) {
              const std::string code = Text(*coding, "code");
              any_new = any_new || code == "newpt";
              any_closed =
                  any_closed || code == "nopt" || code == "existptonly" || code == "existptfam";
            }
          }
          if (url == "fromNetwork") Note(resource, "newpatients.fromNetwork limit not carried");
        }
      }
    };
    for (const Value* role : roles_) {
      read(*role);
      for (const Value* service : Linked(*role, "healthcareService")) read(*service);
      for (const Value* location : Linked(*role, "location")) read(*location);
    }
    if (any_new || any_closed) builder_.Add("accepting_new_clients", Value(any_new));
  }

  // The resources a role's array of references `name` resolves to; a
  // reference to nothing is noted.
  std::vector<const Value*> Linked(const Value& role, const char* name) {
    std::vector<const Value*> linked;
    for (const Value* ref : Items(role, name)) {
      const std::string target = Text(*ref, "reference");
      const Value* resource = resources_.Resolve(target);
      if (resource) {
        linked.push_back(resource);
      } else {
        Note(role, std::string(name) + " " + target + " not in the input");
      }
    }
    return linked;
  }

  void MapOffices() {
    Value offices(rapidjson::kArrayType);
    std::vector<const Value*> seen;
    for (const Value* role : roles_) {
      for (const Value* location : Linked(*role, "location")) {
        if (std::find(seen.begin(), seen.end(), location) != seen.end()) continue;
        seen.push_back(location);
        AddOffice(*location, &offices);
      }
    }
    if (!offices.Empty()) builder_.Add("offices", std::move(offices));
  }

  // A Location's `position` when it is valid, with its precision: Rapport's
  // geo-precision extension when it names one (an export of an approximate
  // point), else address. One out of range is noted and not used.
  std::optional<OfficePlace> GivenPosition(const Value& location) {
    const Value* position = Member(location, "position");
    const Value* lat = position ? Member(*position, "latitude") : nullptr;
    const Value* lon = position ? Member(*position, "longitude") : nullptr;
    if (!lat || !lon || !lat->IsNumber() || !lon->IsNumber()) return std::nullopt;
    if (std::abs(lat->GetDouble()) > kMaxLatitude || std::abs(lon->GetDouble()) > kMaxLongitude) {
      Note(location, "position out of range: looked up by ZIP or city instead");
      return std::nullopt;
    }
    GazetteerPoint point;
    point.lat = lat->GetDouble();
    point.lon = lon->GetDouble();
    OfficePlace given{point, kGeoPrecisionAddress};
    for (const Value* e : Extensions(*position, reference_.urls.Extension("geo-precision"))) {
      const std::string code = Text(*e, "valueCode");
      const auto known = std::find(kGeoPrecisions.begin(), kGeoPrecisions.end(), code);
      if (known != kGeoPrecisions.end()) {
        given.precision = *known;
      } else {
        Note(location, "geo-precision '" + code + "' unknown: taken as address");
      }
    }
    return given;
  }

  void AddOffice(const Value& location, Value* offices) {
    const Value* address = Member(location, "address");
    const std::string city = address ? Text(*address, "city") : "";
    const std::string state = address ? Text(*address, "state") : "";
    const std::string country = address ? Text(*address, "country") : "";
    if (city.empty() || state.empty()) return Note(location, "no city and state: not carried");
    if (!country.empty() && country != "US" && country != "USA") {
      return Note(location, "outside the US: not carried");
    }
    Value office(rapidjson::kObjectType);
    auto& alloc = builder_.Alloc();
    office.AddMember("city", Value(city.c_str(), alloc), alloc);
    office.AddMember("state", Value(state.c_str(), alloc), alloc);
    const std::string zip = Text(*address, "postalCode");
    if (zip.size() >= kZipDigits) office.AddMember("zip", Value(zip.c_str(), alloc), alloc);
    const OfficeAddress where{zip, city, state};
    if (auto place = reference_.geocoder.Locate(where, GivenPosition(location))) {
      office.AddMember("lat", place->point.lat, alloc);
      office.AddMember("lon", place->point.lon, alloc);
      office.AddMember("geo_precision",
                       Value(place->precision.data(),
                             static_cast<rapidjson::SizeType>(place->precision.size()), alloc),
                       alloc);
    }
    offices->PushBack(office, alloc);
  }

  void MapLicenses() {
    Value licenses(rapidjson::kArrayType);
    std::vector<std::string> compacts;
    auto& alloc = builder_.Alloc();
    for (const Value* qualification : Items(practitioner_, "qualification")) {
      const Value* code = Member(*qualification, "code");
      if (code) {
        for (const auto& compact : Codes(*code, reference_.urls.CodeSystem("compact")))
          AddUnique(compact, &compacts);
      }
      const auto plan_net =
          Extensions(*qualification, FhirUrls::PlanNet("practitioner-qualification"));
      if (plan_net.empty()) continue;
      std::string state;
      for (const Value* part : Items(*plan_net.front(), "extension")) {
        const Value* concept = Member(*part, "valueCodeableConcept");
        if (Text(*part, "url") == "whereValid" && concept) {
          for (const auto& code_text : Codes(*concept, kUspsSystem)) state = code_text;
        }
      }
      if (state.empty()) {
        Note(practitioner_, "a qualification without a state: not carried");
        continue;
      }
      const auto identifiers = Items(*qualification, "identifier");
      std::string type = code ? Text(*code, "text") : "";
      if (type.empty() && code) {
        for (const Value* coding : Items(*code, "coding")) {
          if (Text(*coding, "system") == kDegreeSystem) type = Text(*coding, "display");
        }
      }
      Value license(rapidjson::kObjectType);
      license.AddMember("state", Value(state.c_str(), alloc), alloc);
      license.AddMember("type", Value(type.c_str(), alloc), alloc);
      const std::string number = identifiers.empty() ? "" : Text(*identifiers.front(), "value");
      license.AddMember("number", Value(number.c_str(), alloc), alloc);
      licenses.PushBack(license, alloc);
    }
    if (!licenses.Empty()) builder_.Add("licenses", std::move(licenses));
    builder_.List("compacts", compacts);
  }

  // The virtual HealthcareServices of the roles → telehealth modes.
  void MapTelehealth() {
    std::vector<std::string> modes;
    bool any_virtual = false;
    for (const Value* role : roles_) {
      for (const Value* service : Linked(*role, "healthcareService")) {
        for (const Value* method : Extensions(*service, FhirUrls::PlanNet("delivery-method"))) {
          bool is_virtual = false;
          std::vector<std::string> modalities;
          for (const Value* part : Items(*method, "extension")) {
            const Value* concept = Member(*part, "valueCodeableConcept");
            if (!concept) continue;
            for (const Value* coding : Items(*concept, "coding")) {
              const std::string code = Text(*coding, "code");
              if (Text(*part, "url") == "type") is_virtual = is_virtual || code == "virtual";
              if (Text(*part, "url") == "virtualModalities") modalities.push_back(code);
            }
          }
          if (!is_virtual) continue;
          any_virtual = true;
          ReadTelehealthExtensions(*service, &modes);
          for (const auto& modality : modalities) {
            if (modality == "video" || modality == "phone") {
              AddUnique(modality, &modes);
            } else {
              Note(*service, "virtual modality '" + modality + "' not carried");
            }
          }
        }
      }
    }
    if (!any_virtual) return;
    Value telehealth(rapidjson::kObjectType);
    auto& alloc = builder_.Alloc();
    auto add_list = [&](const char* name, const std::vector<std::string>& values) {
      Value list(rapidjson::kArrayType);
      for (const auto& value : values) list.PushBack(Value(value.c_str(), alloc), alloc);
      telehealth.AddMember(rapidjson::StringRef(name), list, alloc);
    };
    add_list("modes", modes);
    if (!platforms_.empty()) add_list("platforms", platforms_);
    if (!devices_.empty()) add_list("devices", devices_);
    if (since_) telehealth.AddMember("since", *since_, alloc);
    if (group_therapy_) telehealth.AddMember("group_therapy", *group_therapy_, alloc);
    builder_.Add("telehealth", std::move(telehealth));
  }

  void ReadTelehealthExtensions(const Value& service, std::vector<std::string>* modes) {
    auto code_of = [](const Value& e) {
      const Value* coding = Member(e, "valueCoding");
      return coding ? Text(*coding, "code") : std::string();
    };
    for (const Value* e : Extensions(service, reference_.urls.Extension("telehealth-platform"))) {
      AddUnique(code_of(*e), &platforms_);
    }
    for (const Value* e : Extensions(service, reference_.urls.Extension("telehealth-device"))) {
      AddUnique(code_of(*e), &devices_);
    }
    for (const Value* e : Extensions(service, reference_.urls.Extension("telehealth-mode"))) {
      AddUnique(code_of(*e), modes);
    }
    for (const Value* e : Extensions(service, reference_.urls.Extension("telehealth-since"))) {
      const Value* year = Member(*e, "valueInteger");
      if (year && year->IsInt()) since_ = year->GetInt();
    }
    for (const Value* e :
         Extensions(service, reference_.urls.Extension("telehealth-group-therapy"))) {
      const Value* flag = Member(*e, "valueBoolean");
      if (flag && flag->IsBool()) group_therapy_ = flag->GetBool();
    }
  }

  // First phone and email of the roles, then the practitioner, then locations.
  void MapContact() {
    std::string phone, email, website, booking;
    auto read = [&](const Value& resource) {
      for (const Value* point : Items(resource, "telecom")) {
        const std::string system = Text(*point, "system");
        const std::string value = Text(*point, "value");
        if (system == "phone" && phone.empty()) phone = value;
        if (system == "email" && email.empty()) email = value;
        if (system != "url") continue;
        if (value.rfind("https://", 0) != 0) {
          Note(resource, "a non-https url not carried");
          continue;
        }
        std::string purpose;
        for (const Value* e : Extensions(*point, reference_.urls.Extension("contact-purpose"))) {
          purpose = Text(*e, "valueCode");
        }
        std::string& slot = purpose == "booking" ? booking : website;
        if (slot.empty()) slot = value;
      }
    };
    for (const Value* role : roles_) read(*role);
    read(practitioner_);
    for (const Value* role : roles_) {
      for (const Value* location : Linked(*role, "location")) read(*location);
    }
    if (phone.empty() && email.empty() && website.empty() && booking.empty()) return;
    Value contact(rapidjson::kObjectType);
    auto& alloc = builder_.Alloc();
    if (!phone.empty()) contact.AddMember("phone", Value(phone.c_str(), alloc), alloc);
    if (!email.empty()) contact.AddMember("email", Value(email.c_str(), alloc), alloc);
    if (!website.empty()) contact.AddMember("website", Value(website.c_str(), alloc), alloc);
    if (!booking.empty()) contact.AddMember("booking_url", Value(booking.c_str(), alloc), alloc);
    builder_.Add("contact", std::move(contact));
  }

  const Value& practitioner_;
  const FhirResources& resources_;
  const FhirReference& reference_;
  FhirMapping& mapping_;
  ProfileBuilder builder_;
  std::vector<const Value*> roles_;
  std::string profession_;
  std::string availability_;
  bool fee_mapped_ = false;
  ImpliedValues implied_;
  std::vector<std::string> platforms_, devices_;
  std::optional<int> since_;
  std::optional<bool> group_therapy_;
};

}  // namespace

FhirMapping MapPractitioner(const Value& practitioner, const FhirResources& resources,
                            const FhirReference& reference) {
  FhirMapping mapping;
  PractitionerMapper(practitioner, resources, reference, &mapping).Run();
  return mapping;
}

}  // namespace rapport
