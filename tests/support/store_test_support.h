// Helpers for the store helper's tests (validator, store, import): the
// fixture vocabulary and compacts under tests/data/store/, a valid profile
// to start from, and a fixed "now".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "compacts.h"
#include "profile.h"
#include "profile_store.h"
#include "profile_validator.h"
#include "vocabulary.h"

namespace rapport::testing {

// 2026-11-25T00:00:00Z: the validator's clock in tests.
constexpr int64_t kFixtureNow = 1795564800;

// Folder holding the fixture vocab.json and compacts.json.
std::string StoreFixtureDir();
const Vocabulary& FixtureVocabulary();
const Compacts& FixtureCompacts();

// A complete valid profile (every field set) as JSON text, with `id`.
std::string ValidProfileJson(const std::string& id = "t-0000123");

// ValidProfileJson() with the top-level members of `patch` (a JSON object)
// replacing or adding to it.
std::string PatchedProfileJson(const std::string& patch);

// Validates `json` with the fixture vocabulary at kFixtureNow.
ValidationOutcome ValidateJson(const std::string& json,
                               ValidationMode mode = ValidationMode::kEditor);

// "field: reason" lines of a list of FieldErrors, in order.
std::vector<std::string> Lines(const std::vector<FieldError>& errors);

// A valid Profile with the given id and name (for store tests).
Profile MakeProfile(const std::string& id, const std::string& name);

// The store at `path`, opened (and migrated); fails the test when it cannot be.
std::unique_ptr<ProfileStore> OpenStore(const std::string& path);

}  // namespace rapport::testing

namespace doctest {
// Shows lists of strings (error lines) in failed checks.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& values) {
    std::string text = "{";
    for (const auto& v : values) text += (text.size() > 1 ? ", \"" : "\"") + v + "\"";
    return (text + "}").c_str();
  }
};
}  // namespace doctest
