// DocumentData: profiles round-trip through zstd frames and a real Xapian
// database (which keeps the frame as it is); damaged data (the frame's
// checksum) and plain JSON (layout 4's) read as nothing.
#include "document_data.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "test_support.h"

namespace rapport::testing {
namespace {

std::vector<std::string> SampleLines(size_t count) {
  std::ifstream in(std::string(RAPPORT_SOURCE_DIR) + "/data/sample/profiles.ndjson");
  std::vector<std::string> lines;
  std::string line;
  while (lines.size() < count && std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST_CASE("profiles are packed smaller and unpack to the same JSON, through Xapian too") {
  const std::vector<std::string> profiles = SampleLines(50);
  REQUIRE(profiles.size() == 50);
  TempDir dir;
  size_t json_bytes = 0;
  size_t packed_bytes = 0;
  {
    Xapian::WritableDatabase db(dir.path() + "/db", Xapian::DB_CREATE);
    for (const std::string& json : profiles) {
      const std::string packed = PackDocumentData(json).value();
      CHECK(packed.front() != '{');
      CHECK(UnpackDocumentData(packed) == json);
      json_bytes += json.size();
      packed_bytes += packed.size();
      Xapian::Document document;
      document.set_data(packed);
      db.add_document(document);
    }
    db.commit();
  }
  CHECK(packed_bytes * 4 < json_bytes * 3);  // 60 % on the sample
  const Xapian::Database db(dir.path() + "/db");
  for (size_t i = 0; i < profiles.size(); ++i) {
    CHECK(UnpackDocumentData(db.get_document(i + 1).get_data()) == profiles[i]);
  }
}

TEST_CASE("damaged data reads as nothing") {
  const std::string packed = PackDocumentData(SampleLines(1).front()).value();
  CHECK(UnpackDocumentData(packed.substr(0, packed.size() / 2)) == "");
  CHECK(UnpackDocumentData(packed.substr(4)) == "");
  for (size_t at = 0; at < packed.size(); at += 7) {
    std::string flipped = packed;
    flipped[at] ^= 0x5A;
    CHECK(UnpackDocumentData(flipped) == "");  // the frame's checksum
  }
  CHECK(UnpackDocumentData("not a profile") == "");
  CHECK(UnpackDocumentData(SampleLines(1).front()) == "");  // plain JSON: layout 4's
  CHECK(UnpackDocumentData("") == "");
}

}  // namespace
}  // namespace rapport::testing
