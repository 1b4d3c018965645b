// Key policy: the rules of browser-safe partner keys, apart from the store.
// A key used from a web page is visible to anyone who opens the page, so it
// can do only what the page needs: it is accepted only with an Origin header
// naming one of the sites it was made for, only on the routes a search page
// calls (search, multi-search, suggest, profile, vocab, directory; the route table marks
// them), and a key with an expiry date stops working after that day (UTC).
// Every keyed answer carries the IETF RateLimit fields.
//
//   rapport-admin keys create --partner clinic --search-only
//                             --origin https://clinic.example --expires 2027-06-30
#pragma once

#include <string>
#include <string_view>

#include "error.h"
#include "http_types.h"
#include "routes.h"

namespace rapport {

// The origin `text` names ("https://clinic.example", "http://localhost:8000")
// in the form browsers send it: scheme and host in lower case, the port only
// when not the scheme's default. https, or http for localhost and 127.0.0.1
// (development). 400 naming "--origin" otherwise (a path, a user, a query).
[[nodiscard]] Result<std::string> ParseKeyOrigin(std::string_view text);

// The last moment (UTC) of the day "YYYY-MM-DD" as a timestamp
// ("2027-06-30T23:59:59Z"). 400 naming "--expires" for another form or a
// date that does not exist.
[[nodiscard]] Result<std::string> ParseKeyExpiry(std::string_view date);

// Whether `key` may answer `request` on `route`: 403 naming Origin when a
// browser-safe key comes without one of its origins, 403 naming
// Authorization when the route is not one a browser search calls.
[[nodiscard]] Status CheckKeyUse(const KeyIdentity& key, const Route& route,
                                 const HttpRequest& request);

}  // namespace rapport
