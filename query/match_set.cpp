// MatchSet: boolean evaluation of a parsed query over posting lists.
#include "match_set.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

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

// Runs Xapian's matcher over `query` restricted to `within`, unranked.
DocSet CollectWithXapian(Xapian::Database& db, const Xapian::Query& query,
                         const std::shared_ptr<const DocSet>& within) {
  DocSet docs(within->bound());
  auto* source = new BoostPostingSource(within, nullptr);
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(source->release())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  CollectingSpy spy(docs);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, db.get_doccount());
  return docs;
}

// One input of a leapfrog intersection: a term's posting list or an
// in-memory set, stepped with "first docid >= d".
class Cursor {
 public:
  Cursor(Xapian::Database& db, const std::string& term)
      : post_(db.postlist_begin(term)), size_(db.get_termfreq(term)) {}
  explicit Cursor(const DocSet& docs) : docs_(&docs), size_(static_cast<uint64_t>(docs.Count())) {}

  uint64_t size() const { return size_; }
  // The first member >= `docid`, or 0 when there is none.
  uint32_t SkipTo(uint32_t docid) {
    if (docs_ != nullptr) return docs_->NextFrom(docid);
    if (post_ == Xapian::PostingIterator()) return 0;
    post_.skip_to(docid);
    return post_ == Xapian::PostingIterator() ? 0 : *post_;
  }

 private:
  const DocSet* docs_ = nullptr;
  Xapian::PostingIterator post_;
  uint64_t size_;
};

// Documents in every cursor. Smallest input first, each other input is
// skipped to the current candidate (glass skips whole posting chunks), so the
// cost follows the shortest list rather than the longest.
DocSet Leapfrog(std::vector<Cursor> cursors, uint32_t bound) {
  DocSet docs(bound);
  std::sort(cursors.begin(), cursors.end(),
            [](const Cursor& a, const Cursor& b) { return a.size() < b.size(); });
  if (cursors.front().size() == 0) return docs;
  const size_t count = cursors.size();
  uint32_t candidate = 1;
  size_t agreed = 0;
  for (size_t i = 0;; i = (i + 1) % count) {
    const uint32_t next = cursors[i].SkipTo(candidate);
    if (next == 0) break;
    if (next == candidate) {
      ++agreed;
    } else {
      candidate = next;
      agreed = 1;
    }
    if (agreed == count) {
      docs.Insert(candidate);
      ++candidate;
      agreed = 0;
    }
  }
  return docs;
}

DocSet Evaluate(Xapian::Database& db, const Xapian::Query& query,
                const std::shared_ptr<const DocSet>& within);

// AND of the children, restricted to `within`: the term children are
// intersected by leapfrogging their posting lists with the in-memory sets of
// the other children, never read in full.
DocSet EvaluateAnd(Xapian::Database& db, const Xapian::Query& query,
                   const std::shared_ptr<const DocSet>& within) {
  std::vector<Xapian::Query> terms;
  std::optional<DocSet> others;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query child = query.get_subquery(i);
    if (child.get_type() == Xapian::Query::LEAF_TERM) {
      terms.push_back(child);
      continue;
    }
    DocSet docs = Evaluate(db, child, within);
    if (others) {
      others->IntersectWith(docs);
    } else {
      others = std::move(docs);
    }
  }
  if (terms.empty()) return std::move(*others);
  if (others) others->IntersectWith(*within);
  std::vector<Cursor> cursors;
  for (const Xapian::Query& term : terms) cursors.emplace_back(db, *term.get_terms_begin());
  cursors.emplace_back(others ? *others : *within);
  return Leapfrog(std::move(cursors), within->bound());
}

DocSet Evaluate(Xapian::Database& db, const Xapian::Query& query,
                const std::shared_ptr<const DocSet>& within) {
  const uint32_t bound = within->bound();
  const size_t children = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      std::vector<Cursor> cursors;
      cursors.emplace_back(db, *query.get_terms_begin());
      cursors.emplace_back(*within);
      return Leapfrog(std::move(cursors), bound);
    }
    case Xapian::Query::LEAF_MATCH_ALL:
      return *within;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return DocSet(bound);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      return EvaluateAnd(db, query, within);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_MAX: {
      DocSet docs(bound);
      for (size_t i = 0; i < children; ++i)
        docs.UnionWith(Evaluate(db, query.get_subquery(i), within));
      return docs;
    }
    case Xapian::Query::OP_AND_NOT: {
      DocSet docs = Evaluate(db, query.get_subquery(0), within);
      for (size_t i = 1; i < children; ++i)
        docs.Subtract(Evaluate(db, query.get_subquery(i), within));
      return docs;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return Evaluate(db, query.get_subquery(0), within);
    default:
      return CollectWithXapian(db, query, within);
  }
}

}  // namespace

DocSet MatchSet(Xapian::Database& db, const Xapian::Query& query,
                const std::shared_ptr<const DocSet>& within) {
  DocSet docs = Evaluate(db, query, within);
  docs.IntersectWith(*within);
  return docs;
}

}  // namespace rapport
