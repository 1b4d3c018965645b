// ParseText and Xapian 1.4's leak on NEAR/ADJ syntax errors: a NEAR or ADJ
// beside anything but a plain word reads the query as plain words, a NEAR
// between plain words stays a proximity search. Under AddressSanitizer (the
// suite's unit run) LeakSanitizer fails this binary if any query of the
// enumeration below still leaks: before the guard in text_query.cpp, 1,000 of
// the 5-token sequences of a smaller token list did.
#include "text_query.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

namespace rapport {
namespace {

const Xapian::Database& EmptyIndex() {
  static const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  return db;
}

std::string Parsed(const std::string& q) {
  return ParseText(q, EmptyIndex()).query.get_description();
}

TEST_CASE("NEAR and ADJ between plain words search by proximity") {
  CHECK(Parsed("panic NEAR attacks").find("NEAR") != std::string::npos);
  CHECK(Parsed("panic near/3 attacks").find("NEAR") != std::string::npos);
  CHECK(Parsed("panic ADJ attacks").find("PHRASE") != std::string::npos);
}

TEST_CASE("NEAR or ADJ beside an operator, a sign or nothing reads the query as plain words") {
  for (const std::string q : {"-panic NEAR attacks anxiety", "+panic ADJ attacks anxiety",
                              "panic OR NEAR/2 attacks", "NEAR panic attacks", "panic attacks NEAR",
                              "-panic -grief NEAR loss anxiety", "(panic NEAR attacks anxiety",
                              "-panic NEAR$x@D (attacks anxiety", "panic \"NEAR attacks anxiety"}) {
    CAPTURE(q);
    const std::string parsed = Parsed(q);
    CAPTURE(parsed);
    CHECK(parsed.find("NEAR") == std::string::npos);
    CHECK(parsed.find("AND_NOT") == std::string::npos);
    CHECK(parsed.find("Zpanic") != std::string::npos);
  }
  // Words that only begin like the operators are words.
  CHECK(Parsed("-nearby adjustment").find("AND_NOT") != std::string::npos);
}

TEST_CASE("a signed group of stop words is read without the crash in Xapian's stopper") {
  // Each of these crashed Xapian 1.4.22's QueryParser with a stopper (a null
  // subquery): the first is the input search_json_fuzz found.
  for (const std::string q : {"@pa(-qicabep(-*ieacab(-(it]some", "-b -(i,the", "+b +(i,the",
                              "-b -((i,the", "-b -(i]the)", "-b -(-(i,the"}) {
    CAPTURE(q);
    const std::string parsed = Parsed(q);
    CAPTURE(parsed);
    CHECK((parsed.find("Zb@1") != std::string::npos || parsed.find("Zpa@1") != std::string::npos));
  }
}

TEST_CASE("in a query with brackets stop words still narrow nothing, except in phrases and NOTs") {
  const std::string grouped = Parsed("grief (the OR loss) for me");
  CAPTURE(grouped);
  CHECK(grouped.find("Zgrief") != std::string::npos);
  CHECK(grouped.find("Zloss") != std::string::npos);
  for (const std::string stopped : {"Zthe", "Zfor", "Zme"}) {
    CHECK(grouped.find(stopped) == std::string::npos);
  }
  CHECK(Parsed("(the) (a)").empty() == false);  // "Query()": nothing to search
  CHECK(ParseText("(the) (a)", EmptyIndex()).query.empty());
  const std::string phrase = Parsed("(\"fear of the dark\" OR grief)");
  CAPTURE(phrase);
  CHECK(phrase.find("PHRASE") != std::string::npos);
  CHECK(phrase.find("the@") != std::string::npos);
  const std::string excluded = Parsed("(anxiety) -the");
  CAPTURE(excluded);
  CHECK(excluded.find("AND_NOT") != std::string::npos);
  // A bracket changes nothing for the words around it.
  CHECK(Parsed("(panic attacks)") == Parsed("panic attacks"));
}

TEST_CASE("every sequence of up to four operator-heavy tokens parses without throwing") {
  const std::vector<std::string> tokens = {"-a",  "a",      "NEAR", "adj/2", "OR",    "\"a",
                                           "b\"", "(",      ")",    "bio:a", "a*",    "NOT",
                                           "(a",  "NEAR$b", "c@d",  "e)",    "NEAR/x"};
  std::vector<size_t> at;
  for (size_t length = 1; length <= 4; ++length) {
    at.assign(length, 0);
    while (true) {
      std::string q;
      for (size_t i : at) q += (q.empty() ? "" : " ") + tokens[i];
      CHECK_NOTHROW((void)ParseText(q, EmptyIndex()));
      size_t k = length;
      while (k > 0 && ++at[k - 1] == tokens.size()) at[--k] = 0;
      if (k == 0) break;
    }
  }
}

}  // namespace
}  // namespace rapport
