// SearchService: answers searches, profile look-ups and suggestions from the
// Xapian index. Thread-safe: any thread may call it; inside, each thread gets
// its own Xapian reader and all share one facet store built for the index
// revision they read.
//
//   auto service = SearchService::Open(data_dir.IndexPath(), {});
//   if (!service) return service.error();
//   Result<SearchResult> r = service.value()->Search(request);
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "english_words.h"
#include "error.h"
#include "search_request.h"
#include "search_result.h"
#include "suggester.h"
#include "vocabulary.h"

namespace rapport {

struct SearchOptions {
  // A search still running this long after it started stops at the next
  // step boundary (a query node, a facet, a hit; Xapian's matcher at once)
  // and answers 503 search_timeout rather than hold a worker (deadline.h).
  std::chrono::milliseconds time_limit{2000};
  // Suggestions are rebuilt from the index in the background, at most once
  // per this interval after the index changed; until then they lag behind.
  std::chrono::milliseconds suggester_refresh{30000};
  // The English word list the spelling policy protects ordinary words with
  // (spelling_policy.h), read once by Open. When it cannot be read, no
  // correction is ever offered (spelling_available() says so).
  std::string english_words_path{kDefaultEnglishWordsPath};
  // A correction is considered only when the query as typed finds fewer than
  // this many therapists under the request's filters, and offered only when
  // the corrected query finds more under the same filters.
  long correct_below = 3;
  // A plain query whose words together (after any correction) find fewer than
  // this many therapists under the request's filters drops its least
  // useful words until the rest finds this many (word_dropping.h); 0: never.
  long drop_words_below = 1;
  // The gazetteer (data/cities.json) whose cities interpret=true reads in a
  // query ("in Oakland", filter_words.h); empty: places are not read. Open
  // fails when it is given and cannot be read.
  std::string gazetteer_path;
};

struct IndexStats {
  uint64_t revision = 0;
  uint64_t documents = 0;
  std::string uuid;                // the database's UUID: a replica at the same revision of another
                                   // UUID holds another index (docs/scaling.md)
  uint64_t database_switches = 0;  // IndexSnapshot::database_switches
};

class SearchService {
 public:
  // Opens the index at `index_path` (the stub file the indexer maintains).
  // 503 Error ("index_unavailable") if there is no usable index.
  static Result<std::unique_ptr<SearchService>> Open(const std::string& index_path,
                                                     SearchOptions options);
  ~SearchService();

  // Runs one search. 400 Error for a request out of bounds or a `q` over the
  // query shape bounds (query_shape.h); 503 search_timeout past the time limit.
  Result<SearchResult> Search(const SearchRequest& request) const;

  // The public profile JSON of a published profile; 404 if none.
  Result<std::string> Profile(std::string_view id) const;

  // The public profile JSON of every published profile whose `npi` is `npi`
  // (none, one, or more when editors gave two profiles one NPI), in index order.
  Result<std::vector<std::string>> ProfilesWithNpi(std::string_view npi) const;

  // Completions of `prefix` (names, vocabulary labels and synonyms, frequent
  // words), best first.
  std::vector<Suggestion> Suggest(std::string_view prefix, int limit) const;

  const Vocabulary& vocabulary() const;
  // False when the English word list could not be read: then no search
  // offers a spelling correction.
  [[nodiscard]] bool spelling_available() const;
  IndexStats Stats() const;

  // Reads one stored document through a reader, as a search would: 503
  // "index_unavailable" when the index cannot be read (files gone or
  // damaged under an open service). For readiness checks.
  [[nodiscard]] Status Probe() const;

  // Makes later searches see the newest committed index revision (and a
  // switched-to rebuilt index). Cheap when nothing changed; the server calls
  // it from a background thread several times a second.
  Status Refresh();

  class Impl;

 private:
  explicit SearchService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rapport
