// rapport-generate: writes N synthetic therapist profiles as NDJSON to stdout.
//
//   rapport-generate --count 1000000 --seed 1 > /tmp/profiles-1m.ndjson
//
// The same --count, --seed and data files give byte-identical output on every
// machine: the generator uses its own PRNG and a fixed reference date.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "catalog.h"
#include "profile_generator.h"
#include "profile_ndjson.h"

namespace {

constexpr size_t kFlushBytes = 1 << 20;
constexpr int kUsageExit = 2;
constexpr int kCoordinateDecimals = 4;  // ~10 m: the jitter already hides the exact spot

struct Options {
  unsigned long long count = 0;
  unsigned long long seed = 1;
  std::string data_dir = RAPPORT_DATA_FILES_DIR;
  rapport::generator::BioStyle bios = rapport::generator::BioStyle::kStatements;
  bool count_given = false;
};

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "usage: rapport-generate --count N [--seed S] [--bios statements|short]\n"
               "                        [--data-files DIR]\n"
               "Writes N synthetic therapist profiles (NDJSON, one per line) to stdout.\n"
               "  --count N          number of profiles (ids t-0000001 ...)\n"
               "  --seed S           PRNG seed, default 1; same seed, same output\n"
               "  --bios STYLE       statements (default): personal statements of\n"
               "                     ~150-400 words in three paragraphs, 1 in 20 short;\n"
               "                     short: 2-5 sentences each (the shipped sample)\n"
               "  --data-files DIR   folder with vocab.json, cities.json, compacts.json\n"
               "                     (default %s)\n",
               RAPPORT_DATA_FILES_DIR);
}

bool ParseNumber(const char* text, unsigned long long* out) {
  if (text == nullptr || *text == '\0' || *text == '-') return false;
  char* end = nullptr;
  *out = std::strtoull(text, &end, 10);
  return *end == '\0';
}

// Returns -1 to go on, or the exit code. Every option but --help takes a value.
int ParseOptions(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; i += 2) {
    const std::string arg = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
    if (arg == "--help" || arg == "-h") {
      PrintUsage(stdout);
      return 0;
    }
    bool understood = false;
    if (arg == "--count") {
      understood = options->count_given = ParseNumber(next, &options->count);
    } else if (arg == "--seed") {
      understood = ParseNumber(next, &options->seed);
    } else if (arg == "--bios") {
      understood = next != nullptr &&
                   (std::strcmp(next, "statements") == 0 || std::strcmp(next, "short") == 0);
      if (understood && std::strcmp(next, "short") == 0) {
        options->bios = rapport::generator::BioStyle::kShort;
      }
    } else if (arg == "--data-files") {
      understood = next != nullptr;
      if (understood) options->data_dir = next;
    }
    if (!understood) {
      std::fprintf(stderr, "rapport-generate: bad or incomplete option %s\n", arg.c_str());
      PrintUsage(stderr);
      return kUsageExit;
    }
  }
  if (!options->count_given) {
    std::fprintf(stderr, "rapport-generate: --count is required\n");
    PrintUsage(stderr);
    return kUsageExit;
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (int exit_code = ParseOptions(argc, argv, &options); exit_code >= 0) return exit_code;

  rapport::Result<rapport::generator::Catalog> catalog =
      rapport::generator::LoadCatalog(options.data_dir);
  if (!catalog) {
    std::fprintf(stderr, "rapport-generate: %s\n", catalog.error().message.c_str());
    return 1;
  }
  rapport::generator::GeneratorConfig config;
  config.bio.style = options.bios;
  const rapport::generator::ProfileGenerator generator(catalog.value(), options.seed, config);

  rapidjson::StringBuffer buffer;
  for (unsigned long long index = 0; index < options.count; ++index) {
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.SetMaxDecimalPlaces(kCoordinateDecimals);
    rapport::generator::WriteProfileJson(generator.Generate(index), &writer);
    buffer.Put('\n');
    if (buffer.GetSize() >= kFlushBytes || index + 1 == options.count) {
      if (std::fwrite(buffer.GetString(), 1, buffer.GetSize(), stdout) != buffer.GetSize()) {
        std::fprintf(stderr, "rapport-generate: write failed\n");
        return 1;
      }
      buffer.Clear();
    }
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}
