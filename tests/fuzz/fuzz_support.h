// What the libFuzzer harnesses of tests/fuzz share: a failed invariant that
// libFuzzer reports as a crash (with the input saved), the checks every
// answer to outside input must pass (a client error naming a field, JSON
// text that is valid UTF-8), a small real index built once per process, and
// the imports' reference data.
//
//   FUZZ_CHECK(result.hits.size() <= request.limit, "more hits than the limit");
//   CheckClientError(error, "search parameters", FieldRule::kRequired);
//
// docs/security.md lists the harnesses and what each checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "http_types.h"
#include "import_store.h"
#include "search_service.h"

namespace rapport::fuzz {

// Prints `invariant` and `detail` and aborts: libFuzzer saves the input.
[[noreturn]] void FailInvariant(const char* file, int line, std::string_view invariant,
                                std::string_view detail);

#define FUZZ_CHECK(condition, detail)                                                         \
  do {                                                                                        \
    if (!(condition)) ::rapport::fuzz::FailInvariant(__FILE__, __LINE__, #condition, detail); \
  } while (false)

// The input bytes as text.
[[nodiscard]] std::string_view AsText(const uint8_t* data, size_t size);

// True when `text` is one JSON value in valid UTF-8 (what every answer must be).
[[nodiscard]] bool IsValidJsonText(std::string_view text);

// An Error answering bad outside input: a 4xx status, a code, a message of at
// most `max_message_bytes` (a huge input is never echoed whole), valid
// UTF-8 throughout, and a field when `needs_field`.
inline constexpr size_t kMaxErrorMessageBytes = 4096;
enum class FieldRule { kRequired, kOptional };
void CheckClientError(const Error& error, std::string_view what, FieldRule field_rule,
                      size_t max_message_bytes = kMaxErrorMessageBytes);

// A search of a request its parameters accepted may still be refused for two
// reasons only: `q`, measured as parsed at search time, is over a size bound
// (400 query_too_complex naming q, docs/search-api.md), or its cursor was made
// on another index folder (400 cursor_expired naming cursor). Anything else
// fails.
void CheckSearchRefusal(const Error& error, std::string_view what);

// The same for an error answer: a 4xx with a JSON body (valid UTF-8) of the
// form {"error":{"code","message","field"}}, each a string.
void CheckErrorResponse(const HttpResponse& response, std::string_view what, FieldRule field_rule,
                        size_t max_message_bytes = kMaxErrorMessageBytes);

// A data folder with the first profiles of data/sample/profiles.ndjson and
// tests/data/query-small.ndjson, imported and indexed in-process by the real
// `rapport-index import` and `rebuild` code, and the SearchService on it.
struct FuzzIndex {
  std::string data_dir;
  std::unique_ptr<SearchService> service;
  std::vector<std::string> profile_lines;  // the NDJSON lines it was built from
};

// Built on first use; lives until the process exits.
[[nodiscard]] const FuzzIndex& SharedIndex();

// Builds SharedIndex (about 2 s, more on a loaded machine) and returns 0: a
// harness that searches it calls this from LLVMFuzzerInitialize, which
// libFuzzer does not time, so the build never counts against -timeout as part
// of the first input.
int BuildSharedIndexFirst();

// The reference data of the NPPES and FHIR imports (vocabulary, compacts,
// NUCC taxonomy, office geocoder) loaded from the source tree's data/ by the
// imports' own loader, once per process; aborts if a file cannot be read.
[[nodiscard]] const ImportReferenceData& SharedImportReferenceData();

// A file in memory with `content`, named by a path fopen can open: the
// harnesses of file readers (NDJSON, CSV) read the input through it.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view content);
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  [[nodiscard]] std::string path() const;

 private:
  int fd_;
};

}  // namespace rapport::fuzz
