// Fuzzes how a replica reads its primary's /readyz answer
// (ParsePrimaryReadyz, web/http/replica_status.h): the body comes over the
// network from another host.
//
// Invariants: an accepted answer has a non-empty UUID and, written back as
// {"index_uuid":…,"index_revision":…}, parses to the same index; a refusal
// is the 502 bad_primary_answer with no field.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "fuzz_support.h"
#include "replica_status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  const std::string body(rapport::fuzz::AsText(data, size));
  Result<PrimaryIndex> read = ParsePrimaryReadyz(body);
  if (!read) {
    FUZZ_CHECK(read.error().code == "bad_primary_answer" && read.error().status == 502 &&
                   read.error().field.empty(),
               "refused with " + read.error().code);
    return 0;
  }
  FUZZ_CHECK(!read.value().uuid.empty(), "accepted an empty UUID");
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("index_uuid");
  writer.String(read.value().uuid.c_str(),
                static_cast<rapidjson::SizeType>(read.value().uuid.size()));
  writer.Key("index_revision");
  writer.Uint64(read.value().revision);
  writer.EndObject();
  Result<PrimaryIndex> again = ParsePrimaryReadyz(buffer.GetString());
  FUZZ_CHECK(again && again.value().uuid == read.value().uuid &&
                 again.value().revision == read.value().revision,
             "written back, reads differently");
  return 0;
}
