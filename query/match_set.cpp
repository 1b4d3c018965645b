// MatchSet: boolean evaluation of a parsed query over posting lists.
#include "match_set.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "posting_intersection.h"
#include "ranking.h"

namespace rapport {

namespace {

// Sets the bit of every document the match visits.
class CollectingSpy : public Xapian::MatchSpy {
 public:
  explicit CollectingSpy(DocSet& docs) : docs_(docs) {}
  void operator()(const Xapian::Document& doc, double /*wt*/) override {
    docs_.Insert(doc.get_docid());
  }

 private:
  DocSet& docs_;
};

// What a query is evaluated with besides the index.
struct Sources {
  PostingCache* cache;
  const PhraseHolders* holders;
  const Deadline* deadline;

  bool OutOfTime() const { return deadline != nullptr && deadline->Passed(); }
};

// Documents one run of Xapian's matcher is given at most. Xapian looks at
// its time limit only when a document matches, so a phrase that matches
// (almost) nothing would check positions to the end; between runs the
// deadline is looked at. At 100k profiles one run of a phrase of the two
// commonest words takes about 15 ms.
constexpr long kDocsPerXapianRun = 8192;

// Runs Xapian's matcher over `query` restricted to `within`, unranked, a
// slice of `within` at a time, until the deadline.
DocSet CollectWithXapian(Xapian::Database& db, const Xapian::Query& query,
                         const std::shared_ptr<const DocSet>& within, const Sources& sources) {
  DocSet docs(within->bound());
  CollectingSpy spy(docs);
  uint32_t next = within->NextFrom(0);  // 0: no more
  while (next != 0 && !sources.OutOfTime()) {
    auto slice = std::make_shared<DocSet>(within->bound());
    for (long taken = 0; next != 0 && taken < kDocsPerXapianRun; ++taken) {
      slice->Insert(next);
      next = within->NextFrom(next + 1);
    }
    auto* source = new BoostPostingSource(std::move(slice), nullptr);
    Xapian::Enquire enquire(db);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(source->release())));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    if (sources.deadline != nullptr) sources.deadline->Bound(enquire);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
  }
  return docs;
}

// Documents having every term that are in every set, when `cache` holds
// every term: word-wise ANDs of their sets; nullopt otherwise.
std::optional<DocSet> IntersectCached(Xapian::Database& db, const std::vector<std::string>& terms,
                                      const std::vector<const DocSet*>& sets, uint32_t bound,
                                      PostingCache* cache) {
  const auto lists = cache != nullptr ? cache->GetEvery(db, terms) : std::nullopt;
  if (!lists) return std::nullopt;
  DocSet docs = DocSet::Full(bound);
  for (const auto& list : *lists) docs.IntersectWith(list->members);
  for (const DocSet* set : sets) docs.IntersectWith(*set);
  return docs;
}

// Documents having every term that are in every set.
DocSet Intersect(Xapian::Database& db, const std::vector<std::string>& terms,
                 std::vector<const DocSet*> sets, uint32_t bound, PostingCache* cache) {
  if (auto cached = IntersectCached(db, terms, sets, bound, cache)) return std::move(*cached);
  DocSet docs(bound);
  PostingIntersection(db, terms, std::move(sets), cache).ForEach([&](uint32_t docid) {
    docs.Insert(docid);
  });
  return docs;
}

DocSet Evaluate(Xapian::Database& db, const Xapian::Query& query,
                const std::shared_ptr<const DocSet>& within, const Sources& sources);

