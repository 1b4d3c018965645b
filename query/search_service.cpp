// SearchService: one search = filters and facets over the FacetStore, text
// matching and BM25 ranking through Xapian, then hits with snippets.
#include "search_service.h"

#include <chrono>
#include <mutex>

#include <rapidjson/document.h>
#include <xapian.h>

#include "boost_order.h"
#include "deadline.h"
#include "document_data.h"
#include "facet_counter.h"
#include "filter_builder.h"
#include "filter_words.h"
#include "geo_filter.h"
#include "index_layout.h"
#include "index_reader.h"
#include "match_set.h"
#include "query_shape.h"
#include "ranking.h"
#include "request_bounds.h"
#include "search_cursor.h"
#include "search_params.h"
#include "snippet.h"
#include "spelling_policy.h"
#include "term_ranker.h"
#include "text_query.h"
#include "utc_time.h"
#include "word_dropping.h"

namespace rapport {

namespace {

// A read that finds its snapshot modified under it is tried this many more
// times on a fresh one.
constexpr int kStaleReaderRetries = 1;

// Every document of `docs` (the exact match set), weighted by its boost plus
// the text's weight where its words are (phrases without their positions:
// WithoutPositions). Text AND boost would lose the documents that hold a
// phrase only through their vocabulary concepts (indexed without positions:
// PhraseHolders), which the total counts.
Xapian::Query RankWithin(const Xapian::Query& text, std::shared_ptr<const DocSet> docs,
                         std::shared_ptr<const Booster> booster) {
  auto* source = new BoostPostingSource(std::move(docs), std::move(booster));
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(source->release()),
                       WithoutPositions(text));
}

// One search's view of the index revision it reads, and its deadline.
struct SearchScope {
  Xapian::Database& db;
  const IndexSnapshot& snapshot;
  const FacetStore& store;
  PostingCache* postings;
  PhraseHolders holders;
  const Deadline& deadline;
  const SpellingPolicy& spelling;
  long correct_below;     // SearchOptions::correct_below
  long drop_words_below;  // SearchOptions::drop_words_below
};

// What the text step leaves: the text query (spelling-corrected when that
// matched more), its matches before facet filters, and their ranking when it
// came with the matching.
struct TextMatch {
  ParsedText text;
  DocSet base;
  std::optional<std::vector<ScoredDoc>> ranked;
};

// Matches of `base` that pass every facet filter: the search's total.
long FilteredCount(const DocSet& base, const std::vector<FacetFilter>& filters) {
  return filters.empty() ? base.Count() : NarrowByFacets(base, filters, nullptr).Count();
}

// A query finding fewer than correct_below under all of the request's filters
// is tried again with the spelling policy's corrections; the correction is
// offered as did_you_mean, and its matches used, only when it finds more under
// the same filters.
void TryCorrection(const SearchScope& scope, const std::string& q,
                   const std::shared_ptr<const DocSet>& rest,
                   const std::vector<FacetFilter>& filters, TextMatch& match,
                   SearchResult& result) {
  const long typed_total = FilteredCount(match.base, filters);
  if (typed_total >= scope.correct_below) return;
  const std::optional<std::string> corrected = scope.spelling.Correct(q, scope.db);
  if (!corrected) return;
  ParsedText reparsed = ParseText(*corrected, scope.db);
  if (reparsed.query.empty()) return;
  DocSet corrected_base =
      MatchSet(scope.db, reparsed.query, rest, scope.postings, &scope.holders, &scope.deadline);
  if (FilteredCount(corrected_base, filters) <= typed_total) return;
  result.did_you_mean = *corrected;
  match.text = std::move(reparsed);
  match.base = std::move(corrected_base);
  match.ranked.reset();
}

// A plain query finding fewer than drop_words_below under all of the
// request's filters, as typed and after any correction, is searched without
// the words word_dropping.h chooses, when that finds more. A cursor walk
// keeps the words it started with.
void TryDroppingWords(const SearchScope& scope, const SearchRequest& request,
                      const std::shared_ptr<const DocSet>& rest,
                      const std::vector<FacetFilter>& filters, TextMatch& match,
                      SearchResult& result) {
  if (request.cursor || FilteredCount(match.base, filters) >= scope.drop_words_below) return;
  const std::string& text = result.did_you_mean.value_or(request.q);
  // Filter words carry what the client asked for: the words left beside
  // them ("terapeuta que" of "terapeuta que habla español") go when they
  // find nobody and the filters alone find someone.
  if (result.interpreted && FilteredCount(match.base, filters) == 0 &&
      FilteredCount(*rest, filters) > 0) {
    const auto left = ContentWords(text);
    if (left && !left->empty()) {
      result.dropped_words = *left;
      match = TextMatch{ParsedText{}, *rest, std::nullopt};
      return;
    }
  }
  const auto words = DroppableWords(text);
  if (!words) return;
  auto base_of = [&](const std::vector<std::string>& kept) {
    return MatchSet(scope.db, ParsePlainWords(kept, scope.db).query, rest, scope.postings,
                    &scope.holders, &scope.deadline);
  };
  const DroppedWords chosen = DropWords(
      *words, scope.drop_words_below,
      [&](const std::vector<std::string>& kept) { return FilteredCount(base_of(kept), filters); },
      [&] { return scope.deadline.Passed(); });
  if (chosen.dropped.empty()) return;
  result.dropped_words = chosen.dropped;
  match.text = ParsePlainWords(chosen.kept, scope.db);
  match.base = base_of(chosen.kept);
  match.ranked.reset();
}

// The filter words of `request`'s q (interpret=true) moved into its filters
// (filter_words.h); what was read, or nullopt when nothing was.
std::optional<Interpretation> ApplyFilterWords(const FilterWords& words, SearchRequest& request) {
  // An in-person search keeps "online" and "by video" as words; a search
  // near a place, or online, keeps the names of other places.
  std::vector<std::string_view> ignored;
  if (request.in_person_only) ignored = {params::kVirtual, "mode"};
  if (request.near || request.virtual_only) ignored.push_back(params::kNear);
  Interpretation found = words.Interpret(request.q, ignored);
  const auto reads = [&](std::string_view param) {
    return std::any_of(found.filters.begin(), found.filters.end(),
                       [&](const InterpretedFilter& filter) { return filter.param == param; });
  };
  // "online therapist in oakland": online wins, the place stays words.
  if (reads(params::kVirtual) && reads(params::kNear)) {
    ignored.push_back(params::kNear);
    found = words.Interpret(request.q, ignored);
  }
  if (found.filters.empty()) return std::nullopt;
  request.q = found.q;
  for (const InterpretedFilter& filter : found.filters) {
    if (filter.place) {
      request.near = filter.place;
    } else if (filter.param == params::kVirtual) {
      request.virtual_only = true;
    } else if (filter.param == params::kSlidingScale) {
      request.sliding_scale = true;
    } else {
      std::vector<std::string>& values = request.filters[filter.param];
      if (std::find(values.begin(), values.end(), filter.value) == values.end()) {
        values.push_back(filter.value);
      }
    }
  }
  return found;
}

// A plain word query sorted by relevance is matched and ranked in one pass
// over its posting lists: `base` gets every match in `rest`, and those that
// also pass the facet filters are ranked. nullopt (and `base` untouched) for
// any other query shape.
std::optional<std::vector<ScoredDoc>> MatchAndRank(const SearchScope& scope,
                                                   const Xapian::Query& query,
                                                   const std::shared_ptr<const DocSet>& rest,
                                                   const std::vector<FacetFilter>& filters,
                                                   const Booster& booster, const BoostOrder* order,
                                                   size_t count, DocSet& base) {
  std::optional<DocSet> filtered;
  if (!filters.empty()) filtered = NarrowByFacets(*rest, filters, nullptr);
  DocSet matched(rest->bound());
  RankScope rank_scope;
  rank_scope.within = rest.get();
  rank_scope.rank_only = filtered ? &*filtered : nullptr;
  rank_scope.matched = &matched;
  rank_scope.cache = scope.postings;
  rank_scope.order = order;
  auto ranked = RankPlainTerms(scope.db, query, rank_scope, scope.store, booster, count);
  if (ranked) base = std::move(matched);
  return ranked;
}

// The text step: `text` matched within `rest` (and ranked with it when it
// can be), or `rest` itself for a search without text.
TextMatch MatchText(const SearchScope& scope, const SearchRequest& request, ParsedText text,
                    const std::shared_ptr<const DocSet>& rest,
                    const std::vector<FacetFilter>& filters, const Booster& booster,
                    const BoostOrder* order, size_t wanted, SearchResult& result) {
  TextMatch match{std::move(text), *rest, std::nullopt};
  if (match.text.query.empty()) return match;
  if (request.sort == SortOrder::kRelevance) {
    match.ranked =
        MatchAndRank(scope, match.text.query, rest, filters, booster, order, wanted, match.base);
  }
  if (!match.ranked) {
    match.base =
        MatchSet(scope.db, match.text.query, rest, scope.postings, &scope.holders, &scope.deadline);
  }
  if (!scope.deadline.Passed()) TryCorrection(scope, request.q, rest, filters, match, result);
  if (!scope.deadline.Passed()) TryDroppingWords(scope, request, rest, filters, match, result);
  return match;
}

// The first `wanted` of `matches` in the request's order, for a page ranked
// without the text's scores: by relevance with `order` (boost alone), walked
// best-first when that looks at fewer docids than `matches` has, else by
// TopDocs' scan of every match.
std::vector<uint32_t> TopWithoutText(const SearchScope& scope, const SearchRequest& request,
                                     const DocSet& matches, const Booster& booster,
                                     const BoostOrder* order, size_t wanted) {
  if (request.sort == SortOrder::kRelevance && order != nullptr) {
    const auto walked =
        TopByBoost(matches, wanted, booster, *order, static_cast<size_t>(matches.Count()));
    if (walked) return *walked;
  }
  return TopDocs(matches, request.sort, wanted, scope.store, booster, request.near);
}

// A page of results in order: (docid, score) pairs.
struct RankedPage {
  std::vector<std::pair<uint32_t, double>> hits;
};

// The ranking step: the page of `matches` the request asks for.
RankedPage RankPage(const SearchScope& scope, const SearchRequest& request, TextMatch& match,
                    const std::shared_ptr<const DocSet>& matches,
                    const std::shared_ptr<const Booster>& booster, const BoostOrder* order,
                    size_t wanted) {
  RankedPage page;
  const bool by_relevance = request.sort == SortOrder::kRelevance;
  const Xapian::Query& query = match.text.query;
  if (!query.empty()) {
    if (by_relevance && !match.ranked) {
      RankScope rank_scope;
      rank_scope.within = matches.get();
      rank_scope.within_kind = WithinKind::kAllMatch;
      rank_scope.cache = scope.postings;
      rank_scope.order = order;
      match.ranked = RankPlainTerms(scope.db, query, rank_scope, scope.store, *booster, wanted);
    }
    if (match.ranked) {
      for (size_t i = static_cast<size_t>(request.offset); i < match.ranked->size(); ++i) {
        page.hits.emplace_back((*match.ranked)[i].docid, (*match.ranked)[i].score);
      }
    }
    if (by_relevance && !match.ranked) {  // Xapian ranks
      Xapian::Enquire enquire(scope.db);
      enquire.set_query(RankWithin(query, matches, booster));
      scope.deadline.Bound(enquire);
      const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit);
      for (auto it = mset.begin(); it != mset.end(); ++it)
        page.hits.emplace_back(*it, it.get_weight());
    }
  }
  if (query.empty() || !by_relevance) {
    std::vector<uint32_t> top = TopWithoutText(scope, request, *matches, *booster, order, wanted);
    for (size_t i = static_cast<size_t>(request.offset); i < top.size(); ++i) {
      page.hits.emplace_back(top[i], booster->Boost(top[i]));
    }
  }
  return page;
}

