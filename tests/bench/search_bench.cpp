// rapport-search-bench: in-process, warm search latency on an already built
// index, per query class of issue 3 (median and p99 over --queries searches
// each), plus the FacetStore's memory and build time for the revision.
// --mix FILE instead times the requests of an HTTP mix (tests/bench/http_mix.lua):
// each path's search and its JSON answer, in the process, with the CPU time
// each took, so the server's CPU per search can be split by path.
//
//   rapport-search-bench --data-dir /tmp/rapport-bench/1m --queries 300
//   rapport-search-bench --data-dir /tmp/rapport-bench/1m --mix tests/bench/http_mix.lua
#include <rapidjson/document.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "data_dir.h"
#include "index_reader.h"
#include "query_string.h"
#include "search_params.h"
#include "search_result_json.h"
#include "search_service.h"

namespace rapport {
namespace {

struct City {
  double lat, lon;
};

struct BenchOptions {
  std::string data_dir = DefaultDataDir();
  std::string data_files = DefaultDataFilesDir();
  int queries = 300;
  unsigned seed = 7;
  std::string only_class;  // run only the classes whose name contains this
  int rounds = 1;          // timed passes over each class's queries
  std::string mix_file;    // an HTTP mix script: time its paths instead of the classes
};

const std::vector<std::string> kWords = {
    "anxiety", "depression", "trauma", "grief",     "couples",   "cbt",         "emdr",
    "teens",   "burnout",    "ptsd",   "adhd",      "parenting", "mindfulness", "family",
    "stress",  "ocd",        "panic",  "addiction", "divorce",   "veterans",    "insomnia"};

std::vector<City> LoadCities(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  std::vector<City> cities;
  if (!doc.IsArray()) return cities;
  for (const auto& c : doc.GetArray())
    cities.push_back({c["lat"].GetDouble(), c["lon"].GetDouble()});
  return cities;
}

double Percentile(std::vector<double> ms, double p) {
  std::sort(ms.begin(), ms.end());
  const size_t i = std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())));
  return ms[i];
}

// Runs every query once to warm up, then `rounds` times timed; prints median
// and p99.
void RunClass(const BenchOptions& options, const std::string& name,
              const std::vector<std::function<long()>>& queries) {
  if (name.find(options.only_class) == std::string::npos) return;
  long sink = 0;
  for (const auto& q : queries) sink += q();
  std::vector<double> ms;
  for (int round = 0; round < options.rounds; ++round) {
    for (const auto& q : queries) {
      const auto start = std::chrono::steady_clock::now();
      sink += q();
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
  }
  std::printf("%-58s n=%4zu  p50 %8.3f ms  p99 %8.3f ms  (avg matches %ld)\n", name.c_str(),
              ms.size(), Percentile(ms, 0.5), Percentile(ms, 0.99),
              sink / static_cast<long>((options.rounds + 1) * queries.size()));
}

// CPU time this thread has used, in ms.
double ThreadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  constexpr double kMsPerSecond = 1e3;
  constexpr double kMsPerNano = 1e-6;
  return static_cast<double>(now.tv_sec) * kMsPerSecond +
         static_cast<double>(now.tv_nsec) * kMsPerNano;
}