// The terms of an exact phrase of distinct plain words ("eating disorders":
// OP_PHRASE whose window is its number of words), in order; nullopt for any
// other phrase.
std::optional<std::vector<std::string>> ExactPhraseTerms(const Xapian::Query& query) {
  const size_t children = query.get_num_subqueries();
  if (children < 2) return std::nullopt;
  std::vector<std::string> terms;
  for (size_t i = 0; i < children; ++i) {
    const Xapian::Query child = query.get_subquery(i);
    if (child.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    std::string term = *child.get_terms_begin();
    if (std::find(terms.begin(), terms.end(), term) != terms.end()) return std::nullopt;
    terms.push_back(std::move(term));
  }
  // The window is not in Xapian's public API; the description names it
  // ("(Zeat@1 PHRASE 2 Zdisord@2)"), a default window as the number of words.
  const std::string exact = " PHRASE " + std::to_string(children) + " ";
  if (query.get_description().find(exact) == std::string::npos) return std::nullopt;
  return terms;
}

// A phrase: the documents known to hold it (an exact phrase that a
// vocabulary text contains, PhraseHolders) without reading positions, plus
// Xapian's position-checked matches among the other documents having all
// its words.
DocSet EvaluatePhrase(Xapian::Database& db, const Xapian::Query& query,
                      const std::shared_ptr<const DocSet>& within, const Sources& sources) {
  const std::optional<std::vector<std::string>> terms = ExactPhraseTerms(query);
  if (!terms || sources.holders == nullptr) return CollectWithXapian(db, query, within, sources);
  DocSet held(within->bound());
  for (const std::string& term : sources.holders->phrases.HolderTerms(*terms)) {
    if (const TermSet* holders = sources.holders->store.Term(term)) holders->AddTo(held);
  }
  held.IntersectWith(*within);
  DocSet unknown = *within;
  unknown.Subtract(held);
  auto candidates = std::make_shared<const DocSet>(
      Intersect(db, *terms, {&unknown}, within->bound(), sources.cache));
  if (candidates->Count() > 0) held.UnionWith(CollectWithXapian(db, query, candidates, sources));
  return held;
}

// AND of the children, restricted to `within`: the term children's posting
// lists are intersected first (driven by the smallest input, never read in
// full otherwise), then each other child is evaluated within what is left,
// until nothing is.
DocSet EvaluateAnd(Xapian::Database& db, const Xapian::Query& query,
                   const std::shared_ptr<const DocSet>& within, const Sources& sources) {
  std::vector<std::string> terms;
  std::vector<Xapian::Query> others;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Xapian::Query child = query.get_subquery(i);
    if (child.get_type() == Xapian::Query::LEAF_TERM) {
      terms.push_back(*child.get_terms_begin());
    } else {
      others.push_back(std::move(child));
    }
  }
  std::shared_ptr<const DocSet> left = within;
  if (!terms.empty()) {
    left = std::make_shared<const DocSet>(
        Intersect(db, terms, {within.get()}, within->bound(), sources.cache));
  }
  for (const Xapian::Query& child : others) {
    if (left->Count() == 0) break;
    left = std::make_shared<const DocSet>(Evaluate(db, child, left, sources));
  }
  return *left;
}

// The first child without the others, each of those evaluated only within
// what is left.
DocSet EvaluateAndNot(Xapian::Database& db, const Xapian::Query& query,
                      const std::shared_ptr<const DocSet>& within, const Sources& sources) {
  auto left = std::make_shared<const DocSet>(Evaluate(db, query.get_subquery(0), within, sources));
  for (size_t i = 1; i < query.get_num_subqueries() && left->Count() > 0; ++i) {
    DocSet kept = *left;
    kept.Subtract(Evaluate(db, query.get_subquery(i), left, sources));
    left = std::make_shared<const DocSet>(std::move(kept));
  }
  return *left;
}

DocSet Evaluate(Xapian::Database& db, const Xapian::Query& query,
                const std::shared_ptr<const DocSet>& within, const Sources& sources) {
  const uint32_t bound = within->bound();
  const size_t children = query.get_num_subqueries();
  if (sources.OutOfTime()) return DocSet(bound);
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return Intersect(db, {*query.get_terms_begin()}, {within.get()}, bound, sources.cache);
    case Xapian::Query::LEAF_MATCH_ALL:
      return *within;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return DocSet(bound);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      return EvaluateAnd(db, query, within, sources);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_MAX: {
      DocSet docs(bound);
      for (size_t i = 0; i < children; ++i)
        docs.UnionWith(Evaluate(db, query.get_subquery(i), within, sources));
      return docs;
    }
    case Xapian::Query::OP_AND_NOT:
      return EvaluateAndNot(db, query, within, sources);
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return Evaluate(db, query.get_subquery(0), within, sources);
    case Xapian::Query::OP_PHRASE:
      return EvaluatePhrase(db, query, within, sources);
    default:
      return CollectWithXapian(db, query, within, sources);
  }
}

}  // namespace

DocSet MatchSet(Xapian::Database& db, const Xapian::Query& query,
                const std::shared_ptr<const DocSet>& within, PostingCache* cache,
                const PhraseHolders* holders, const Deadline* deadline) {
  DocSet docs = Evaluate(db, query, within, Sources{cache, holders, deadline});
  docs.IntersectWith(*within);
  return docs;
}

}  // namespace rapport