// The walk step (search_cursor.h): the request's `limit` matches after
// docid `after`, in docid order, and the cursor of the page after them.
RankedPage WalkPage(const SearchScope& scope, const SearchRequest& request, const DocSet& matches,
                    uint32_t after, SearchResult& result) {
  RankedPage page;
  const size_t limit = static_cast<size_t>(request.limit);
  uint32_t docid = after;
  while (page.hits.size() < limit) {
    docid = matches.NextFrom(docid + 1);
    if (docid == 0) break;
    page.hits.emplace_back(docid, 0.0);
  }
  result.walking = true;
  if (page.hits.size() == limit && matches.NextFrom(docid + 1) != 0) {
    result.next_cursor = NextCursor(CursorFolder(scope.snapshot.stub), docid);
  }
  return page;
}

// The public profile JSON stored in the index, parsed; an empty object
// when it cannot be parsed. Parsed in place: its strings (the bio is two
// thirds of a profile) are not copied but point into `json`, which the
// returned document keeps alive.
std::shared_ptr<const rapidjson::Document> ParseProfile(std::string json) {
  struct InPlace {
    std::string json;
    rapidjson::Document doc;
  };
  auto parsed = std::make_shared<InPlace>();
  parsed->json = std::move(json);
  parsed->doc.ParseInsitu(parsed->json.data());
  if (parsed->doc.HasParseError() || !parsed->doc.IsObject()) parsed->doc.SetObject();
  return std::shared_ptr<const rapidjson::Document>(parsed, &parsed->doc);
}

