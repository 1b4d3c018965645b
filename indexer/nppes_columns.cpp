// Header lookup of the NPPES file.
#include "nppes_columns.h"

#include <map>

namespace rapport {
namespace {

// A column the import needs, with the older name the file used for it.
struct NamedColumn {
  size_t NppesColumns::*member;
  const char* name;
  const char* older_name;  // nullptr when the name never changed
};

constexpr NamedColumn kNamedColumns[] = {
    {&NppesColumns::npi, "NPI", nullptr},
    {&NppesColumns::entity_type, "Entity Type Code", nullptr},
    {&NppesColumns::deactivation_date, "NPI Deactivation Date", nullptr},
    {&NppesColumns::reactivation_date, "NPI Reactivation Date", nullptr},
    {&NppesColumns::last_name, "Provider Last Name (Legal Name)", nullptr},
    {&NppesColumns::first_name, "Provider First Name", nullptr},
    {&NppesColumns::name_suffix, "Provider Name Suffix Text", nullptr},
    {&NppesColumns::credential, "Provider Credential Text", nullptr},
    {&NppesColumns::sex, "Provider Sex Code", "Provider Gender Code"},
    {&NppesColumns::practice_city, "Provider Business Practice Location Address City Name",
     nullptr},
    {&NppesColumns::practice_state, "Provider Business Practice Location Address State Name",
     nullptr},
    {&NppesColumns::practice_postal_code, "Provider Business Practice Location Address Postal Code",
     nullptr},
    {&NppesColumns::practice_country,
     "Provider Business Practice Location Address Country Code (If outside U.S.)", nullptr},
    {&NppesColumns::practice_phone, "Provider Business Practice Location Address Telephone Number",
     nullptr},
};

struct NamedSlotColumn {
  size_t NppesTaxonomySlot::*member;
  const char* prefix;  // the name without "_N"
};

constexpr NamedSlotColumn kSlotColumns[] = {
    {&NppesTaxonomySlot::code, "Healthcare Provider Taxonomy Code"},
    {&NppesTaxonomySlot::license_number, "Provider License Number"},
    {&NppesTaxonomySlot::license_state, "Provider License Number State Code"},
    {&NppesTaxonomySlot::primary_switch, "Healthcare Provider Primary Taxonomy Switch"},
};

}  // namespace

Result<NppesColumns> FindNppesColumns(const std::vector<std::string>& header) {
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < header.size(); ++i) position.emplace(header[i], i);
  std::string missing;
  auto find = [&](const std::string& name, const char* older_name, size_t* out) {
    auto it = position.find(name);
    if (it == position.end() && older_name) it = position.find(older_name);
    if (it != position.end()) {
      *out = it->second;
      return;
    }
    missing += (missing.empty() ? "" : ", ") + ("\"" + name + "\"");
  };
  NppesColumns columns;
  for (const auto& column : kNamedColumns) {
    find(column.name, column.older_name, &(columns.*column.member));
  }
  columns.slots.resize(kNppesTaxonomySlots);
  for (int slot = 0; slot < kNppesTaxonomySlots; ++slot) {
    for (const auto& column : kSlotColumns) {
      find(std::string(column.prefix) + "_" + std::to_string(slot + 1), nullptr,
           &(columns.slots[slot].*column.member));
    }
  }
  if (!missing.empty()) {
    return Error::BadParameter("", "the header lacks the column(s) " + missing);
  }
  columns.count = header.size();
  return columns;
}

}  // namespace rapport
