// Parsing of /api/v1/search and /api/v1/suggest parameters into requests
// (search_params.h), driven by the parameter table.
#include "search_params.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "search_cursor.h"
#include "utf8_check.h"

namespace rapport {
namespace {

std::string Str(std::string_view text) { return std::string(text); }

// The value quoted back in an error message, cut short so a huge value does
// not make a huge error.
std::string Echo(std::string_view value) {
  return "'" + ShortenedForEcho(value, kParamLimits.max_echoed_chars) + "'";
}

std::string NumText(double value) {
  if (value == std::floor(value)) return std::to_string(static_cast<long long>(value));
  return std::to_string(value);
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Splits a value at commas when the parameter allows it; every piece is trimmed
// of spaces and must be non-empty.
Result<std::vector<std::string_view>> SplitValues(const ParamSpec& spec, std::string_view value) {
  std::vector<std::string_view> pieces;
  while (true) {
    const size_t comma = spec.comma_separated ? value.find(',') : std::string_view::npos;
    std::string_view piece = TrimSpaces(value.substr(0, comma));
    if (piece.empty())
      return Error::BadParameter(Str(spec.name), Str(spec.name) + " has an empty value");
    pieces.push_back(piece);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return pieces;
}

Result<bool> ParseBoolean(const ParamSpec& spec, std::string_view value) {
  const std::string lower = AsciiLower(value);
  if (lower == "true" || lower == "1") return true;
  if (lower == "false" || lower == "0") return false;
  return Error::BadParameter(Str(spec.name), Str(spec.name) + " must be true or false");
}

Result<int> ParseInteger(const ParamSpec& spec, std::string_view value) {
  const std::string range = " between " + NumText(*spec.minimum) + " and " + NumText(*spec.maximum);
  int number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) {
    return Error::BadParameter(Str(spec.name), Str(spec.name) + " must be a whole number" + range);
  }
  if (number < *spec.minimum || number > *spec.maximum) {
    return Error::BadParameter(Str(spec.name), Str(spec.name) + " must be" + range);
  }
  return number;
}

// A finite decimal number, the whole of `text`.
std::optional<double> ParseDecimal(std::string_view text) {
  double number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(number)) {
    return std::nullopt;
  }
  return number;
}

Result<double> ParseNumber(const ParamSpec& spec, std::string_view value) {
  std::optional<double> number = ParseDecimal(value);
  if (!number || *number <= *spec.minimum || *number > *spec.maximum) {
    return Error::BadParameter(Str(spec.name), Str(spec.name) + " must be a number greater than " +
                                                   NumText(*spec.minimum) + " and at most " +
                                                   NumText(*spec.maximum));
  }
  return *number;
}

Result<GeoPoint> ParseLatLon(const ParamSpec& spec, std::string_view value) {
  const std::string name = Str(spec.name);
  const size_t comma = value.find(',');
  std::optional<double> lat, lon;
  if (comma != std::string_view::npos) {
    lat = ParseDecimal(TrimSpaces(value.substr(0, comma)));
    lon = ParseDecimal(TrimSpaces(value.substr(comma + 1)));
  }
  if (!lat || !lon) {
    return Error::BadParameter(name,
                               name + " must be LAT,LON in decimal degrees, e.g. 37.80,-122.27");
  }
  if (*lat < -90 || *lat > 90) {
    return Error::BadParameter(name, name + " latitude must be between -90 and 90");
  }
  if (*lon < -180 || *lon > 180) {
    return Error::BadParameter(name, name + " longitude must be between -180 and 180");
  }
  return GeoPoint{*lat, *lon};
}

Status ApplyText(const ParamSpec& spec, std::string_view value, int max_chars, std::string* out) {
  const std::string name = Str(spec.name);
  if (*CountUtf8CodePoints(value) > static_cast<size_t>(max_chars)) {
    return Error::BadParameter(
        name, name + " must be at most " + std::to_string(max_chars) + " characters");
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Error::BadParameter(name, name + " must not contain control characters");
    }
  }
  *out = value;
  return Status::Ok();
}

Status ApplyCursor(const ParamSpec& spec, std::string_view value, SearchRequest* request) {
  std::string text;
  if (Status applied = ApplyText(spec, value, static_cast<int>(kMaxCursorChars), &text); !applied) {
    return applied;
  }
  if (auto position = ParseCursor(text); !position) return position.error();
  request->cursor = std::move(text);
  return Status::Ok();
}

Status ApplyFacetValues(const ParamSpec& spec, std::string_view value, const Vocabulary& vocabulary,
                        SearchRequest* request) {
  Result<std::vector<std::string_view>> pieces = SplitValues(spec, value);
  if (!pieces) return pieces.error();
  std::vector<std::string>& values = request->filters[Str(spec.name)];
  for (std::string_view piece : pieces.value()) {
    std::string slug = AsciiLower(piece);
    if (!vocabulary.Contains(spec.vocabulary_facet, slug)) {
      return Error::BadParameter(Str(spec.name), "unknown " + Str(spec.name) + " " + Echo(piece) +
                                                     " (see /api/v1/vocab for the values)");
    }
    if (std::find(values.begin(), values.end(), slug) == values.end()) {
      values.push_back(std::move(slug));
    }
  }
  return Status::Ok();
}

Status ApplyFacetNames(const ParamSpec& spec, std::string_view value, SearchRequest* request) {
  Result<std::vector<std::string_view>> pieces = SplitValues(spec, value);
  if (!pieces) return pieces.error();
  for (std::string_view piece : pieces.value()) {
    if (std::find(spec.choices.begin(), spec.choices.end(), piece) == spec.choices.end()) {
      std::string known;
      for (std::string_view choice : spec.choices)
        known += (known.empty() ? "" : ", ") + Str(choice);
      return Error::BadParameter(Str(spec.name), "unknown facet " + Echo(piece) + " in " +
                                                     Str(spec.name) + "; facets are " + known);
    }
    auto& facets = request->facets;
    if (std::find(facets.begin(), facets.end(), piece) == facets.end()) facets.emplace_back(piece);
  }
  return Status::Ok();
}

Result<SortOrder> ParseSort(const ParamSpec& spec, std::string_view value) {
  static const std::pair<std::string_view, SortOrder> kOrders[] = {
      {"relevance", SortOrder::kRelevance},
      {"distance", SortOrder::kDistance},
      {"fee", SortOrder::kFee},
      {"telehealth_experience", SortOrder::kTelehealthExperience},
      {"updated", SortOrder::kUpdated}};
  for (const auto& [name, order] : kOrders) {
    if (name == value) return order;
  }
  std::string known;
  for (std::string_view choice : spec.choices) known += (known.empty() ? "" : ", ") + Str(choice);
  return Error::BadParameter(Str(spec.name), Str(spec.name) + " must be one of " + known);
}

Status ApplyBoolean(const ParamSpec& spec, std::string_view value, SearchRequest* request) {
  Result<bool> flag = ParseBoolean(spec, value);
  if (!flag) return flag.error();
  if (spec.name == params::kAccepting) request->accepting = flag.value();
  if (spec.name == params::kVirtual) request->virtual_only = flag.value();
  if (spec.name == params::kInPerson) request->in_person_only = flag.value();
  if (spec.name == params::kSlidingScale) request->sliding_scale = flag.value();
  if (spec.name == params::kInterpret) request->interpret = flag.value();
  return Status::Ok();
}

Status ApplyInteger(const ParamSpec& spec, std::string_view value, SearchRequest* request) {
  Result<int> number = ParseInteger(spec, value);
  if (!number) return number.error();
  if (spec.name == params::kTelehealthSinceBefore)
    request->telehealth_since_before = number.value();
  if (spec.name == params::kFeeMax) request->fee_max = number.value();
  if (spec.name == params::kFacetLimit) request->facet_limit = number.value();
  if (spec.name == params::kLimit) request->limit = number.value();
  if (spec.name == params::kOffset) request->offset = number.value();
  return Status::Ok();
}

// Applies one validated-UTF-8 parameter to the request.
Status ApplySearchParam(const ParamSpec& spec, std::string_view value, const Vocabulary& vocabulary,
                        SearchRequest* request) {
  const std::string name = Str(spec.name);
  if (spec.type != ParamType::kText && value.empty()) {
    return Error::BadParameter(name, name + " must not be empty");
  }
  switch (spec.type) {
    case ParamType::kText:
      if (spec.name == params::kCursor) return ApplyCursor(spec, value, request);
      return ApplyText(spec, value, kParamLimits.max_q_chars, &request->q);
    case ParamType::kFacetValue:
      return ApplyFacetValues(spec, value, vocabulary, request);
    case ParamType::kBoolean:
      return ApplyBoolean(spec, value, request);
    case ParamType::kInteger:
      return ApplyInteger(spec, value, request);
    case ParamType::kNumber: {
      Result<double> radius = ParseNumber(spec, value);
      if (!radius) return radius.error();
      request->radius_km = radius.value();
      return Status::Ok();
    }
    case ParamType::kLatLon: {
      Result<GeoPoint> point = ParseLatLon(spec, value);
      if (!point) return point.error();
      request->near = point.value();
      return Status::Ok();
    }
    case ParamType::kStateCode: {
      std::string code(TrimSpaces(value));
      for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (code.size() != 2 || !vocabulary.Contains(spec.vocabulary_facet, code)) {
        return Error::BadParameter(name, name + " must be a two-letter US state code");
      }
      request->state = code;
      return Status::Ok();
    }
    case ParamType::kChoice: {
      Result<SortOrder> order = ParseSort(spec, value);
      if (!order) return order.error();
      request->sort = order.value();
      return Status::Ok();
    }
    case ParamType::kFacetNames:
      return ApplyFacetNames(spec, value, request);
  }
  return Error::Internal("unhandled parameter type of " + name);
}

// The spec of a parameter after the checks common to both endpoints: valid
// UTF-8, a known name, no repeat of a non-repeatable parameter.
Result<const ParamSpec*> CheckParam(const std::vector<ParamSpec>& table, std::string_view name,
                                    std::string_view value, std::set<std::string_view>* seen) {
  // A name that cannot stand as the error's field is reported as the query's.
  if (!IsValidUtf8(name)) {
    return Error::BadParameter(Str(kQueryStringField), "parameter names must be valid UTF-8");
  }
  const ParamSpec* spec = FindParam(table, name);
  if (spec == nullptr) {
    return Error::BadParameter(Str(name.empty() ? kQueryStringField : name),
                               "unknown parameter " + Echo(name));
  }
  if (!seen->insert(spec->name).second && !spec->repeatable) {
    return Error::BadParameter(Str(name), Str(name) + " may appear only once");
  }
  if (!IsValidUtf8(value))
    return Error::BadParameter(Str(name), Str(name) + " must be valid UTF-8");
  return spec;
}

}  // namespace

