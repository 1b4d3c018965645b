// ParseJsonBounded against RapidJSON's own recursive parser on shallow text
// (the same verdict and the same value), and on nesting no recursive parser
// survives.
#include "bounded_json.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace rapport {
namespace {

// `depth` arrays inside each other, with objects at every third level.
std::string Nested(int depth) {
  std::string open, close;
  for (int level = 0; level < depth; ++level) {
    const bool object = level % 3 == 2;
    open += object ? "{\"k\":" : "[";
    close.insert(0, object ? "}" : "]");
  }
  return open + "1" + close;
}

TEST_CASE("bounded parsing agrees with RapidJSON's recursive parser on shallow text") {
  const std::vector<std::string> texts = {
      R"({"id":"t-1","fee":{"min":90,"max":160},"offices":[{"lat":37.8,"lon":-122.2}]})",
      R"([1, 2.5, -3e2, true, false, null, "é", "\u00e9", {}])",
      "  {\"a\" : [ ] }  ",
      R"({"id":"b",)",
      R"({"a":1}{"b":2})",
      "[1,]",
      "\"\xff\xfe\"",
      "",
      "NaN",
      R"({"a":"\ud800"})",
      "[\"tab\there\"]",
      "01",
  };
  for (const std::string& text : texts) {
    CAPTURE(text);
    rapidjson::Document bounded;
    const Status parsed = ParseJsonBounded(text, JsonLimits{}, bounded);
    rapidjson::Document recursive;
    recursive.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    CHECK(parsed.ok() == !recursive.HasParseError());
    if (parsed.ok()) {
      CHECK(bounded == recursive);
    } else {
      CHECK(parsed.error().status == 400);
      CHECK(parsed.error().code == "invalid_json");
      CHECK(parsed.error().message.find("invalid JSON at offset " +
                                        std::to_string(recursive.GetErrorOffset())) == 0);
      CHECK(bounded.IsNull());
    }
  }
}

TEST_CASE("nesting up to the limit parses, one level more is refused with its reason") {
  JsonLimits limits;
  limits.max_depth = 8;
  for (int depth = 1; depth <= 12; ++depth) {
    CAPTURE(depth);
    const std::string text = Nested(depth);
    rapidjson::Document bounded;
    const Status parsed = ParseJsonBounded(text, limits, bounded);
    CHECK(parsed.ok() == (depth <= limits.max_depth));
    if (parsed.ok()) {
      rapidjson::Document recursive;
      recursive.Parse(text.c_str(), text.size());
      CHECK(bounded == recursive);
    } else {
      CHECK(parsed.error().code == "invalid_json");
      CHECK(parsed.error().message.find("nested deeper than 8 levels") != std::string::npos);
    }
  }
}

TEST_CASE("a million opening brackets are refused without exhausting the stack") {
  for (const char bracket : {'[', '{'}) {
    const std::string text(1000000, bracket);
    rapidjson::Document document;
    JsonLimits limits;
    limits.max_bytes = text.size();
    const Status parsed = ParseJsonBounded(text, limits, document);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "invalid_json");
  }
}

TEST_CASE("text over the size limit and bytes after a NUL are refused") {
  JsonLimits limits;
  limits.max_bytes = 8;
  rapidjson::Document document;
  const Status big = ParseJsonBounded("[1,2,3,4,5]", limits, document);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().status == 413);
  const std::string with_nul("{} \0 {\"x\":1}", 12);
  const Status nul = ParseJsonBounded(with_nul, JsonLimits{}, document);
  REQUIRE_FALSE(nul.ok());
  CHECK(nul.error().code == "invalid_json");
}

TEST_CASE("a lone surrogate escape in a value or a member name is refused, a pair is kept") {
  rapidjson::Document document;
  for (const std::string text : {R"(["a\udc00b"])", R"({"\udfff":1})", R"({"x":"\ud800"})"}) {
    CAPTURE(text);
    const Status parsed = ParseJsonBounded(text, JsonLimits{}, document);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().status == 400);
    CHECK(parsed.error().code == "invalid_json");
    CHECK(document.IsNull());
  }
  REQUIRE(ParseJsonBounded(R"({"\ud83d\ude00":"\u00e9"})", JsonLimits{}, document).ok());
  CHECK(std::string(document.MemberBegin()->name.GetString()) == "\U0001F600");
  CHECK(std::string(document.MemberBegin()->value.GetString()) == "\u00e9");
}

}  // namespace
}  // namespace rapport