std::string_view TextView(const rapidjson::Document& profile, const char* name) {
  auto it = profile.FindMember(name);
  return it != profile.MemberEnd() && it->value.IsString()
             ? std::string_view(it->value.GetString(), it->value.GetStringLength())
             : std::string_view();
}

// The hits of `page`: stored profiles with snippets of the text query `text`,
// distances and years of telehealth; stops at the deadline.
std::vector<SearchHit> MakeHits(const SearchScope& scope, const SearchRequest& request,
                                const RankedPage& page, const Xapian::Query& text) {
  std::vector<SearchHit> hits;
  if (page.hits.empty()) return hits;
  const int year = CurrentUtcYear();
  const SnippetMaker snippets(text, scope.db);
  for (const auto& [docid, score] : page.hits) {
    if (scope.deadline.Passed()) break;
    // The docid is live in this snapshot's revision; without the flag Xapian
    // would prove it by looking up the document's length, decoding a chunk of
    // the length list (27 of a 20-hit page's 66 reads at 1M).
    Xapian::Document doc = scope.db.get_document(docid, Xapian::DOC_ASSUME_VALID);
    SearchHit hit;
    hit.profile = ParseProfile(UnpackDocumentData(doc.get_data()));
    hit.id = std::string(TextView(*hit.profile, "id"));
    hit.snippet = snippets.Make(TextView(*hit.profile, "bio"));
    if (request.near) hit.distance_km = NearestOfficeKm(scope.store, docid, *request.near);
    if (scope.store.telehealth_since(docid) != FacetStore::kNoYear) {
      hit.telehealth_years = std::max(0, year - scope.store.telehealth_since(docid));
    }
    hit.score = score;
    hits.push_back(std::move(hit));
  }
  return hits;
}

