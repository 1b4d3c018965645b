// GeoFilter: documents with an office within a radius of a point. The
// index's geographic cell terms (fine 0.25°, or coarse 2° cells for a large
// radius) covering the circle's bounding box give the candidates; an exact
// great-circle check of each candidate's offices decides.
#pragma once

#include <optional>

#include <xapian.h>

#include "doc_set.h"
#include "error.h"
#include "facet_store.h"
#include "posting_cache.h"
#include "search_request.h"

namespace rapport {

inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

struct GeoLimits {
  // Above this many fine cells the coarse cells are used, and above this many
  // coarse cells every office is checked (a radius of many hundred km).
  int max_fine_cells = 64;
  int max_coarse_cells = 256;
};

// Great-circle (haversine) distance in km.
[[nodiscard]] double GreatCircleKm(double lat1, double lon1, double lat2, double lon2);

// Distance in km from `centre` to the nearest office of `docid`, or nullopt
// when it has no office with coordinates.
[[nodiscard]] std::optional<double> NearestOfficeKm(const FacetStore& store, uint32_t docid,
                                                    const GeoPoint& centre);

// At most NearestOfficeKm from the point whose UnitVector is `centre` (the
// chord to the nearest office times R, slightly reduced against rounding;
// within a metre or so of the distance below a few hundred km), and without
// trigonometry; +infinity without an office. Lets a distance sort skip
// documents that cannot reach the page.
[[nodiscard]] double NearestOfficeKmLowerBound(const FacetStore& store, uint32_t docid,
                                               const UnitVector& centre);

// Live documents with an office within `radius_km` of `centre`. Cells
// `cache` holds (it may be null) are read from it.
[[nodiscard]] Result<DocSet> GeoFilter(Xapian::Database& db, const FacetStore& store,
                                       const GeoPoint& centre, double radius_km,
                                       PostingCache* cache = nullptr, const GeoLimits& limits = {});

}  // namespace rapport
