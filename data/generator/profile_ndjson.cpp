// ProfileNdjson: serialisation of a generated Profile (see profile_ndjson.h).
#include "profile_ndjson.h"

namespace rapport::generator {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void StringField(JsonWriter* writer, const char* key, const std::string& value) {
  if (value.empty()) return;
  writer->Key(key);
  writer->String(value);
}

void ListField(JsonWriter* writer, const char* key, const std::vector<std::string>& values,
               bool always = false) {
  if (values.empty() && !always) return;
  writer->Key(key);
  writer->StartArray();
  for (const auto& value : values) writer->String(value);
  writer->EndArray();
}

void WriteFee(JsonWriter* writer, const Fee& fee) {
  writer->Key("fee");
  writer->StartObject();
  if (fee.min) {
    writer->Key("min");
    writer->Int(*fee.min);
  }
  if (fee.max) {
    writer->Key("max");
    writer->Int(*fee.max);
  }
  if (fee.sliding_scale) {
    writer->Key("sliding_scale");
    writer->Bool(*fee.sliding_scale);
  }
  writer->EndObject();
}

void WriteOffices(JsonWriter* writer, const std::vector<Office>& offices) {
  writer->Key("offices");
  writer->StartArray();
  for (const auto& office : offices) {
    writer->StartObject();
    StringField(writer, "city", office.city);
    StringField(writer, "state", office.state);
    StringField(writer, "zip", office.zip);
    if (office.lat && office.lon) {
      writer->Key("lat");
      writer->Double(*office.lat);
      writer->Key("lon");
      writer->Double(*office.lon);
    }
    writer->EndObject();
  }
  writer->EndArray();
}

void WriteLicenses(JsonWriter* writer, const std::vector<License>& licenses) {
  if (licenses.empty()) return;
  writer->Key("licenses");
  writer->StartArray();
  for (const auto& license : licenses) {
    writer->StartObject();
    StringField(writer, "state", license.state);
    StringField(writer, "type", license.type);
    StringField(writer, "number", license.number);
    writer->EndObject();
  }
  writer->EndArray();
}

void WriteContact(JsonWriter* writer, const Contact& contact) {
  writer->Key("contact");
  writer->StartObject();
  StringField(writer, "phone", contact.phone);
  StringField(writer, "email", contact.email);
  StringField(writer, "website", contact.website);
  StringField(writer, "booking_url", contact.booking_url);
  writer->EndObject();
}

void WriteTelehealth(JsonWriter* writer, const Telehealth& telehealth) {
  writer->Key("telehealth");
  writer->StartObject();
  ListField(writer, "modes", telehealth.modes);
  ListField(writer, "platforms", telehealth.platforms);
  if (telehealth.since) {
    writer->Key("since");
    writer->Int(*telehealth.since);
  }
  if (telehealth.group_therapy) {
    writer->Key("group_therapy");
    writer->Bool(*telehealth.group_therapy);
  }
  ListField(writer, "devices", telehealth.devices);
  writer->EndObject();
}

}  // namespace

void WriteProfileJson(const Profile& profile, JsonWriter* writer) {
  writer->StartObject();
  StringField(writer, "id", profile.id);
  StringField(writer, "npi", profile.npi);
  StringField(writer, "name", profile.name);
  ListField(writer, "credentials", profile.credentials);
  StringField(writer, "profession", profile.profession);
  StringField(writer, "pronouns", profile.pronouns);
  StringField(writer, "gender", profile.gender);
  StringField(writer, "bio", profile.bio);
  ListField(writer, "specialties", profile.specialties);
  ListField(writer, "modalities", profile.modalities);
  ListField(writer, "populations", profile.populations);
  ListField(writer, "session_formats", profile.session_formats);
  ListField(writer, "languages", profile.languages);
  ListField(writer, "insurance", profile.insurance);
  if (profile.fee) WriteFee(writer, *profile.fee);
  if (profile.accepting_new_clients) {
    writer->Key("accepting_new_clients");
    writer->Bool(*profile.accepting_new_clients);
  }
  // Always written: an empty list says "telehealth only" explicitly.
  WriteOffices(writer, profile.offices);
  WriteLicenses(writer, profile.licenses);
  ListField(writer, "compacts", profile.compacts);
  if (profile.telehealth) WriteTelehealth(writer, *profile.telehealth);
  if (profile.contact) WriteContact(writer, *profile.contact);
  StringField(writer, "availability_confirmed_at", profile.availability_confirmed_at);
  StringField(writer, "updated_at", profile.updated_at);
  StringField(writer, "verified_at", profile.verified_at);
  writer->EndObject();
}

}  // namespace rapport::generator
