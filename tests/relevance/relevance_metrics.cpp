// Relevance metrics: NDCG with exponential gain (the usual form for graded
// judgments) and the reciprocal rank of the first relevant answer.
#include "relevance_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace rapport {

namespace {

int GradeOf(const std::map<std::string, int>& grades, const std::string& id) {
  auto it = grades.find(id);
  return it == grades.end() ? 0 : it->second;
}

// Sum of gain / discount over `ordered_grades` up to `k`.
double Dcg(const std::vector<int>& ordered_grades, int k) {
  double dcg = 0;
  for (size_t i = 0; i < ordered_grades.size() && i < static_cast<size_t>(k); ++i) {
    const double rank = static_cast<double>(i + 1);
    dcg += (std::exp2(ordered_grades[i]) - 1) / std::log2(rank + 1);
  }
  return dcg;
}

}  // namespace

double NdcgAt(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades,
              int k) {
  std::vector<int> ideal;
  for (const auto& [id, grade] : grades) ideal.push_back(grade);
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());
  const double ideal_dcg = Dcg(ideal, k);
  if (ideal_dcg <= 0) return 0;
  std::vector<int> actual;
  for (const auto& id : ranked) actual.push_back(GradeOf(grades, id));
  return Dcg(actual, k) / ideal_dcg;
}

double ReciprocalRankAt(const std::vector<std::string>& ranked,
                        const std::map<std::string, int>& grades, int k) {
  for (size_t i = 0; i < ranked.size() && i < static_cast<size_t>(k); ++i) {
    if (GradeOf(grades, ranked[i]) >= kRelevantGrade) return 1.0 / static_cast<double>(i + 1);
  }
  return 0;
}

}  // namespace rapport
