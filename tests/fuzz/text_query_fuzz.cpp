// Fuzzes the free text `q` of a search: the parameter checks, Xapian's
// QueryParser as text_query.cpp configures it (phrases, AND/OR/NOT, field:
// prefixes, spelling correction) and the search that matches, ranks and
// snippets it on a small real index.
//
// Invariants: a refused `q` is a 4xx naming `q`; parsing never throws; an
// accepted `q` searches without error, and its total equals the number of
// documents Xapian's own matcher finds for the parsed query (or, when that
// finds almost nothing, for the corrected query the answer names in
// did_you_mean); the answer is valid JSON. Phrases are the exception by
// design: vocabulary texts are indexed without positions and a phrase also
// matches the documents holding the concept (PhraseHolders, match_set.h),
// so with a phrase or NEAR the total may exceed Xapian's count, and with one
// under a NOT the two are not compared.
#include <algorithm>
#include <initializer_list>

#include <xapian.h>

#include "data_dir.h"
#include "fuzz_support.h"
#include "search_params.h"
#include "search_result_json.h"
#include "text_query.h"
#include "utf8_check.h"

namespace rapport::fuzz {
namespace {

// Documents Xapian's matcher finds for `q` parsed as the search parses it.
Xapian::doccount XapianMatches(const std::string& q, const Xapian::Database& db) {
  const ParsedText parsed = ParseText(q, db);
  if (parsed.query.empty()) return db.get_doccount();
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed.query);
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

bool HasOperator(const Xapian::Query& query, std::initializer_list<Xapian::Query::op> operators) {
  if (std::find(operators.begin(), operators.end(), query.get_type()) != operators.end()) {
    return true;
  }
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (HasOperator(query.get_subquery(i), operators)) return true;
  }
  return false;
}

// How the search's total must relate to Xapian's count for `q`.
enum class Expected { kEqual, kAtLeast, kUncompared };

Expected Relation(const std::string& q, const Xapian::Database& db) {
  const Xapian::Query query = ParseText(q, db).query;
  if (!HasOperator(query, {Xapian::Query::OP_PHRASE, Xapian::Query::OP_NEAR})) {
    return Expected::kEqual;
  }
  return HasOperator(query, {Xapian::Query::OP_AND_NOT}) ? Expected::kUncompared
                                                         : Expected::kAtLeast;
}

const Xapian::Database& Database() {
  static const Xapian::Database db(DataDir{SharedIndex().data_dir}.IndexPath());
  return db;
}

}  // namespace
}  // namespace rapport::fuzz

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
  const std::string corrected = CorrectSpelling(q, db);
  FUZZ_CHECK(IsValidUtf8(corrected), "spelling correction is not UTF-8");

  Result<SearchResult> result = index.service->Search(request.value());
  FUZZ_CHECK(result.ok(), "search of an accepted q failed: " + result.error().message);
  const long total = result.value().total;
  auto fits = [&](const std::string& text) {
    const auto matched = static_cast<long>(XapianMatches(text, db));
    switch (Relation(text, db)) {
      case Expected::kEqual:
        return total == matched;
      case Expected::kAtLeast:
        return total >= matched;
      case Expected::kUncompared:
        return true;
    }
    return false;
  };
  const std::optional<std::string>& did_you_mean = result.value().did_you_mean;
  FUZZ_CHECK(fits(q) || (did_you_mean && fits(*did_you_mean)),
             "total " + std::to_string(total) + ", Xapian's matcher " +
                 std::to_string(XapianMatches(q, db)));
  FUZZ_CHECK(IsValidJsonText(SearchResultToJson(result.value())), "answer is not valid JSON");
  return 0;
}
