// Checks of the values in a profile's `contact` (DESIGN.md §2): how a client
// reaches the therapist. Like validation_checks.h, each returns an empty
// string when the value is fine, else the reason a person can act on.
//
//   std::string e164;
//   std::string reason = NormalizePhone("(510) 555-0142", 40, &e164);  // e164 "+15105550142"
//
// docs/data.md (Contact) says why each rule exists.
#pragma once

#include <string>
#include <string_view>

namespace rapport {

// A phone number as people write it: a NANP number with or without +1 and
// any punctuation ("(510) 555-0142", "510.555.0142", "+1 510 555 0142"), or
// a number of another country written with its + and country code. On
// success `e164` is the E.164 form ("+15105550142"). Refused: numbers that
// are not valid for their country (libphonenumber's metadata), extensions,
// other countries' numbers without a leading +, and text over `max_chars`.
[[nodiscard]] std::string NormalizePhone(std::string_view text, size_t max_chars,
                                         std::string* e164);

// An email address: ASCII local@domain, local part of letters, digits and
// !#$%&'*+/=?^_`{|}~.- (no leading, trailing or doubled dot), a domain
// name with a dot; at most `max_chars` characters (the RFC 5321 path limit
// is 254).
[[nodiscard]] std::string CheckEmail(std::string_view email, size_t max_chars);

// A web address a client may open from our pages: https only, a domain name
// host (no IP address, no user name or password before the host), an
// optional port, printable ASCII only (non-ASCII percent-encoded) with none
// of the characters browsers treat specially (\ < > " ` { } | ^ and
// spaces); at most `max_chars` characters. On success `normalized` is the
// URL with its scheme and host in lower case.
[[nodiscard]] std::string NormalizeHttpsUrl(std::string_view url, size_t max_chars,
                                            std::string* normalized);

}  // namespace rapport