// The filter step: the documents within the radius of `near` (when given),
// then every filter of the request as document sets.
Result<FilterPlan> PlanFilters(const SearchScope& scope, const SearchRequest& request) {
  std::optional<DocSet> geo;
  if (request.near) {
    auto found = GeoFilter(scope.db, scope.store, *request.near, request.radius_km, scope.postings);
    if (!found) return found.error();
    geo = std::move(found.value());
  }
  return BuildFilters(request, scope.store, *scope.snapshot.vocabulary, geo);
}

// The count step: the number of matches and the requested facet counts
// (disjunctive: over the text matches and every other facet's filter).
Status CountMatches(const SearchScope& scope, const SearchRequest& request, const TextMatch& match,
                    const std::vector<FacetFilter>& filters, const DocSet& matches,
                    SearchResult& result) {
  result.total = matches.Count();
  auto facets = CountFacets(scope.store, match.base, filters, request.facets,
                            *scope.snapshot.vocabulary, request.facet_limit, scope.deadline);
  if (!facets) return facets.error();
  result.facets = std::move(facets.value());
  return Status::Ok();
}

}  // namespace

class SearchService::Impl {
 public:
  Impl(std::unique_ptr<IndexReader> reader, SearchOptions options,
       std::unique_ptr<const EnglishWords> english, std::unique_ptr<const CityGazetteer> places)
      : reader_(std::move(reader)),
        options_(std::move(options)),
        english_(std::move(english)),
        places_(std::move(places)) {}

