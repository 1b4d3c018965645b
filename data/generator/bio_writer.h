// BioWriter: a first-person personal statement written from the profile's own
// specialties, modalities, populations and practical details, using the
// vocabulary labels, so that full-text search over bios is meaningful.
//
// Length distribution (the default BioShape; measured over 100,000 generated
// profiles, docs/benchmarks.md "Realistic bios"): most bios are three short
// paragraphs separated by a blank line -- who I work with, how I work,
// practical details -- aiming at 150 + 250 * u^1.5 words for a uniform u, so
// the aim has median ~238 and p10/p90 ~158/~363 words; a sentence finishes
// past the aim, so written bios run a little longer: mean ~260, median ~250,
// p10 ~170, p90 ~385 words, at most ~450 words / ~2,600 characters (the store
// takes 5,000). One bio in 20 is a short outlier of two to
// five sentences (~30-70 words), the generator's earlier style.
#pragma once

#include <string>

#include "catalog.h"
#include "prng.h"
#include "profile.h"

namespace rapport::generator {

// kStatements: the distribution above. kShort: every bio two to five
// sentences, drawn exactly as before the statements existed, so the shipped
// sample (data/sample/profiles.ndjson, `--bios short`) stays reproducible.
enum class BioStyle { kStatements, kShort };

// The length distribution of generated bios (see the header comment).
struct BioShape {
  BioStyle style = BioStyle::kStatements;
  double short_outlier = 0.05;  // share of two-to-five-sentence bios
  int min_words = 150;          // the aim of a full bio lies in [min, max]
  int max_words = 400;
  double skew = 1.5;  // aim = min + (max - min) * u^skew: > 1 favours shorter bios
  // Shares of the aim given to the three paragraphs; the last takes the rest.
  double who_share = 0.4;
  double how_share = 0.35;
};

// A bio of the given shape. Uses every field of `profile` except bio.
std::string WriteBio(Prng& prng, const Catalog& catalog, const Profile& profile,
                     const BioShape& shape);

}  // namespace rapport::generator
