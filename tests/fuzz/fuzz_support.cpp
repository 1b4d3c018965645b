// Shared pieces of the fuzz harnesses (fuzz_support.h).
#include "fuzz_support.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <rapidjson/document.h>

#include "data_dir.h"
#include "index_commands.h"
#include "search_params.h"
#include "test_support.h"
#include "utf8_check.h"

namespace rapport::fuzz {
namespace {

// Enough profiles for facets, geo and text to find matches; few enough that
// building the index costs a few seconds at every harness start.
constexpr size_t kSampleProfiles = 200;

[[noreturn]] void SetupFailed(const std::string& what, const std::string& output) {
  std::fprintf(stderr, "fuzz index setup failed: %s\n%s\n", what.c_str(), output.c_str());
  std::abort();
}

std::vector<std::string> FuzzIndexLines() {
  std::vector<std::string> lines;
  std::istringstream sample(testing::ReadFile(testing::SourcePath("data/sample/profiles.ndjson")));
  for (std::string line; lines.size() < kSampleProfiles && std::getline(sample, line);) {
    lines.push_back(line);
  }
  std::istringstream small(testing::ReadFile(testing::SourcePath("tests/data/query-small.ndjson")));
  for (std::string line; std::getline(small, line);) lines.push_back(line);
  return lines;
}

FuzzIndex BuildFuzzIndex(const std::string& folder) {
  FuzzIndex index;
  index.data_dir = folder + "/data";
  index.profile_lines = FuzzIndexLines();
  std::string ndjson;
  for (const std::string& line : index.profile_lines) ndjson += line + "\n";
  const std::string ndjson_path = folder + "/profiles.ndjson";
  testing::WriteFile(ndjson_path, ndjson);
  std::ostringstream out, err;
  const CommandContext context{DataDir{index.data_dir}, DefaultDataFilesDir(), out, err};
  if (RunImport(context, {ndjson_path}) != 0) SetupFailed("import", out.str() + err.str());
  if (RunRebuild(context, {}) != 0) SetupFailed("rebuild", out.str() + err.str());
  SearchOptions options;
  options.gazetteer_path = DefaultDataFilesDir() + "/cities.json";
  auto service = SearchService::Open(DataDir{index.data_dir}.IndexPath(), options);
  if (!service) SetupFailed("open", service.error().message);
  index.service = std::move(service.value());
  return index;
}

}  // namespace

void FailInvariant(const char* file, int line, std::string_view invariant,
                   std::string_view detail) {
  std::fprintf(stderr, "\n%s:%d: invariant failed: %.*s\n  %.*s\n", file, line,
               static_cast<int>(invariant.size()), invariant.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

bool IsValidJsonText(std::string_view text) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(
      text.data(), text.size());
  return !document.HasParseError();
}

void CheckClientError(const Error& error, std::string_view what, FieldRule field_rule,
                      size_t max_message_bytes) {
  const std::string context = std::string(what) + ": " + std::to_string(error.status) + " " +
                              error.code + " field='" + error.field + "'";
  FUZZ_CHECK(error.status >= 400 && error.status < 500, context + " " + error.message);
  FUZZ_CHECK(!error.code.empty(), context);
  FUZZ_CHECK(!error.message.empty(), context);
  FUZZ_CHECK(error.message.size() <= max_message_bytes,
             context + " message of " + std::to_string(error.message.size()) + " bytes");
  FUZZ_CHECK(IsValidUtf8(error.message) && IsValidUtf8(error.field), context);
  FUZZ_CHECK(field_rule == FieldRule::kOptional || !error.field.empty(),
             context + " " + error.message);
}

void CheckSearchRefusal(const Error& error, std::string_view what) {
  CheckClientError(error, what, FieldRule::kRequired);
  const bool q_too_large = error.code == "query_too_complex" && error.field == params::kQ;
  const bool cursor_of_another_index =
      error.code == "cursor_expired" && error.field == params::kCursor;
  FUZZ_CHECK(q_too_large || cursor_of_another_index,
             std::string(what) + " failed: " + error.code + " " + error.message);
}

void CheckErrorResponse(const HttpResponse& response, std::string_view what, FieldRule field_rule,
                        size_t max_message_bytes) {
  const std::string context = std::string(what) + ": " + std::to_string(response.status) + " " +
                              response.body.substr(0, kMaxErrorMessageBytes);
  FUZZ_CHECK(IsValidJsonText(response.body), context);
  rapidjson::Document body;
  body.Parse(response.body.c_str(), response.body.size());
  FUZZ_CHECK(body.IsObject() && body.HasMember("error") && body["error"].IsObject(), context);
  const rapidjson::Value& error = body["error"];
  auto text = [&](const char* name) {
    const auto member = error.FindMember(name);
    return member != error.MemberEnd() && member->value.IsString()
               ? std::string(member->value.GetString(), member->value.GetStringLength())
               : std::string();
  };
  CheckClientError(Error{response.status, text("code"), text("message"), text("field")}, what,
                   field_rule, max_message_bytes);
}

const FuzzIndex& SharedIndex() {
  static const testing::TempDir folder;
  static const FuzzIndex index = BuildFuzzIndex(folder.path());
  return index;
}

int BuildSharedIndexFirst() {
  (void)SharedIndex();
  return 0;
}

const ImportReferenceData& SharedImportReferenceData() {
  static const ImportReferenceData* data = [] {
    auto loaded = LoadImportReferenceData(testing::SourcePath("data"));
    if (!loaded) SetupFailed("import reference data", loaded.error().message);
    return new ImportReferenceData(std::move(loaded).value());
  }();
  return *data;
}

MemoryFile::MemoryFile(std::string_view content) : fd_(memfd_create("fuzz_input", 0)) {
  FUZZ_CHECK(fd_ >= 0, "memfd_create");
  FUZZ_CHECK(write(fd_, content.data(), content.size()) == static_cast<ssize_t>(content.size()),
             "write");
}

MemoryFile::~MemoryFile() { close(fd_); }

std::string MemoryFile::path() const { return "/proc/self/fd/" + std::to_string(fd_); }

}  // namespace rapport::fuzz
