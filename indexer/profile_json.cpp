// Canonical JSON writing and stored-document reading for Profile.
#include "profile_json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteString(JsonWriter& w, const char* key, const std::string& value) {
  if (value.empty()) return;
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteStrings(JsonWriter& w, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
}

void WriteBool(JsonWriter& w, const char* key, const std::optional<bool>& value) {
  if (!value) return;
  w.Key(key);
  w.Bool(*value);
}

void WriteInt(JsonWriter& w, const char* key, const std::optional<int>& value) {
  if (!value) return;
  w.Key(key);
  w.Int(*value);
}

void WriteDouble(JsonWriter& w, const char* key, const std::optional<double>& value) {
  if (!value) return;
  w.Key(key);
  w.Double(*value);
}

void WriteOffice(JsonWriter& w, const Office& office) {
  w.StartObject();
  WriteString(w, "city", office.city);
  WriteString(w, "state", office.state);
  WriteString(w, "zip", office.zip);
  WriteDouble(w, "lat", office.lat);
  WriteDouble(w, "lon", office.lon);
  WriteString(w, "geo_precision", office.geo_precision);
  w.EndObject();
}

void WriteLicense(JsonWriter& w, const License& license) {
  w.StartObject();
  WriteString(w, "state", license.state);
  WriteString(w, "type", license.type);
  WriteString(w, "number", license.number);
  w.EndObject();
}

void WriteTelehealth(JsonWriter& w, const Telehealth& telehealth) {
  w.Key("telehealth");
  w.StartObject();
  WriteStrings(w, "modes", telehealth.modes);
  WriteStrings(w, "platforms", telehealth.platforms);
  WriteInt(w, "since", telehealth.since);
  WriteBool(w, "group_therapy", telehealth.group_therapy);
  WriteStrings(w, "devices", telehealth.devices);
  w.EndObject();
}

void WriteContact(JsonWriter& w, const Contact& contact) {
  w.Key("contact");
  w.StartObject();
  WriteString(w, "phone", contact.phone);
  WriteString(w, "email", contact.email);
  WriteString(w, "website", contact.website);
  WriteString(w, "booking_url", contact.booking_url);
  w.EndObject();
}

// Readers for trusted documents: a wrong type means the row is corrupt.
struct StoredReader {
  bool ok = true;

  std::string String(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return {};
    if (!it->value.IsString()) return Fail<std::string>();
    return {it->value.GetString(), it->value.GetStringLength()};
  }
  std::vector<std::string> Strings(const rapidjson::Value& object, const char* key) {
    std::vector<std::string> out;
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return out;
    if (!it->value.IsArray()) return Fail<std::vector<std::string>>();
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsString()) return Fail<std::vector<std::string>>();
      out.emplace_back(v.GetString(), v.GetStringLength());
    }
    return out;
  }
  std::optional<bool> Bool(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsBool()) return Fail<std::optional<bool>>();
    return it->value.GetBool();
  }
  std::optional<int> Int(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsInt()) return Fail<std::optional<int>>();
    return it->value.GetInt();
  }
  std::optional<double> Double(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsNumber()) return Fail<std::optional<double>>();
    return it->value.GetDouble();
  }
  const rapidjson::Value* Object(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
    if (!it->value.IsObject()) return Fail<const rapidjson::Value*>();
    return &it->value;
  }
  const rapidjson::Value* Array(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
    if (!it->value.IsArray()) return Fail<const rapidjson::Value*>();
    return &it->value;
  }

  template <typename T>
  T Fail() {
    ok = false;
    return T{};
  }
};

}  // namespace

