// Query string decoding: repeats kept in order, form encoding, strict UTF-8.
#include "query_string.h"

#include <doctest/doctest.h>

namespace rapport {
namespace {

TEST_CASE("pairs are decoded in order with repeats and form spaces") {
  auto pairs = ParseQueryString("q=couples+therapy&modality=cbt&modality=emdr&flag&&x=%C3%A9");
  REQUIRE(pairs.ok());
  const QueryPairs expected = {{"q", "couples therapy"},
                               {"modality", "cbt"},
                               {"modality", "emdr"},
                               {"flag", ""},
                               {"x", "\xc3\xa9"}};
  CHECK(pairs.value() == expected);
}

TEST_CASE("bad escapes, invalid UTF-8 and NUL bytes are 400 naming the parameter") {
  for (const char* raw : {"q=%zz", "q=%C3%28", "q=%ED%A0%80", "q=%C0%AF", "q=a%00b", "q=%"}) {
    CAPTURE(raw);
    auto pairs = ParseQueryString(raw);
    REQUIRE(!pairs.ok());
    CHECK(pairs.error().status == 400);
    CHECK(pairs.error().field == "q");
  }
}

TEST_CASE("UTF-8 validation accepts every well-formed length and rejects the rest") {
  CHECK(IsValidUtf8("plain"));
  CHECK(IsValidUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  CHECK(!IsValidUtf8("\xff"));
  CHECK(!IsValidUtf8("\xe2\x82"));
  CHECK(!IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK(!IsValidUtf8("\xe0\x80\xaf"));      // overlong
}

}  // namespace
}  // namespace rapport
