// RequestBounds: bounds of every numeric and paging field of a SearchRequest.
#include "request_bounds.h"

#include <cmath>
#include <string>

#include "search_params.h"

namespace rapport {

namespace {
constexpr double kMaxLatitude = 90;
constexpr double kMaxLongitude = 180;

// Each facet filter value is a set to unite; all of them together are
// bounded (a partner key's fixed filter is the operator's own and not
// counted). The error names the filter with the most values.
Status CheckFilterValues(const SearchRequest& request, const ParamLimits& limits) {
  size_t total = 0;
  const std::string* largest = nullptr;
  size_t largest_size = 0;
  for (const auto& [name, values] : request.filters) {
    total += values.size();
    if (values.size() > largest_size) {
      largest = &name;
      largest_size = values.size();
    }
  }
  if (total <= static_cast<size_t>(limits.max_filter_values)) return Status::Ok();
  return Error::QueryTooComplex(
      *largest, "the search has " + std::to_string(total) + " filter values; at most " +
                    std::to_string(limits.max_filter_values) + " are allowed in all");
}
}  // namespace

Status CheckRequestBounds(const SearchRequest& request) {
  const ParamLimits& limits = kParamLimits;
  if (request.limit < 1 || request.limit > limits.max_limit) {
    return Error::BadParameter(std::string(params::kLimit),
                               "limit must be between 1 and " + std::to_string(limits.max_limit));
  }
  if (request.offset < 0 || request.offset > limits.max_offset) {
    return Error::BadParameter(std::string(params::kOffset),
                               "offset must be between 0 and " + std::to_string(limits.max_offset));
  }
  if (request.q.size() > static_cast<size_t>(limits.max_q_chars) * 4) {
    return Error::BadParameter(std::string(params::kQ), "q is too long");
  }
  if (!(request.radius_km > 0 && request.radius_km <= limits.max_radius_km)) {
    return Error::BadParameter(std::string(params::kRadiusKm),
                               "radius_km must be above 0 and at most " +
                                   std::to_string(static_cast<int>(limits.max_radius_km)));
  }
  if (request.near && !(std::fabs(request.near->lat) <= kMaxLatitude &&
                        std::fabs(request.near->lon) <= kMaxLongitude)) {
    return Error::BadParameter(std::string(params::kNear), "near must be LAT,LON within range");
  }
  if (request.sort == SortOrder::kDistance && !request.near) {
    return Error::BadParameter(std::string(params::kSort), "sort=distance needs near=LAT,LON");
  }
  if (request.facet_limit &&
      (*request.facet_limit < 1 || *request.facet_limit > limits.max_facet_limit)) {
    return Error::BadParameter(
        std::string(params::kFacetLimit),
        "facet_limit must be between 1 and " + std::to_string(limits.max_facet_limit));
  }
  if (request.fee_max && (*request.fee_max < 0 || *request.fee_max > limits.max_fee)) {
    return Error::BadParameter(std::string(params::kFeeMax), "fee_max is out of range");
  }
  if (Status values = CheckFilterValues(request, limits); !values) return values;
  if (request.telehealth_since_before && (*request.telehealth_since_before < limits.min_year ||
                                          *request.telehealth_since_before > limits.max_year)) {
    return Error::BadParameter(std::string(params::kTelehealthSinceBefore),
                               "telehealth_since_before must be a year between " +
                                   std::to_string(limits.min_year) + " and " +
                                   std::to_string(limits.max_year));
  }
  return Status::Ok();
}

}  // namespace rapport