Result<SearchRequest> ParseSearchParams(
    const std::vector<std::pair<std::string, std::string>>& params, const Vocabulary& vocabulary) {
  SearchRequest request;
  request.limit = kParamLimits.default_limit;
  request.radius_km = kParamLimits.default_radius_km;
  std::set<std::string_view> seen;
  for (const auto& [name, value] : params) {
    Result<const ParamSpec*> spec = CheckParam(SearchParamTable(), name, value, &seen);
    if (!spec) return spec.error();
    Status applied = ApplySearchParam(*spec.value(), value, vocabulary, &request);
    if (!applied) return applied.error();
  }
  if (seen.count(params::kRadiusKm) != 0 && !request.near) {
    return Error::BadParameter(Str(params::kRadiusKm), "radius_km needs near=LAT,LON");
  }
  if (request.sort == SortOrder::kDistance && !request.near) {
    return Error::BadParameter(Str(params::kSort), "sort=distance needs near=LAT,LON");
  }
  if (request.cursor && seen.count(params::kOffset) != 0) {
    return Error::BadParameter(Str(params::kOffset), "a cursor walk takes no offset");
  }
  if (request.cursor && seen.count(params::kSort) != 0) {
    return Error::BadParameter(Str(params::kSort),
                               "a cursor walk has an order of its own; leave sort out");
  }
  return request;
}

Result<SuggestRequest> ParseSuggestParams(
    const std::vector<std::pair<std::string, std::string>>& params) {
  SuggestRequest request;
  std::set<std::string_view> seen;
  for (const auto& [name, value] : params) {
    Result<const ParamSpec*> spec = CheckParam(SuggestParamTable(), name, value, &seen);
    if (!spec) return spec.error();
    if (spec.value()->name == params::kQ) {
      Status applied =
          ApplyText(*spec.value(), value, kParamLimits.max_suggest_q_chars, &request.q);
      if (!applied) return applied.error();
    } else {
      Result<int> limit = ParseInteger(*spec.value(), value);
      if (!limit) return limit.error();
      request.limit = limit.value();
    }
  }
  if (seen.count(params::kQ) == 0) return Error::BadParameter(Str(params::kQ), "q is required");
  return request;
}

}  // namespace rapport