  Result<SearchResult> Search(const SearchRequest& request) const;
  // One attempt on one reader; Xapian errors propagate for Search to retry or report.
  Result<SearchResult> SearchOnce(IndexReader::Lease& lease, const SearchRequest& request,
                                  const Deadline& deadline) const;
  Result<std::string> Profile(std::string_view id) const;
  Result<std::vector<std::string>> ProfilesWithNpi(std::string_view npi) const;

  // Runs `read` on a lease of the current snapshot. When the snapshot changed
  // under it (Xapian's DatabaseModifiedError), marks it stale, refreshes and
  // runs `read` once more on the new one; 503 index_unavailable if that fails
  // the same way, 500 naming `what` on any other Xapian error.
  template <typename T, typename Read>
  Result<T> OnFreshReader(std::string_view what, const Read& read) const {
    for (int attempt = 0;; ++attempt) {
      auto lease = reader_->Acquire();
      if (!lease) return lease.error();
      try {
        return read(lease.value());
      } catch (const Xapian::DatabaseModifiedError& e) {
        lease.value().MarkStale();
        if (attempt >= kStaleReaderRetries) return Error::IndexUnavailable(e.get_msg());
        (void)reader_->Refresh();
      } catch (const Xapian::Error& e) {
        return Error::Internal(std::string(what) + " failed: " + e.get_msg());
      }
    }
  }

  // The boost bounds of `snapshot`'s revision, computed by the first search
  // that needs them (docs/ranking.md).
  std::shared_ptr<const BoostBounds> BoundsFor(const IndexSnapshot& snapshot) const;

  // The BoostOrder of `bounds` when they are the current revision's (BoundsFor),
  // made by the first search that needs it: from the previous revision's order
  // when `bounds` were updated from that order's bounds. nullptr for bounds of a
  // revision already replaced.
  std::shared_ptr<const BoostOrder> OrderFor(
      const IndexSnapshot& snapshot, const std::shared_ptr<const BoostBounds>& bounds) const;

  // The spelling policy of `snapshot`'s vocabulary, made by the first search
  // that reads it (snapshots share the Vocabulary while vocab.json is unchanged).
  std::shared_ptr<const SpellingPolicy> SpellingFor(const IndexSnapshot& snapshot) const;

  // The filter words of `snapshot`'s vocabulary, made by the first search
  // that reads them (as SpellingFor).
  std::shared_ptr<const FilterWords> FilterWordsFor(const IndexSnapshot& snapshot) const;

  std::unique_ptr<IndexReader> reader_;
  SearchOptions options_;
  RankingConfig ranking_;
  mutable std::mutex bounds_mutex_;
  mutable uint64_t bounds_generation_ = 0;
  mutable std::shared_ptr<const BoostBounds> bounds_;
  // The bounds bounds_ were updated from (empty: computed afresh); guarded by bounds_mutex_.
  mutable std::weak_ptr<const BoostBounds> bounds_parent_;
  mutable std::mutex order_mutex_;
  mutable std::weak_ptr<const BoostBounds> order_bounds_;  // order_'s; guarded by order_mutex_
  mutable std::shared_ptr<const BoostOrder> order_;        // guarded by order_mutex_
  std::unique_ptr<const EnglishWords> english_;            // null: the word list could not be read
  std::unique_ptr<const CityGazetteer> places_;            // null: places in words are not read
  mutable std::mutex spelling_mutex_;
  // The vocabulary spelling_ was made from (kept alive so the key stays unique); guarded by
  // spelling_mutex_.
  mutable std::shared_ptr<const Vocabulary> spelling_vocabulary_;
  mutable std::shared_ptr<const SpellingPolicy> spelling_;  // guarded by spelling_mutex_
  mutable std::mutex filter_words_mutex_;
  // The vocabulary filter_words_ was made from; guarded by filter_words_mutex_.
  mutable std::shared_ptr<const Vocabulary> filter_words_vocabulary_;
  mutable std::shared_ptr<const FilterWords> filter_words_;  // guarded by filter_words_mutex_
};

