// JudgedSet: reads the tab-separated files of tests/relevance (their headers
// say the formats).
#include "judged_set.h"

#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "utc_time.h"
#include "validation_checks.h"

namespace rapport {

namespace {

constexpr char kQueriesFile[] = "queries.tsv";
constexpr char kJudgmentsFile[] = "judgments.tsv";
constexpr char kBaselineFile[] = "baseline.tsv";
constexpr char kSampleShaKey[] = "# sample_sha256";
constexpr char kJudgedAtKey[] = "# judged_at";
constexpr size_t kQueryFields = 6;     // id, type, query, need, require, related
constexpr size_t kJudgmentFields = 5;  // query, profile, grade, runs, reason
constexpr int kMaxGrade = 3;

Error Malformed(const std::string& where, const std::string& why) {
  return Error::Internal(where + ": " + why);
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) fields.push_back(field);
  return fields;
}

// The lines of `path`, numbered from 1; Error if it cannot be read.
Result<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Internal("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool IsData(const std::string& line) { return !line.empty() && line[0] != '#'; }

Status ReadQueries(const std::string& path, JudgedSet& set) {
  auto lines = ReadLines(path);
  if (!lines) return lines.error();
  std::set<std::string> ids;
  for (size_t i = 0; i < lines.value().size(); ++i) {
    const std::string& line = lines.value()[i];
    if (!IsData(line)) continue;
    const std::string where = path + ":" + std::to_string(i + 1);
    const auto fields = SplitTabs(line);
    if (fields.size() != kQueryFields) {
      return Malformed(where, "expected " + std::to_string(kQueryFields) + " tab-separated fields");
    }
    if (!ids.insert(fields[0]).second) return Malformed(where, "query id appears twice");
    JudgedQuery query;
    query.id = fields[0];
    query.type = fields[1];
    query.text = fields[2];
    set.queries.push_back(std::move(query));
  }
  return Status::Ok();
}

Status ReadJudgments(const std::string& path, JudgedSet& set) {
  auto lines = ReadLines(path);
  if (!lines) return lines.error();
  std::map<std::string, JudgedQuery*> by_id;
  for (auto& query : set.queries) by_id[query.id] = &query;
  for (size_t i = 0; i < lines.value().size(); ++i) {
    const std::string& line = lines.value()[i];
    const std::string where = path + ":" + std::to_string(i + 1);
    const auto fields = SplitTabs(line);
    if (fields.size() == 2 && fields[0] == kSampleShaKey) set.sample_sha256 = fields[1];
    if (fields.size() == 2 && fields[0] == kJudgedAtKey) {
      const auto judged_at = ParseUtcTimestamp(fields[1]);
      if (!judged_at) return Malformed(where, "judged_at is not a UTC date-time");
      set.judged_at = *judged_at;
    }
    if (!IsData(line)) continue;
    if (fields.size() != kJudgmentFields) {
      return Malformed(where,
                       "expected " + std::to_string(kJudgmentFields) + " tab-separated fields");
    }
    auto query = by_id.find(fields[0]);
    if (query == by_id.end()) return Malformed(where, "unknown query '" + fields[0] + "'");
    const std::string& grade = fields[2];
    if (grade.size() != 1 || grade[0] < '0' || grade[0] > '0' + kMaxGrade) {
      return Malformed(where, "grade must be 0 to " + std::to_string(kMaxGrade));
    }
    query->second->grades[fields[1]] = grade[0] - '0';
    ++set.judgments;
  }
  if (set.sample_sha256.empty()) return Malformed(path, "no '# sample_sha256' line");
  if (set.judged_at == 0) return Malformed(path, "no '# judged_at' line");
  for (const auto& query : set.queries) {
    if (query.grades.empty()) return Malformed(path, "query '" + query.id + "' has no judgments");
  }
  return Status::Ok();
}

}  // namespace

Result<JudgedSet> LoadJudgedSet(const std::string& dir) {
  JudgedSet set;
  if (Status s = ReadQueries(dir + "/" + kQueriesFile, set); !s) return s.error();
  if (Status s = ReadJudgments(dir + "/" + kJudgmentsFile, set); !s) return s.error();
  return set;
}

Result<Baseline> LoadBaseline(const std::string& dir) {
  const std::string path = dir + "/" + kBaselineFile;
  auto lines = ReadLines(path);
  if (!lines) return lines.error();
  std::map<std::string, double> figures;
  for (const auto& line : lines.value()) {
    if (!IsData(line)) continue;
    const auto fields = SplitTabs(line);
    char* end = nullptr;
    const double value = fields.size() == 2 ? std::strtod(fields[1].c_str(), &end) : 0;
    if (fields.size() != 2 || end == fields[1].c_str() || *end != '\0') {
      return Malformed(path, "'" + line + "' is not NAME<tab>NUMBER");
    }
    figures[fields[0]] = value;
  }
  auto take = [&](const std::string& name, double& into) -> Status {
    auto it = figures.find(name);
    if (it == figures.end()) return Malformed(path, "no " + name);
    into = it->second;
    return Status::Ok();
  };
  Baseline baseline;
  if (Status s = take("ndcg_at_10", baseline.ndcg_at_10); !s) return s.error();
  if (Status s = take("allowed_drop", baseline.allowed_drop); !s) return s.error();
  return baseline;
}

Result<std::string> FileSha256(const std::string& path) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read " + path);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex);
}

}  // namespace rapport
