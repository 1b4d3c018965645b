// Assertions shared by the web tests: JSON bodies and the error format.
#pragma once

#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <zlib.h>

#include <string>

#include "server_process.h"

namespace rapport::testing {

// A server shared by the tests of one file: high anonymous limits so the
// tests never trip the rate limiter unless they mean to.
inline ServerProcess& SharedServer() {
  static ServerProcess server(SampleDataDir(), {"--anon-rate", "100000", "--anon-burst", "100000"});
  return server;
}

inline rapidjson::Document Json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), "not JSON: " << text.substr(0, 300));
  return doc;
}

// The answer is the JSON error of DESIGN.md §3 with this status and code
// (and field, when given).
inline void CheckError(const HttpResult& result, int status, const std::string& code,
                       const std::string& field = "") {
  CHECK_MESSAGE(result.status == status, "body: " << result.body.substr(0, 300));
  CHECK(result.Header("content-type").rfind("application/json", 0) == 0);
  rapidjson::Document doc = Json(result.body);
  REQUIRE(doc.IsObject());
  REQUIRE(doc.HasMember("error"));
  CHECK(std::string(doc["error"]["code"].GetString()) == code);
  CHECK(doc["error"]["message"].IsString());
  if (!field.empty()) {
    REQUIRE(doc["error"].HasMember("field"));
    CHECK(std::string(doc["error"]["field"].GetString()) == field);
  }
}

inline std::string Gunzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out;
  char buffer[16384];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  REQUIRE(result == Z_STREAM_END);
  return out;
}

}  // namespace rapport::testing
