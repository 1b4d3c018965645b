// Relevance metrics of one ranked result list against a query's graded
// judgments (0..3, criteria.md). Profiles without a judgment count as 0.
//
//   double ndcg = NdcgAt(ranked_ids, query.grades, kRelevanceCutoff);
#pragma once

#include <map>
#include <string>
#include <vector>

namespace rapport {

// How deep the metrics look: the first page the search page shows.
constexpr int kRelevanceCutoff = 10;
// The lowest grade that counts as a relevant answer for MRR (criteria.md:
// 2 = the profile lists or discusses every part asked for).
constexpr int kRelevantGrade = 2;

// Normalised discounted cumulative gain of the first `k` of `ranked`: gain
// 2^grade - 1, discount log2(rank + 1), divided by the same sum over the best
// `k` judged grades. 0 when no judgment is above 0.
[[nodiscard]] double NdcgAt(const std::vector<std::string>& ranked,
                            const std::map<std::string, int>& grades, int k);

// 1 / the rank of the first of the first `k` of `ranked` graded at least
// kRelevantGrade; 0 when there is none.
[[nodiscard]] double ReciprocalRankAt(const std::vector<std::string>& ranked,
                                      const std::map<std::string, int>& grades, int k);

}  // namespace rapport
