// NppesColumns: where the columns the NPPES import reads sit in a file,
// found once from the header row by name (never by position), so extra or
// reordered columns are fine (docs/interop.md §3.1).
//
//   auto columns = FindNppesColumns(header.fields);
//   if (!columns) exit 2 with columns.error().message  // names the missing ones
//   const std::string& npi = row.fields[columns.value().npi];
#pragma once

#include <string>
#include <vector>

#include "error.h"

namespace rapport {

// The NPPES file's taxonomy groups: Healthcare Provider Taxonomy Code_1..15.
constexpr int kNppesTaxonomySlots = 15;

// One taxonomy group's columns.
struct NppesTaxonomySlot {
  size_t code = 0;
  size_t license_number = 0;
  size_t license_state = 0;
  size_t primary_switch = 0;  // "Y" on the provider's primary taxonomy
};

struct NppesColumns {
  size_t npi = 0;
  size_t entity_type = 0;
  size_t deactivation_date = 0;
  size_t reactivation_date = 0;
  size_t last_name = 0;
  size_t first_name = 0;
  size_t name_suffix = 0;
  size_t credential = 0;
  size_t sex = 0;  // "Provider Sex Code", or "Provider Gender Code" before 2025
  size_t practice_city = 0;
  size_t practice_state = 0;
  size_t practice_postal_code = 0;
  size_t practice_country = 0;
  size_t practice_phone = 0;
  std::vector<NppesTaxonomySlot> slots;  // kNppesTaxonomySlots of them, in order
  size_t count = 0;                      // columns in the header
};

// The columns of `header`; a 400 Error naming every missing column otherwise.
[[nodiscard]] Result<NppesColumns> FindNppesColumns(const std::vector<std::string>& header);

}  // namespace rapport
