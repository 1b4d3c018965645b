// Fuzzes how a request target is decoded: percent-decoding of a path or a
// query component (DecodeComponent, cpprestsdk's uri::decode inside), query
// string splitting (ParseQueryString), the UTF-8 checks the parts of the
// code base use, route matching of the decoded path, and the static-file
// path check it leads to.
//
// Invariants: decoding agrees with a reference decoder written here (ASCII
// only; %XX with two hex digits; + is a space in form components; the
// result valid UTF-8 without NUL), and a refusal is a 400 naming its field;
// splitting agrees with a reference split, and encoding the pairs back
// decodes to the same pairs; the UTF-8 checks of query/, web/ and indexer/
// agree with each other and with a reference; a matched route's {name}
// segments are non-empty and hold no '/'; a static file is served only from
// inside the static folder.
#include <cctype>
#include <filesystem>

#include "fuzz_support.h"
#include "query_string.h"
#include "route_table.h"
#include "static_files.h"
#include "test_support.h"
#include "utf8_check.h"
#include "validation_checks.h"

namespace rapport::fuzz {
namespace {

enum class Form { kPath, kQuery };

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Code points of well-formed UTF-8 (Unicode 15, table 3-7), or nullopt.
std::optional<size_t> ReferenceUtf8Length(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char lead = byte(0);
    size_t length = 0;
    unsigned char second_low = 0x80, second_high = 0xBF;
    if (lead <= 0x7F) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_low = 0xA0;
      if (lead == 0xED) second_high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_low = 0x90;
      if (lead == 0xF4) second_high = 0x8F;
    } else {
      return std::nullopt;
    }
    if (i + length > text.size()) return std::nullopt;
    if (length > 1 && (byte(1) < second_low || byte(1) > second_high)) return std::nullopt;
    for (size_t k = 2; k < length; ++k) {
      if (byte(k) < 0x80 || byte(k) > 0xBF) return std::nullopt;
    }
    i += length;
  }
  return count;
}

// What decoding `encoded` must give: the text, or nullopt for a refusal.
std::optional<std::string> ReferenceDecode(std::string_view encoded, Form form) {
  std::string decoded;
  for (size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (static_cast<unsigned char>(c) > 0x7F) return std::nullopt;
    if (c == '%') {
      if (i + 2 >= encoded.size()) return std::nullopt;
      const int high = HexValue(encoded[i + 1]), low = HexValue(encoded[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      decoded.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      decoded.push_back(form == Form::kQuery && c == '+' ? ' ' : c);
    }
  }
  if (!ReferenceUtf8Length(decoded) || decoded.find('\0') != std::string::npos) return std::nullopt;
  return decoded;
}

std::string Encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 0xF]};
    }
  }
  return encoded;
}

void CheckDecode(std::string_view text, Form form) {
  Result<std::string> decoded = DecodeComponent(text, form == Form::kQuery, "x");
  const std::optional<std::string> expected = ReferenceDecode(text, form);
  FUZZ_CHECK(decoded.ok() == expected.has_value(),
             decoded.ok() ? "decoded what the reference refuses" : decoded.error().message);
  if (!decoded) {
    CheckClientError(decoded.error(), "decode", FieldRule::kRequired);
    return;
  }
  FUZZ_CHECK(decoded.value() == *expected, "decodes differently from the reference");
}

void CheckQueryString(std::string_view raw) {
  Result<QueryPairs> pairs = ParseQueryString(raw);
  QueryPairs expected;
  bool refused = false;
  for (size_t start = 0; start <= raw.size() && !refused;) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view piece = raw.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    const size_t eq = piece.find('=');
    auto name = ReferenceDecode(piece.substr(0, eq), Form::kQuery);
    auto value =
        ReferenceDecode(eq == std::string_view::npos ? "" : piece.substr(eq + 1), Form::kQuery);
    refused = !name || !value;
    if (!refused) expected.emplace_back(*name, *value);
  }
  FUZZ_CHECK(pairs.ok() == !refused, "query string accepted or refused against the reference");
  if (!pairs) {
    CheckClientError(pairs.error(), "query string", FieldRule::kRequired);
    return;
  }
  FUZZ_CHECK(pairs.value() == expected, "query string splits differently from the reference");
  std::string encoded;
  for (const auto& [name, value] : pairs.value()) {
    encoded += (encoded.empty() ? "" : "&") + Encode(name) + "=" + Encode(value);
  }
  Result<QueryPairs> again = ParseQueryString(encoded);
  FUZZ_CHECK(again.ok() && again.value() == pairs.value(), "encoded back, decodes differently");
}

void CheckUtf8(std::string_view text) {
  const std::optional<size_t> reference = ReferenceUtf8Length(text);
  FUZZ_CHECK(CountUtf8CodePoints(text) == reference, "query/utf8_check disagrees");
  FUZZ_CHECK(Utf8Length(text) == reference, "indexer/validation_checks disagrees");
  FUZZ_CHECK(IsValidUtf8(text) == reference.has_value(), "web/query_string disagrees");
}

void CheckRoute(const std::string& path) {
  static const std::string static_root =
      std::filesystem::canonical(testing::SourcePath("web/static")).string() + "/";
  for (const char* method : {"GET", "POST"}) {
    const RouteMatch match = MatchRoute(RouteTable(), method, path);
    if (!match.route) continue;
    for (const auto& [name, value] : match.params) {
      FUZZ_CHECK(!value.empty(), path + ": empty {" + name + "}");
      FUZZ_CHECK(name == "*" || value.find('/') == std::string::npos,
                 path + ": {" + name + "} holds a '/'");
    }
    auto rest = match.params.find("*");
    if (rest == match.params.end()) continue;
    const HttpResponse file = ServeStaticFile(static_root, rest->second);
    if (file.status != 200) continue;
    std::error_code error;
    const std::string served =
        std::filesystem::canonical(static_root + rest->second, error).string();
    FUZZ_CHECK(!error && served.rfind(static_root, 0) == 0, path + " served from outside");
  }
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const std::string_view text = AsText(data, size);
  CheckUtf8(text);
  CheckDecode(text, Form::kQuery);
  CheckDecode(text, Form::kPath);
  CheckQueryString(text);
  if (Result<std::string> path = DecodeComponent(text, false, "path")) CheckRoute(path.value());
  return 0;
}
