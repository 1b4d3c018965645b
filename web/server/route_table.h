// The route table of rapport-server (route_table.cpp): every endpoint of
// every web/ part, wired in one place. main() hands it to ServerState; the
// tests and fuzz harnesses that dispatch requests use it the same way.
#pragma once

#include <vector>

#include "routes.h"

namespace rapport {

// Every route of the server, in match order.
[[nodiscard]] const std::vector<Route>& RouteTable();

}  // namespace rapport