// The quoted "/api/v1/search?…" and "/api/v1/suggest?…" targets of a wrk script, in order.
std::vector<std::string> MixTargets(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string script = text.str();
  const std::regex quoted(R"re("(/api/v1/(search|suggest)\?[^"]*)")re");
  std::vector<std::string> targets;
  for (auto it = std::sregex_iterator(script.begin(), script.end(), quoted);
       it != std::sregex_iterator(); ++it) {
    targets.push_back((*it)[1]);
  }
  return targets;
}

// One target of the mix as the server answers it: parameters parsed, the
// search (or suggestion) run, the JSON answer written. Returns the answer's size.
std::function<long()> MixRequest(const SearchService& service, const std::string& target) {
  const size_t question = target.find('?');
  auto pairs = ParseQueryString(std::string_view(target).substr(question + 1));
  if (!pairs) {
    std::cerr << target << ": " << pairs.error().message << "\n";
    std::exit(1);
  }
  if (target.rfind("/api/v1/suggest", 0) == 0) {
    auto suggest = ParseSuggestParams(pairs.value());
    if (!suggest) {
      std::cerr << target << ": " << suggest.error().message << "\n";
      std::exit(1);
    }
    return [&service, request = suggest.value()] {
      return static_cast<long>(SuggestionsToJson(service.Suggest(request.q, request.limit)).size());
    };
  }
  auto search = ParseSearchParams(pairs.value(), service.vocabulary());
  if (!search) {
    std::cerr << target << ": " << search.error().message << "\n";
    std::exit(1);
  }
  return [&service, request = search.value()] {
    auto result = service.Search(request);
    if (!result) {
      std::cerr << "search failed: " << result.error().message << "\n";
      std::exit(1);
    }
    return static_cast<long>(SearchResultToJson(result.value()).size());
  };
}

// Times each target of the mix `rounds` times after a warm-up pass,
// interleaved (target 1, 2, …, 1, 2, …): wall p50 and mean CPU per target,
// then the mean CPU per request over the whole mix.
int RunMix(const BenchOptions& options, const SearchService& service) {
  const std::vector<std::string> targets = MixTargets(options.mix_file);
  if (targets.empty()) {
    std::cerr << options.mix_file << ": no /api/v1/search or /api/v1/suggest targets\n";
    return 1;
  }
  std::vector<std::function<long()>> requests;
  for (const std::string& target : targets) requests.push_back(MixRequest(service, target));
  long bytes = 0;
  for (const auto& request : requests) bytes += request();
  std::vector<std::vector<double>> wall(targets.size());
  std::vector<double> cpu(targets.size(), 0);
  for (int round = 0; round < options.rounds; ++round) {
    for (size_t i = 0; i < requests.size(); ++i) {
      const double cpu_start = ThreadCpuMs();
      const auto start = std::chrono::steady_clock::now();
      bytes += requests[i]();
      wall[i].push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
      cpu[i] += ThreadCpuMs() - cpu_start;
    }
  }
  double cpu_total = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    std::printf("%-84s p50 %8.3f ms  CPU %8.3f ms\n", targets[i].c_str(), Percentile(wall[i], 0.5),
                cpu[i] / options.rounds);
    cpu_total += cpu[i];
  }
  std::printf("mix: %zu targets x %d rounds, mean CPU per request %.3f ms (answers %ld bytes)\n",
              targets.size(), options.rounds,
              cpu_total / static_cast<double>(targets.size() * options.rounds), bytes);
  return 0;
}

std::function<long()> SearchQuery(const SearchService& service, SearchRequest request) {
  return [&service, request] {
    auto result = service.Search(request);
    if (!result) {
      std::cerr << "search failed: " << result.error().message << "\n";
      std::exit(1);
    }
    return result.value().total;
  };
}

int Run(const BenchOptions& options) {
  const DataDir data_dir{options.data_dir};
  auto reader = IndexReader::Open(data_dir.IndexPath());
  if (!reader) {
    std::cerr << reader.error().message << "\n";
    return 1;
  }
  auto snapshot = reader.value()->snapshot();
  std::printf("documents %llu, facet store %.1f MB, built in %.3f s\n",
              static_cast<unsigned long long>(snapshot->documents),
              static_cast<double>(snapshot->store->MemoryBytes()) / 1e6,
              static_cast<double>(snapshot->store->build_time().count()) / 1e6);

  auto opened = SearchService::Open(data_dir.IndexPath(), {});
  if (!opened) {
    std::cerr << opened.error().message << "\n";
    return 1;
  }
  const SearchService& service = *opened.value();
  if (!options.mix_file.empty()) return RunMix(options, service);
  const std::vector<City> cities = LoadCities(options.data_files + "/cities.json");
  std::mt19937 rng(options.seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const std::vector<std::string> six = {"modality", "specialty", "insurance",
                                        "language", "gender",    "profession"};
  const std::vector<std::string> states = {"CA", "NY", "TX", "FL", "IL", "PA", "OH", "WA",
                                           "CO", "AZ", "GA", "NC", "MI", "MA", "VA", "OR"};

  // Filters over roughly 60% of the documents, found on this index.
  std::vector<std::pair<std::string, std::string>> broad;
  const double total = static_cast<double>(snapshot->documents);
  for (const std::string facet : {"population", "session_format", "mode", "device", "accepting"}) {
    SearchRequest probe;
    probe.facets = {facet};
    auto counts = service.Search(probe);
    if (!counts) continue;
    for (const auto& c : counts.value().facets[facet]) {
      const double share = static_cast<double>(c.count) / total;
      if (share > 0.45 && share < 0.75) broad.emplace_back(facet, c.value);
    }
  }
  if (broad.empty()) broad.emplace_back("population", "adults");

  std::vector<std::function<long()>> words, words_filters, filter_only, near, virtual_state,
      suggest;
  for (int i = 0; i < options.queries; ++i) {
    SearchRequest w;
    w.q = kWords[pick(kWords.size())];
    if (pick(2) == 0) w.q += " " + kWords[pick(kWords.size())];
    words.push_back(SearchQuery(service, w));

    SearchRequest wf;
    wf.q = kWords[pick(kWords.size())];
    wf.filters["gender"] = {pick(2) == 0 ? "female" : "male"};
    wf.filters["language"] = {"en"};
    wf.filters["insurance"] = {pick(2) == 0 ? "aetna" : "bcbs"};
    wf.facets = six;
    words_filters.push_back(SearchQuery(service, wf));

    SearchRequest fo;
    const auto& [facet, value] = broad[pick(broad.size())];
    fo.filters[facet] = {value};
    fo.facets = six;
    filter_only.push_back(SearchQuery(service, fo));

    SearchRequest nr;
    const City& city = cities[pick(cities.size())];
    nr.near = GeoPoint{city.lat, city.lon};
    nr.radius_km = 40;
    nr.in_person_only = true;
    nr.sort = SortOrder::kDistance;
    near.push_back(SearchQuery(service, nr));

    SearchRequest vs;
    vs.state = states[pick(states.size())];
    vs.virtual_only = true;
    vs.telehealth_since_before = 2020;
    vs.facets = six;
    virtual_state.push_back(SearchQuery(service, vs));

    const std::string prefix = kWords[pick(kWords.size())].substr(0, 3);
    suggest.push_back(
        [&service, prefix] { return static_cast<long>(service.Suggest(prefix, 8).size()); });
  }
  RunClass(options, "1-2 words, top 20", words);
  RunClass(options, "words + 3 filters + 6 facets", words_filters);
  RunClass(options, "filter only (~60% of docs) + 6 facets", filter_only);
  RunClass(options, "in person within 40 km of a city, sort=distance", near);
  RunClass(options, "virtual in a state + telehealth_since_before=2020 + 6 facets", virtual_state);
  RunClass(options, "suggest, 3 letters", suggest);
  return 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) {
  rapport::BenchOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--data-dir") {
      options.data_dir = next();
    } else if (arg == "--data-files") {
      options.data_files = next();
    } else if (arg == "--queries") {
      options.queries = std::max(1, std::atoi(next().c_str()));
    } else if (arg == "--class") {
      options.only_class = next();
    } else if (arg == "--rounds") {
      options.rounds = std::max(1, std::atoi(next().c_str()));
    } else if (arg == "--mix") {
      options.mix_file = next();
    } else if (arg == "--seed") {
      options.seed = static_cast<unsigned>(std::atoi(next().c_str()));
    } else {
      std::printf(
          "usage: rapport-search-bench [--data-dir DIR] [--data-files DIR] [--queries N] "
          "[--seed S] [--class TEXT] [--rounds R] [--mix FILE]\n"
          "Times warm in-process searches of each query class on the built index in DIR\n"
          "(default: $RAPPORT_DATA_DIR or ./var), N per class (default 300), R timed passes\n"
          "(default 1); --class runs only the classes whose name contains TEXT.\n"
          "--mix FILE times the /api/v1/search and /api/v1/suggest targets quoted in FILE\n"
          "(a wrk script such as tests/bench/http_mix.lua) instead, R rounds: each parsed,\n"
          "searched and written as JSON, with its CPU time.\n");
      return arg == "--help" ? 0 : 2;
    }
  }
  return rapport::Run(options);
}
