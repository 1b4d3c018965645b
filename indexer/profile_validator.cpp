// ProfileValidator: checks every field of an untrusted profile document and
// collects all problems (see profile_validator.h).
#include "profile_validator.h"

#include <algorithm>
#include <cmath>

#include "contact_checks.h"
#include "geo_precision.h"
#include "utc_time.h"
#include "utf8_check.h"
#include "validation_checks.h"

namespace rapport {
namespace {

using rapidjson::Value;

std::string Str(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

// "address, zip, city": the accepted values, for an error message.
std::string GeoPrecisionNames() {
  std::string names;
  for (std::string_view name : kGeoPrecisions) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

std::string Indexed(std::string_view path, size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

// One validation run: the document's checks write into `out`.
class Checker {
 public:
  Checker(const Vocabulary& vocabulary, const Compacts& compacts, int64_t now,
          const ValidationLimits& limits, ValidationMode mode, ValidationOutcome& out)
      : vocabulary_(vocabulary),
        compacts_(compacts),
        now_(now),
        limits_(limits),
        mode_(mode),
        out_(out) {}

  void Document(const Value& doc);

 private:
  void Fail(std::string path, std::string reason) {
    out_.errors.push_back({std::move(path), std::move(reason)});
  }
  void Unknown(std::string path) {
    if (mode_ == ValidationMode::kEditor) {
      Fail(std::move(path), "unknown field");
    } else {
      out_.warnings.push_back({std::move(path), "unknown field, skipped"});
    }
  }
  bool Expect(bool ok, const std::string& path, const char* what) {
    if (!ok) Fail(path, std::string("expected ") + what);
    return ok;
  }

  void TopLevel(const std::string& name, const Value& v);
  void Text(const Value& v, const std::string& path, size_t max, Newlines newlines,
            std::string* out);
  void VocabValue(std::string_view facet, const Value& v, const std::string& path,
                  std::string* out);
  void VocabList(std::string_view facet, const Value& v, const std::string& path,
                 std::vector<std::string>* out);
  void ShortCodes(const Value& v, const std::string& path, std::vector<std::string>* out);
  void CompactList(const Value& v, const std::string& path, std::vector<std::string>* out);
  void Bool(const Value& v, const std::string& path, std::optional<bool>* out);
  void Integer(const Value& v, const std::string& path, int lo, int hi, std::optional<int>* out);
  void Coordinate(const Value& v, const std::string& path, double limit,
                  std::optional<double>* out);
  void Timestamp(const Value& v, const std::string& path, std::string* out);
  void FeeObject(const Value& v);
  void OfficeList(const Value& v);
  void OfficeObject(const Value& v, const std::string& path, Office* office);
  void LicenseList(const Value& v);
  void LicenseObject(const Value& v, const std::string& path, License* license);
  void TelehealthObject(const Value& v);
  void ContactObject(const Value& v);
  // A string member checked by `check`, which returns the reason it is bad
  // or "" and the value to keep.
  template <typename Check>
  void CheckedString(const Value& v, const std::string& path, std::string* out, Check check);
  // Calls `member` for every non-null member of object `v`; flags repeats.
  template <typename F>
  void Members(const Value& v, const std::string& prefix, F member);

  const Vocabulary& vocabulary_;
  const Compacts& compacts_;
  int64_t now_;
  const ValidationLimits& limits_;
  ValidationMode mode_;
  ValidationOutcome& out_;
};

template <typename F>
void Checker::Members(const Value& v, const std::string& prefix, F member) {
  // Objects are small: a linear scan finds repeated names without allocating.
  std::vector<std::string_view> seen;
  seen.reserve(v.MemberCount());
  for (const auto& m : v.GetObject()) {
    const std::string_view name(m.name.GetString(), m.name.GetStringLength());
    // An empty name still has to show in the path: as "" (quoted).
    const std::string shown =
        name.empty() ? "\"\"" : ShortenedForEcho(name, limits_.max_echoed_chars);
    const std::string path = prefix.empty() ? shown : prefix + "." + shown;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      Fail(path, "appears more than once");
      continue;
    }
    seen.push_back(name);
    if (m.value.IsNull()) continue;
    member(name, path, m.value);
  }
}

void Checker::Document(const Value& doc) {
  if (!doc.IsObject()) {
    Fail("(document)", "expected a JSON object");
    return;
  }
  Members(doc, "",
          [&](std::string_view, const std::string& name, const Value& v) { TopLevel(name, v); });
  Profile& p = out_.profile;
  for (auto [field, value] :
       {std::pair{"id", &p.id}, {"name", &p.name}, {"profession", &p.profession}}) {
    const auto it = doc.FindMember(field);
    if ((it == doc.MemberEnd() || it->value.IsNull()) && value->empty()) Fail(field, "is required");
  }
}

void Checker::TopLevel(const std::string& name, const Value& v) {
  Profile& p = out_.profile;
  const auto& rl = ReadOnlyProfileFields();
  if (name == "id") {
    if (!Expect(v.IsString(), name, "a string")) return;
    const std::string reason = CheckProfileId(Str(v), limits_.id_max_length);
    reason.empty() ? void(p.id = Str(v)) : Fail(name, reason);
  } else if (name == "npi") {
    if (!Expect(v.IsString(), name, "a string")) return;
    const std::string reason = CheckNpi(Str(v));
    reason.empty() ? void(p.npi = Str(v)) : Fail(name, reason);
  } else if (name == "name") {
    if (!Expect(v.IsString(), name, "a string")) return;
    const std::string reason =
        CheckText(Str(v), limits_.name_max_chars, Newlines::kRejected, BlankText::kRejected);
    reason.empty() ? void(p.name = Str(v)) : Fail(name, reason);
  } else if (name == "credentials") {
    ShortCodes(v, name, &p.credentials);
  } else if (name == "profession") {
    VocabValue("profession", v, name, &p.profession);
  } else if (name == "pronouns") {
    Text(v, name, limits_.pronouns_max_chars, Newlines::kRejected, &p.pronouns);
  } else if (name == "gender") {
    VocabValue("gender", v, name, &p.gender);
  } else if (name == "bio") {
    Text(v, name, limits_.bio_max_chars, Newlines::kAllowed, &p.bio);
  } else if (name == "specialties") {
    VocabList("specialty", v, name, &p.specialties);
  } else if (name == "modalities") {
    VocabList("modality", v, name, &p.modalities);
  } else if (name == "populations") {
    VocabList("population", v, name, &p.populations);
  } else if (name == "session_formats") {
    VocabList("session_format", v, name, &p.session_formats);
  } else if (name == "languages") {
    VocabList("language", v, name, &p.languages);
  } else if (name == "insurance") {
    VocabList("insurance", v, name, &p.insurance);
  } else if (name == "fee") {
    FeeObject(v);
  } else if (name == "accepting_new_clients") {
    Bool(v, name, &p.accepting_new_clients);
  } else if (name == "offices") {
    OfficeList(v);
  } else if (name == "licenses") {
    LicenseList(v);
  } else if (name == "compacts") {
    CompactList(v, name, &p.compacts);
  } else if (name == "telehealth") {
    TelehealthObject(v);
  } else if (name == "contact") {
    ContactObject(v);
  } else if (name == "availability_confirmed_at") {
    Timestamp(v, name, &p.availability_confirmed_at);
  } else if (name == "updated_at") {
    Timestamp(v, name, &p.updated_at);
  } else if (name == "verified_at") {
    Timestamp(v, name, &p.verified_at);
  } else if (std::find(rl.begin(), rl.end(), name) == rl.end()) {
    Unknown(name);
  }
}

void Checker::Text(const Value& v, const std::string& path, size_t max, Newlines newlines,
                   std::string* out) {
  if (!Expect(v.IsString(), path, "a string")) return;
  const std::string_view text(v.GetString(), v.GetStringLength());
  const std::string reason = CheckText(text, max, newlines, BlankText::kAllowed);
  reason.empty() ? void(*out = std::string(text)) : Fail(path, reason);
}

void Checker::VocabValue(std::string_view facet, const Value& v, const std::string& path,
                         std::string* out) {
  if (!Expect(v.IsString(), path, "a string")) return;
  const std::string_view value(v.GetString(), v.GetStringLength());
  if (!vocabulary_.Contains(facet, value)) {
    if (!Utf8Length(value)) return Fail(path, "is not valid UTF-8");
    return Fail(path, "unknown " + std::string(facet) + " \"" +
                          ShortenedForEcho(value, limits_.max_echoed_chars) + "\"");
  }
  *out = std::string(value);
}

void Checker::VocabList(std::string_view facet, const Value& v, const std::string& path,
                        std::vector<std::string>* out) {
  if (!Expect(v.IsArray(), path, "an array of strings")) return;
  const size_t errors_before = out_.errors.size();
  std::vector<std::string> values;
  for (size_t i = 0; i < v.Size(); ++i) {
    std::string value;
    VocabValue(facet, v[i], Indexed(path, i), &value);
    if (value.empty()) continue;
    if (std::find(values.begin(), values.end(), value) != values.end()) {
      Fail(Indexed(path, i), "duplicate value \"" + value + "\"");
      continue;
    }
    values.push_back(std::move(value));
  }
  if (out_.errors.size() == errors_before) *out = std::move(values);
}

void Checker::ShortCodes(const Value& v, const std::string& path, std::vector<std::string>* out) {
  if (!Expect(v.IsArray(), path, "an array of strings")) return;
  if (v.Size() > limits_.max_credentials) {
    return Fail(path, "has more than " + std::to_string(limits_.max_credentials) + " entries");
  }
  std::vector<std::string> values;
  for (size_t i = 0; i < v.Size(); ++i) {
    const std::string item_path = Indexed(path, i);
    if (!Expect(v[i].IsString(), item_path, "a string")) continue;
    const std::string reason = CheckShortCode(Str(v[i]), limits_.short_code_max_chars);
    if (!reason.empty()) {
      Fail(item_path, reason);
    } else if (std::find(values.begin(), values.end(), Str(v[i])) != values.end()) {
      Fail(item_path, "duplicate value \"" + Str(v[i]) + "\"");
    } else {
      values.push_back(Str(v[i]));
    }
  }
  if (values.size() == v.Size()) *out = std::move(values);
}

void Checker::CompactList(const Value& v, const std::string& path, std::vector<std::string>* out) {
  if (!Expect(v.IsArray(), path, "an array of strings")) return;
  std::vector<std::string> values;
  for (size_t i = 0; i < v.Size(); ++i) {
    const std::string item_path = Indexed(path, i);
    if (!Expect(v[i].IsString(), item_path, "a string")) continue;
    const std::string value = Str(v[i]);
    if (!compacts_.IsKnown(value)) {
      Fail(item_path,
           Utf8Length(value)
               ? "unknown compact \"" + ShortenedForEcho(value, limits_.max_echoed_chars) + "\""
               : "is not valid UTF-8");
    } else if (std::find(values.begin(), values.end(), value) != values.end()) {
      Fail(item_path, "duplicate value \"" + value + "\"");
    } else {
      values.push_back(value);
    }
  }
  if (values.size() == v.Size()) *out = std::move(values);
}

void Checker::Bool(const Value& v, const std::string& path, std::optional<bool>* out) {
  if (Expect(v.IsBool(), path, "true or false")) *out = v.GetBool();
}

void Checker::Integer(const Value& v, const std::string& path, int lo, int hi,
                      std::optional<int>* out) {
  if (!Expect(v.IsNumber(), path, "an integer")) return;
  // 90 and 90.0 are the same integer; 90.5 is not one.
  const double value = v.IsInt64() ? static_cast<double>(v.GetInt64()) : v.GetDouble();
  if (!Expect(std::floor(value) == value, path, "an integer")) return;
  if (value < lo || value > hi) {
    return Fail(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  *out = static_cast<int>(value);
}

void Checker::Coordinate(const Value& v, const std::string& path, double limit,
                         std::optional<double>* out) {
  if (!Expect(v.IsNumber(), path, "a number")) return;
  const double value = v.GetDouble();
  if (!(value >= -limit && value <= limit)) {
    const std::string bound = std::to_string(static_cast<int>(limit));
    return Fail(path, "must be between -" + bound + " and " + bound);
  }
  *out = value;
}

void Checker::Timestamp(const Value& v, const std::string& path, std::string* out) {
  if (!Expect(v.IsString(), path, "a string")) return;
  const auto seconds = ParseUtcTimestamp(Str(v));
  if (!seconds) {
    return Fail(path, "expected an ISO 8601 UTC time with a real date, like 2026-10-01T12:00:00Z");
  }
  if (*seconds > now_ + limits_.future_tolerance_seconds) return Fail(path, "is in the future");
  *out = Str(v);
}

void Checker::FeeObject(const Value& v) {
  if (!Expect(v.IsObject(), "fee", "an object")) return;
  Fee fee;
  Members(v, "fee", [&](std::string_view name, const std::string& path, const Value& m) {
    if (name == "min") {
      Integer(m, path, limits_.fee_min_dollars, limits_.fee_max_dollars, &fee.min);
    } else if (name == "max") {
      Integer(m, path, limits_.fee_min_dollars, limits_.fee_max_dollars, &fee.max);
    } else if (name == "sliding_scale") {
      Bool(m, path, &fee.sliding_scale);
    } else {
      Unknown(path);
    }
  });
  if (fee.min && fee.max && *fee.min > *fee.max) Fail("fee.min", "must not exceed fee.max");
  if (fee.min || fee.max || fee.sliding_scale) out_.profile.fee = fee;
}

void Checker::OfficeList(const Value& v) {
  if (!Expect(v.IsArray(), "offices", "an array of objects")) return;
  if (v.Size() > limits_.max_offices) {
    return Fail("offices", "has more than " + std::to_string(limits_.max_offices) + " entries");
  }
  for (size_t i = 0; i < v.Size(); ++i) {
    Office office;
    OfficeObject(v[i], Indexed("offices", i), &office);
    out_.profile.offices.push_back(std::move(office));
  }
}

void Checker::OfficeObject(const Value& v, const std::string& path, Office* office) {
  if (!Expect(v.IsObject(), path, "an object")) return;
  constexpr double kMaxLat = 90, kMaxLon = 180;
  Members(v, path, [&](std::string_view name, const std::string& member, const Value& m) {
    if (name == "city") {
      Text(m, member, limits_.city_max_chars, Newlines::kRejected, &office->city);
    } else if (name == "state") {
      VocabValue("state", m, member, &office->state);
    } else if (name == "zip") {
      if (!Expect(m.IsString(), member, "a string")) return;
      const std::string reason = CheckZip(Str(m));
      reason.empty() ? void(office->zip = Str(m)) : Fail(member, reason);
    } else if (name == "lat") {
      Coordinate(m, member, kMaxLat, &office->lat);
    } else if (name == "lon") {
      Coordinate(m, member, kMaxLon, &office->lon);
    } else if (name == "geo_precision") {
      if (!Expect(m.IsString(), member, "a string")) return;
      IsGeoPrecision(Str(m)) ? void(office->geo_precision = Str(m))
                             : Fail(member, "must be one of " + GeoPrecisionNames());
    } else {
      Unknown(member);
    }
  });
  const auto present = [&](const char* key) {
    const auto it = v.FindMember(key);
    return it != v.MemberEnd() && !it->value.IsNull();
  };
  if (present("lat") && !present("lon")) Fail(path + ".lon", "is required when lat is set");
  if (present("lon") && !present("lat")) Fail(path + ".lat", "is required when lon is set");
  if (present("geo_precision") && !present("lat")) {
    Fail(path + ".geo_precision", "is allowed only with lat and lon");
  }
}

void Checker::LicenseList(const Value& v) {
  if (!Expect(v.IsArray(), "licenses", "an array of objects")) return;
  if (v.Size() > limits_.max_licenses) {
    return Fail("licenses", "has more than " + std::to_string(limits_.max_licenses) + " entries");
  }
  for (size_t i = 0; i < v.Size(); ++i) {
    License license;
    LicenseObject(v[i], Indexed("licenses", i), &license);
    out_.profile.licenses.push_back(std::move(license));
  }
}

void Checker::LicenseObject(const Value& v, const std::string& path, License* license) {
  if (!Expect(v.IsObject(), path, "an object")) return;
  Members(v, path, [&](std::string_view name, const std::string& member, const Value& m) {
    if (name == "state") {
      VocabValue("state", m, member, &license->state);
    } else if (name == "type") {
      if (!Expect(m.IsString(), member, "a string")) return;
      const std::string reason = CheckShortCode(Str(m), limits_.short_code_max_chars);
      reason.empty() ? void(license->type = Str(m)) : Fail(member, reason);
    } else if (name == "number") {
      Text(m, member, limits_.license_number_max_chars, Newlines::kRejected, &license->number);
    } else {
      Unknown(member);
    }
  });
  const auto state = v.FindMember("state");
  if (state == v.MemberEnd() || state->value.IsNull()) Fail(path + ".state", "is required");
}

void Checker::TelehealthObject(const Value& v) {
  if (!Expect(v.IsObject(), "telehealth", "an object")) return;
  Telehealth t;
  Members(v, "telehealth", [&](std::string_view name, const std::string& path, const Value& m) {
    if (name == "modes") {
      VocabList("mode", m, path, &t.modes);
    } else if (name == "platforms") {
      VocabList("platform", m, path, &t.platforms);
    } else if (name == "devices") {
      VocabList("device", m, path, &t.devices);
    } else if (name == "group_therapy") {
      Bool(m, path, &t.group_therapy);
    } else if (name == "since") {
      const int this_year = YearOf(now_);
      if (m.IsInt() && m.GetInt() > this_year) return Fail(path, "year is in the future");
      Integer(m, path, limits_.telehealth_first_year, this_year, &t.since);
    } else {
      Unknown(path);
    }
  });
  out_.profile.telehealth = std::move(t);
}

template <typename Check>
void Checker::CheckedString(const Value& v, const std::string& path, std::string* out,
                            Check check) {
  if (!Expect(v.IsString(), path, "a string")) return;
  std::string kept;
  const std::string reason = check(Str(v), &kept);
  reason.empty() ? void(*out = std::move(kept)) : Fail(path, reason);
}

void Checker::ContactObject(const Value& v) {
  if (!Expect(v.IsObject(), "contact", "an object")) return;
  Contact contact;
  const auto url = [&](const std::string& text, std::string* kept) {
    return NormalizeHttpsUrl(text, limits_.url_max_chars, kept);
  };
  Members(v, "contact", [&](std::string_view name, const std::string& path, const Value& m) {
    if (name == "phone") {
      CheckedString(m, path, &contact.phone, [&](const std::string& text, std::string* kept) {
        return NormalizePhone(text, limits_.phone_max_chars, kept);
      });
    } else if (name == "email") {
      CheckedString(m, path, &contact.email, [&](const std::string& text, std::string* kept) {
        *kept = text;
        return CheckEmail(text, limits_.email_max_chars);
      });
    } else if (name == "website") {
      CheckedString(m, path, &contact.website, url);
    } else if (name == "booking_url") {
      CheckedString(m, path, &contact.booking_url, url);
    } else {
      Unknown(path);
    }
  });
  const bool any = !contact.phone.empty() || !contact.email.empty() || !contact.website.empty() ||
                   !contact.booking_url.empty();
  if (any) out_.profile.contact = std::move(contact);
}

}  // namespace

ProfileValidator::ProfileValidator(const Vocabulary& vocabulary, const Compacts& compacts,
                                   int64_t now_unix, ValidationLimits limits)
    : vocabulary_(vocabulary), compacts_(compacts), now_unix_(now_unix), limits_(limits) {}

ValidationOutcome ProfileValidator::Validate(const rapidjson::Value& document,
                                             ValidationMode mode) const {
  ValidationOutcome outcome;
  Checker(vocabulary_, compacts_, now_unix_, limits_, mode, outcome).Document(document);
  if (!outcome.ok()) outcome.profile = Profile{};
  return outcome;
}

const std::vector<std::string>& ReadOnlyProfileFields() {
  static const std::vector<std::string> kFields = {"version", "status", "telehealth_years",
                                                   "virtual_states", "created_at"};
  return kFields;
}

Error ValidationFailure(const std::vector<FieldError>& errors) {
  Error error{422, "validation_failed", "", errors.empty() ? "" : errors.front().field};
  for (const auto& e : errors) {
    error.message += (error.message.empty() ? "" : "; ") + e.field + ": " + e.reason;
  }
  return error;
}

}  // namespace rapport
