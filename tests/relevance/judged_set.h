// JudgedSet: the judged relevance set of tests/relevance as the benchmark
// and the test read it: the queries of queries.tsv with the graded judgments
// of judgments.tsv (criteria.md says how they are made), and the baseline
// NDCG@10 of baseline.tsv.
//
//   Result<JudgedSet> set = LoadJudgedSet(SourcePath("tests/relevance"));
//   if (!set) return set.error();
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "error.h"

namespace rapport {

struct JudgedQuery {
  std::string id;
  std::string type;                   // a query type of criteria.md, e.g. "misspelling"
  std::string text;                   // what the client types, sent as q
  std::map<std::string, int> grades;  // profile id -> grade 0..3 (unjudged: absent)
};

struct JudgedSet {
  std::vector<JudgedQuery> queries;  // in the order of queries.tsv
  std::string sample_sha256;         // hex SHA-256 of the profiles the judgments graded
  int64_t judged_at = 0;             // unix time of the engine runs the judgments pooled
  size_t judgments = 0;
};

struct Baseline {
  double ndcg_at_10 = 0;    // the accepted NDCG@10 over the whole set
  double allowed_drop = 0;  // how far below it a change may go unnoticed
};

// Reads `dir`/queries.tsv and `dir`/judgments.tsv. Error (naming file and
// line) for a malformed line, two queries with one id, a grade outside 0..3,
// a judgment of an unknown query, a query without judgments, or no
// sample_sha256 or judged_at line.
[[nodiscard]] Result<JudgedSet> LoadJudgedSet(const std::string& dir);

// Reads `dir`/baseline.tsv. Error if a figure is missing or not a number.
[[nodiscard]] Result<Baseline> LoadBaseline(const std::string& dir);

// Hex SHA-256 of the file at `path`; Error if it cannot be read.
[[nodiscard]] Result<std::string> FileSha256(const std::string& path);

}  // namespace rapport
