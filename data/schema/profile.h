// Profile: one therapist as DESIGN.md §2 defines it, after validation.
//
// Absent and null fields are both "not set": empty strings and vectors,
// std::nullopt for optional scalars. Timestamps are ISO 8601 UTC strings
// ("2026-10-01T12:00:00Z") exactly as validated; empty when not set.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rapport {

struct Office {
  std::string city;
  std::string state;  // two-letter USPS code, upper case
  std::string zip;
  std::optional<double> lat;
  std::optional<double> lon;
  // How exact lat/lon are (geo_precision.h): set by imports, empty when there
  // are no coordinates or an editor placed them.
  std::string geo_precision;
};

struct License {
  std::string state;
  std::string type;  // e.g. "LMFT"
  std::string number;
};

struct Fee {
  std::optional<int> min;
  std::optional<int> max;
  std::optional<bool> sliding_scale;
};

struct Telehealth {
  std::vector<std::string> modes;      // video, phone, chat
  std::vector<std::string> platforms;  // zoom, doxy.me, ...
  std::vector<std::string> devices;    // desktop, tablet, smartphone
  std::optional<int> since;            // year telehealth began
  std::optional<bool> group_therapy;
};

// How a client reaches the therapist; empty strings are "not given".
struct Contact {
  std::string phone;  // E.164, e.g. "+15105550123"
  std::string email;
  std::string website;      // https only
  std::string booking_url;  // https only
};

struct Profile {
  std::string id;
  std::string npi;
  std::string name;
  std::vector<std::string> credentials;
  std::string profession;
  std::string pronouns;
  std::string gender;
  std::string bio;
  std::vector<std::string> specialties;
  std::vector<std::string> modalities;
  std::vector<std::string> populations;
  std::vector<std::string> session_formats;
  std::vector<std::string> languages;
  std::vector<std::string> insurance;
  std::optional<Fee> fee;
  std::optional<bool> accepting_new_clients;
  std::vector<Office> offices;
  std::vector<License> licenses;
  std::vector<std::string> compacts;
  std::optional<Telehealth> telehealth;
  std::optional<Contact> contact;  // set only when at least one way is given
  std::string availability_confirmed_at;
  std::string updated_at;
  std::string verified_at;
};

}  // namespace rapport
