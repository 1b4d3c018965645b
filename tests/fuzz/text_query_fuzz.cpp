// Fuzzes the free text `q` of a search: the parameter checks, Xapian's
// QueryParser as text_query.cpp configures it (phrases, AND/OR/NOT, field:
// prefixes), the spelling policy's corrections and the search that matches, ranks and
// snippets it on a small real index.
//
// Invariants: a refused `q` is a 4xx naming `q`; parsing never throws; an
// accepted `q` searches without error, and its total equals the number of
// documents Xapian's own matcher finds for the parsed query (or, when that
// finds almost nothing, for the corrected query the answer names in
// did_you_mean; or, when words were dropped, for the words kept, and then more than
// none); a correction is valid UTF-8; with interpret=true the search runs, names only
// known parameters and keeps only typed words; the answer is valid JSON. Phrases are the exception
// by design: vocabulary texts are indexed without positions and a phrase also matches the documents
// holding the concept (PhraseHolders, match_set.h), so with a phrase or NEAR the total may exceed
// Xapian's count, and with one under a NOT the two are not compared.
#include <algorithm>
#include <initializer_list>

#include <xapian.h>

#include "data_dir.h"
#include "english_words.h"
#include "fuzz_support.h"
#include "search_params.h"
#include "search_result_json.h"
#include "spelling_policy.h"
#include "text_query.h"
#include "utf8_check.h"
#include "word_dropping.h"

namespace rapport::fuzz {
namespace {

bool HasOperator(const Xapian::Query& query, std::initializer_list<Xapian::Query::op> operators) {
  if (std::find(operators.begin(), operators.end(), query.get_type()) != operators.end()) {
    return true;
  }
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (HasOperator(query.get_subquery(i), operators)) return true;
  }
  return false;
}

// True when a search for `query` may answer `total`: exactly the documents
// Xapian's matcher finds for it; at least those with a phrase or NEAR;
// anything with one under a NOT.
bool TotalFitsQuery(long total, const Xapian::Query& query, const Xapian::Database& db) {
  Xapian::doccount matched = db.get_doccount();
  if (!query.empty()) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    matched = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  }
  if (!HasOperator(query, {Xapian::Query::OP_PHRASE, Xapian::Query::OP_NEAR})) {
    return total == static_cast<long>(matched);
  }
  return HasOperator(query, {Xapian::Query::OP_AND_NOT}) || total >= static_cast<long>(matched);
}

// `q` parsed as the search parses it.
bool TotalFits(long total, const std::string& q, const Xapian::Database& db) {
  return TotalFitsQuery(total, ParseText(q, db).query, db);
}

// With dropped words, the answer is the search of the words kept: the
// droppable words of the text searched (q, or its correction) but those.
bool TotalFitsKept(long total, const std::string& text, const std::vector<std::string>& dropped,
                   const Xapian::Database& db) {
  const auto words = DroppableWords(text);
  if (!words) return false;
  std::vector<std::string> kept;
  for (const std::string& word : *words) {
    if (std::find(dropped.begin(), dropped.end(), word) == dropped.end()) kept.push_back(word);
  }
  return kept.size() + dropped.size() == words->size() && !kept.empty() &&
         TotalFitsQuery(total, ParsePlainWords(kept, db).query, db);
}

// The policy the search service applies, with the same word list (none, as
// the service then has none, when it cannot be read).
const SpellingPolicy& Spelling() {
  static const Result<EnglishWords> english =
      EnglishWords::Load(std::string(kDefaultEnglishWordsPath));
  static const SpellingPolicy policy(english ? &english.value() : nullptr,
                                     SharedIndex().service->vocabulary());
  return policy;
}

const Xapian::Database& Database() {
  static const Xapian::Database db(DataDir{SharedIndex().data_dir}.IndexPath());
  return db;
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const FuzzIndex& index = SharedIndex();
  const std::string q(AsText(data, size));
  Result<SearchRequest> request =
      ParseSearchParams({{std::string(params::kQ), q}}, index.service->vocabulary());
  if (!request) {
    CheckClientError(request.error(), "q", FieldRule::kRequired);
    FUZZ_CHECK(request.error().field == params::kQ, "the error names " + request.error().field);
    return 0;
  }
  const Xapian::Database& db = Database();
  const std::optional<std::string> corrected = Spelling().Correct(q, db);
  FUZZ_CHECK(!corrected || IsValidUtf8(*corrected), "spelling correction is not UTF-8");

  Result<SearchResult> result = index.service->Search(request.value());
  if (!result) {
    CheckSearchRefusal(result.error(), "search of an accepted q");
    return 0;
  }
  const long total = result.value().total;
  const std::optional<std::string>& did_you_mean = result.value().did_you_mean;
  const std::vector<std::string>& dropped = result.value().dropped_words;
  if (dropped.empty()) {
    FUZZ_CHECK(TotalFits(total, q, db) || (did_you_mean && TotalFits(total, *did_you_mean, db)),
               "total " + std::to_string(total) + " is not what Xapian's matcher finds");
  } else {
    FUZZ_CHECK(total > 0, "words were dropped for a search that still finds nobody");
    FUZZ_CHECK(TotalFitsKept(total, did_you_mean.value_or(q), dropped, db),
               "total " + std::to_string(total) + " is not what the kept words find");
  }
  FUZZ_CHECK(IsValidJsonText(SearchResultToJson(result.value())), "answer is not valid JSON");

  // The same q with interpret=true: it searches without error, and what it
  // read names known parameters, keeps only typed words and is valid JSON.
  SearchRequest interpreting = request.value();
  interpreting.interpret = true;
  Result<SearchResult> read = index.service->Search(interpreting);
  if (!read) {
    CheckSearchRefusal(read.error(), "search of an accepted q with interpret");
    return 0;
  }
  if (read.value().interpreted) {
    const Interpretation& interpreted = *read.value().interpreted;
    FUZZ_CHECK(!interpreted.filters.empty(), "an interpretation without filters");
    FUZZ_CHECK(interpreted.q.size() <= q.size() * 2, "the words left are longer than q");
    for (const InterpretedFilter& filter : interpreted.filters) {
      const bool known = filter.param == "language" || filter.param == "insurance" ||
                         filter.param == "population" || filter.param == "mode" ||
                         filter.param == "virtual" || filter.param == "sliding_scale" ||
                         filter.param == "near";
      FUZZ_CHECK(known, "unknown parameter " + filter.param);
      FUZZ_CHECK(filter.place.has_value() == (filter.param == "near"),
                 "a place without its point, or a point without a place");
    }
  }
  FUZZ_CHECK(IsValidJsonText(SearchResultToJson(read.value())),
             "interpreted answer is not valid JSON");
  return 0;
}