std::shared_ptr<const SpellingPolicy> SearchService::Impl::SpellingFor(
    const IndexSnapshot& snapshot) const {
  std::lock_guard<std::mutex> lock(spelling_mutex_);
  if (!spelling_ || spelling_vocabulary_ != snapshot.vocabulary) {
    spelling_ = std::make_shared<const SpellingPolicy>(english_.get(), *snapshot.vocabulary);
    spelling_vocabulary_ = snapshot.vocabulary;
  }
  return spelling_;
}

std::shared_ptr<const FilterWords> SearchService::Impl::FilterWordsFor(
    const IndexSnapshot& snapshot) const {
  std::lock_guard<std::mutex> lock(filter_words_mutex_);
  if (!filter_words_ || filter_words_vocabulary_ != snapshot.vocabulary) {
    filter_words_ = std::make_shared<const FilterWords>(
        *snapshot.vocabulary, places_ ? places_->cities() : std::vector<GazetteerCity>{});
    filter_words_vocabulary_ = snapshot.vocabulary;
  }
  return filter_words_;
}

std::shared_ptr<const BoostBounds> SearchService::Impl::BoundsFor(
    const IndexSnapshot& snapshot) const {
  std::shared_ptr<const BoostBounds> previous;
  {
    std::lock_guard<std::mutex> lock(bounds_mutex_);
    if (bounds_ && bounds_generation_ == snapshot.generation) return bounds_;
    if (bounds_ && bounds_generation_ + 1 == snapshot.generation) previous = bounds_;
  }
  // The previous revision's bounds still bound every unchanged document.
  const bool updated = previous && snapshot.changed_since_previous;
  auto bounds =
      updated
          ? std::make_shared<const BoostBounds>(*previous, *snapshot.store, ranking_,
                                                UtcNowSeconds(), *snapshot.changed_since_previous)
          : std::make_shared<const BoostBounds>(*snapshot.store, ranking_, UtcNowSeconds());
  std::lock_guard<std::mutex> lock(bounds_mutex_);
  if (snapshot.generation >= bounds_generation_) {
    bounds_generation_ = snapshot.generation;
    bounds_ = bounds;
    bounds_parent_ = updated ? previous : std::weak_ptr<const BoostBounds>();
  }
  return bounds;
}

namespace {

bool SameBounds(const std::weak_ptr<const BoostBounds>& a,
                const std::weak_ptr<const BoostBounds>& b) {
  return !a.owner_before(b) && !b.owner_before(a);
}

}  // namespace

std::shared_ptr<const BoostOrder> SearchService::Impl::OrderFor(
    const IndexSnapshot& snapshot, const std::shared_ptr<const BoostBounds>& bounds) const {
  std::weak_ptr<const BoostBounds> parent;
  {
    std::lock_guard<std::mutex> lock(bounds_mutex_);
    if (bounds != bounds_) return nullptr;
    parent = bounds_parent_;
  }
  std::shared_ptr<const BoostOrder> previous;
  {
    std::lock_guard<std::mutex> lock(order_mutex_);
    if (order_ && SameBounds(order_bounds_, bounds)) return order_;
    // Only the identity of the parent matters: it may be gone by now.
    if (order_ && SameBounds(order_bounds_, parent)) previous = order_;
  }
  const uint32_t bound = snapshot.store->bound();
  auto order = previous ? std::make_shared<const BoostOrder>(*previous, *bounds, bound,
                                                             *snapshot.changed_since_previous)
                        : std::make_shared<const BoostOrder>(*bounds, bound);
  std::lock_guard<std::mutex> lock(order_mutex_);
  order_ = order;
  order_bounds_ = bounds;
  return order;
}