std::string ToCanonicalJson(const Profile& p) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteString(w, "id", p.id);
  WriteString(w, "npi", p.npi);
  WriteString(w, "name", p.name);
  WriteStrings(w, "credentials", p.credentials);
  WriteString(w, "profession", p.profession);
  WriteString(w, "pronouns", p.pronouns);
  WriteString(w, "gender", p.gender);
  WriteString(w, "bio", p.bio);
  WriteStrings(w, "specialties", p.specialties);
  WriteStrings(w, "modalities", p.modalities);
  WriteStrings(w, "populations", p.populations);
  WriteStrings(w, "session_formats", p.session_formats);
  WriteStrings(w, "languages", p.languages);
  WriteStrings(w, "insurance", p.insurance);
  if (p.fee) {
    w.Key("fee");
    w.StartObject();
    WriteInt(w, "min", p.fee->min);
    WriteInt(w, "max", p.fee->max);
    WriteBool(w, "sliding_scale", p.fee->sliding_scale);
    w.EndObject();
  }
  WriteBool(w, "accepting_new_clients", p.accepting_new_clients);
  if (!p.offices.empty()) {
    w.Key("offices");
    w.StartArray();
    for (const auto& office : p.offices) WriteOffice(w, office);
    w.EndArray();
  }
  if (!p.licenses.empty()) {
    w.Key("licenses");
    w.StartArray();
    for (const auto& license : p.licenses) WriteLicense(w, license);
    w.EndArray();
  }
  WriteStrings(w, "compacts", p.compacts);
  if (p.telehealth) WriteTelehealth(w, *p.telehealth);
  if (p.contact) WriteContact(w, *p.contact);
  WriteString(w, "availability_confirmed_at", p.availability_confirmed_at);
  WriteString(w, "updated_at", p.updated_at);
  WriteString(w, "verified_at", p.verified_at);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

Result<Profile> ProfileFromStoredJson(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Error::Internal("stored profile is not a JSON object");
  }
  StoredReader r;
  Profile p;
  p.id = r.String(doc, "id");
  p.npi = r.String(doc, "npi");
  p.name = r.String(doc, "name");
  p.credentials = r.Strings(doc, "credentials");
  p.profession = r.String(doc, "profession");
  p.pronouns = r.String(doc, "pronouns");
  p.gender = r.String(doc, "gender");
  p.bio = r.String(doc, "bio");
  p.specialties = r.Strings(doc, "specialties");
  p.modalities = r.Strings(doc, "modalities");
  p.populations = r.Strings(doc, "populations");
  p.session_formats = r.Strings(doc, "session_formats");
  p.languages = r.Strings(doc, "languages");
  p.insurance = r.Strings(doc, "insurance");
  if (const auto* fee = r.Object(doc, "fee")) {
    p.fee = Fee{r.Int(*fee, "min"), r.Int(*fee, "max"), r.Bool(*fee, "sliding_scale")};
  }
  p.accepting_new_clients = r.Bool(doc, "accepting_new_clients");
  if (const auto* offices = r.Array(doc, "offices")) {
    for (const auto& o : offices->GetArray()) {
      if (!o.IsObject()) return Error::Internal("stored profile has a malformed office");
      p.offices.push_back(Office{r.String(o, "city"), r.String(o, "state"), r.String(o, "zip"),
                                 r.Double(o, "lat"), r.Double(o, "lon"),
                                 r.String(o, "geo_precision")});
    }
  }
  if (const auto* licenses = r.Array(doc, "licenses")) {
    for (const auto& l : licenses->GetArray()) {
      if (!l.IsObject()) return Error::Internal("stored profile has a malformed license");
      p.licenses.push_back(
          License{r.String(l, "state"), r.String(l, "type"), r.String(l, "number")});
    }
  }
  p.compacts = r.Strings(doc, "compacts");
  if (const auto* t = r.Object(doc, "telehealth")) {
    p.telehealth =
        Telehealth{r.Strings(*t, "modes"), r.Strings(*t, "platforms"), r.Strings(*t, "devices"),
                   r.Int(*t, "since"), r.Bool(*t, "group_therapy")};
  }
  if (const auto* c = r.Object(doc, "contact")) {
    Contact contact;
    contact.phone = r.String(*c, "phone");
    contact.email = r.String(*c, "email");
    contact.website = r.String(*c, "website");
    contact.booking_url = r.String(*c, "booking_url");
    p.contact = std::move(contact);
  }
  p.availability_confirmed_at = r.String(doc, "availability_confirmed_at");
  p.updated_at = r.String(doc, "updated_at");
  p.verified_at = r.String(doc, "verified_at");
  if (!r.ok) return Error::Internal("stored profile " + p.id + " has a field of the wrong type");
  return p;
}

}  // namespace rapport
