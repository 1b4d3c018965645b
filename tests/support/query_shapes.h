// Text queries of a chosen size: for each count a query shape bound limits
// (query/query_shape.h), a `q` that has exactly `count` of it and stays within
// every other bound, so a test knows the answer without asking the code
// under test.
#pragma once

#include <string>

#include "query_shape.h"

namespace rapport::testing {

// A made-up word, distinct for each `index` below 676 and never a stop word.
std::string ShapeWord(int index);

// A `q` with exactly `count` (>= 1) of what `QueryShape::*counted` counts.
std::string QueryWithCount(int QueryShape::*counted, int count);

}  // namespace rapport::testing