Result<SearchResult> SearchService::Impl::Search(const SearchRequest& request) const {
  const auto start = std::chrono::steady_clock::now();
  const Deadline deadline(options_.time_limit);
  Status valid = CheckRequestBounds(request);
  if (!valid) return valid.error();
  auto result = OnFreshReader<SearchResult>(
      "search", [&](IndexReader::Lease& lease) { return SearchOnce(lease, request, deadline); });
  if (result) {
    result.value().took_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  return result;
}

Result<SearchResult> SearchService::Impl::SearchOnce(IndexReader::Lease& lease,
                                                     const SearchRequest& typed,
                                                     const Deadline& deadline) const {
  const IndexSnapshot& snapshot = lease.snapshot();
  SearchRequest request = typed;
  // Only a search that asks for filter words takes the shared table's lock.
  std::optional<Interpretation> interpreted =
      request.interpret ? ApplyFilterWords(*FilterWordsFor(snapshot), request) : std::nullopt;
  const std::shared_ptr<const SpellingPolicy> spelling = SpellingFor(snapshot);
  const SearchScope scope{lease.db(),
                          snapshot,
                          *snapshot.store,
                          snapshot.postings.get(),
                          PhraseHolders{*snapshot.phrases, *snapshot.store},
                          deadline,
                          *spelling,
                          options_.correct_below,
                          options_.drop_words_below};
  // The query's size is checked before anything is read for it.
  ParsedText text = ParseText(request.q, scope.db);
  Status fits = CheckQueryShape(MeasureQuery(text.query));
  if (!fits) return fits.error();
  auto timed_out = [this] { return SearchTimedOut(options_.time_limit); };
  std::optional<uint32_t> walk_after;
  if (request.cursor) {
    auto start = CursorStart(*request.cursor, CursorFolder(snapshot.stub));
    if (!start) return start.error();
    walk_after = start.value();
  }

  auto plan = PlanFilters(scope, request);
  if (!plan) return plan.error();
  const std::vector<FacetFilter>& filters = plan.value().facet_filters;
  auto rest = std::make_shared<const DocSet>(std::move(plan.value().rest));
  if (deadline.Passed()) return timed_out();

  SearchResult result;
  result.interpreted = std::move(interpreted);
  result.offset = request.offset;
  result.limit = request.limit;
  // The bounds come first: the search's "now" must not precede theirs.
  auto bounds = BoundsFor(snapshot);
  auto booster = std::make_shared<const Booster>(
      scope.store, ranking_, std::max(UtcNowSeconds(), bounds->computed_at()), bounds);
  const size_t wanted = static_cast<size_t>(request.offset + request.limit);
  // The revision's boost order, for the best-first walks of a page by relevance.
  const std::shared_ptr<const BoostOrder> order =
      !walk_after && request.sort == SortOrder::kRelevance ? OrderFor(snapshot, bounds) : nullptr;
  TextMatch match = MatchText(scope, request, std::move(text), rest, filters, *booster, order.get(),
                              wanted, result);
  if (deadline.Passed()) return timed_out();

  auto matches = std::make_shared<const DocSet>(NarrowByFacets(match.base, filters, nullptr));
  if (Status counted = CountMatches(scope, request, match, filters, *matches, result); !counted) {
    return counted.error();
  }
  if (deadline.Passed()) return timed_out();

  const RankedPage page =
      walk_after ? WalkPage(scope, request, *matches, *walk_after, result)
                 : RankPage(scope, request, match, matches, booster, order.get(), wanted);
  if (deadline.Passed()) return timed_out();
  result.hits = MakeHits(scope, request, page, match.text.query);
  if (deadline.Passed()) return timed_out();
  return result;
}

Result<std::string> SearchService::Impl::Profile(std::string_view id) const {
  return OnFreshReader<std::string>(
      "profile lookup", [&](IndexReader::Lease& lease) -> Result<std::string> {
        Xapian::Database& db = lease.db();
        const std::string term = std::string(layout::kIdPrefix) + std::string(id);
        auto post = db.postlist_begin(term);
        if (post == db.postlist_end(term)) {
          return Error::NotFound("no therapist with id \"" + std::string(id) + "\"");
        }
        return UnpackDocumentData(db.get_document(*post).get_data());
      });
}

Result<std::vector<std::string>> SearchService::Impl::ProfilesWithNpi(std::string_view npi) const {
  return OnFreshReader<std::vector<std::string>>(
      "NPI lookup", [&](IndexReader::Lease& lease) -> Result<std::vector<std::string>> {
        Xapian::Database& db = lease.db();
        const std::string term = std::string(layout::kNpiPrefix) + std::string(npi);
        std::vector<std::string> profiles;
        for (auto post = db.postlist_begin(term); post != db.postlist_end(term); ++post) {
          profiles.push_back(UnpackDocumentData(db.get_document(*post).get_data()));
        }
        return profiles;
      });
}

SearchService::SearchService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchService::~SearchService() = default;

Result<std::unique_ptr<SearchService>> SearchService::Open(const std::string& index_path,
                                                           SearchOptions options) {
  IndexReaderOptions reader_options;
  reader_options.suggester_refresh = options.suggester_refresh;
  auto reader = IndexReader::Open(index_path, reader_options);
  if (!reader) return reader.error();
  auto english = EnglishWords::Load(options.english_words_path);
  auto english_words =
      english ? std::make_unique<const EnglishWords>(std::move(english.value())) : nullptr;
  std::unique_ptr<const CityGazetteer> places;
  if (!options.gazetteer_path.empty()) {
    auto gazetteer = CityGazetteer::Load(options.gazetteer_path);
    if (!gazetteer) return gazetteer.error();
    places = std::make_unique<const CityGazetteer>(std::move(gazetteer.value()));
  }
  return std::unique_ptr<SearchService>(new SearchService(std::make_unique<Impl>(
      std::move(reader.value()), std::move(options), std::move(english_words), std::move(places))));
}

Result<SearchResult> SearchService::Search(const SearchRequest& request) const {
  return impl_->Search(request);
}

Result<std::string> SearchService::Profile(std::string_view id) const { return impl_->Profile(id); }
Result<std::vector<std::string>> SearchService::ProfilesWithNpi(std::string_view npi) const {
  return impl_->ProfilesWithNpi(npi);
}

Status SearchService::Probe() const {
  auto lease = impl_->reader_->Acquire();
  if (!lease) return lease.error();
  try {
    Xapian::Database& db = lease.value().db();
    const Xapian::PostingIterator first = db.postlist_begin("");
    if (first != db.postlist_end("")) static_cast<void>(db.get_document(*first).get_data());
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    lease.value().MarkStale();
    return Error::IndexUnavailable("cannot read the index: " + e.get_description());
  }
}

std::vector<Suggestion> SearchService::Suggest(std::string_view prefix, int limit) const {
  auto suggester = impl_->reader_->suggester();
  if (!suggester) return {};
  return suggester->Complete(prefix, limit);
}

const Vocabulary& SearchService::vocabulary() const {
  // Snapshots reuse the previous Vocabulary object while vocab.json is
  // unchanged, and IndexReader keeps every one it handed out alive, so the
  // reference stays valid for the caller.
  return *impl_->reader_->snapshot()->vocabulary;
}

bool SearchService::spelling_available() const { return impl_->english_ != nullptr; }

IndexStats SearchService::Stats() const {
  auto snapshot = impl_->reader_->snapshot();
  if (!snapshot) return {};
  IndexStats stats;
  stats.revision = snapshot->revision;
  stats.documents = snapshot->documents;
  stats.uuid = snapshot->uuid;
  stats.database_switches = snapshot->database_switches;
  return stats;
}

Status SearchService::Refresh() { return impl_->reader_->Refresh(); }

}  // namespace rapport
