// What every bulk import (NDJSON, NPPES, FHIR) needs besides its input: the
// store it writes to, its data folder created first when missing, the
// reference data the profile validator checks documents against, and what the
// NPPES and FHIR mappings read besides (taxonomy, the office geocoder).
#pragma once

#include <memory>
#include <string>

#include "compacts.h"
#include "data_dir.h"
#include "error.h"
#include "nppes_taxonomy.h"
#include "office_geocoder.h"
#include "profile_store.h"
#include "vocabulary.h"

namespace rapport {

// Creates `data_dir.root` if needed and opens the store in it; a 500 Error
// naming the folder or the file otherwise.
[[nodiscard]] Result<std::unique_ptr<ProfileStore>> OpenImportStore(const DataDir& data_dir);

// The vocabulary and the licensure compacts a ProfileValidator reads.
struct ValidationData {
  Vocabulary vocabulary;
  Compacts compacts;
};

// Loads vocab.json and compacts.json from `data_files_dir`; the Error names
// the file that could not be read.
[[nodiscard]] Result<ValidationData> LoadValidationData(const std::string& data_files_dir);

// What the NPPES and FHIR imports map rows and resources with and validate
// the profiles against, loaded once per run.
struct ImportReferenceData {
  ValidationData validation;
  NuccTaxonomy taxonomy;    // nucc_taxonomy.json: behavioural codes → profession, facets
  OfficeGeocoder geocoder;  // zip_centroids.tsv + cities.json: where an office is, how exactly
};

// Loads the validation data, nucc_taxonomy.json and the geocoder's tables from
// `data_files_dir`; the Error names the file that could not be read.
[[nodiscard]] Result<ImportReferenceData> LoadImportReferenceData(
    const std::string& data_files_dir);

}  // namespace rapport
