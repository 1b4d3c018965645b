// Assertions shared by the web tests: JSON bodies and the error format.
#pragma once

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "server_process.h"

namespace rapport::testing {

// Flags that lift the per-address limits (rate and open requests): every
// test client shares the address 127.0.0.1.
inline const std::vector<std::string> kNoClientLimits = {
    "--anon-rate", "100000", "--anon-burst", "100000", "--max-requests-per-client", "100000"};

// `flags` with a cost unit so long that every public API request costs
// exactly one rate-limit token, however slow this machine is (a sanitizer
// build on a busy runner): for tests that count requests, not their cost.
inline std::vector<std::string> OneTokenPerRequest(std::vector<std::string> flags) {
  flags.insert(flags.end(), {"--cost-unit-ms", "100000"});
  return flags;
}

// A server shared by the tests of one file, without per-address limits so
// the tests never trip them unless they mean to.
inline ServerProcess& SharedServer() {
  static ServerProcess server(SampleDataDir(), kNoClientLimits);
  return server;
}

// A connection to 127.0.0.1:`port`; the test stops when it cannot be made.
inline int MustConnect(int port) {
  const int fd = ConnectLoopback(port);
  REQUIRE(fd >= 0);
  return fd;
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

// A fresh copy of the sample data folder, so key rows of one test never
// meet another's.
class KeyedData {
 public:
  KeyedData() {
    const std::string copy = "cp -a '" + SampleDataDir() + "' '" + dir_.File("data") + "'";
    REQUIRE(std::system(copy.c_str()) == 0);
  }
  std::string path() const { return dir_.File("data"); }

 private:
  TempDir dir_;
};

// A partner key made with `rapport-admin keys create` and `extra` arguments.
inline std::string CreateKey(const std::string& data, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"keys", "create"};
  args.insert(args.end(), extra.begin(), extra.end());
  CommandOutput out = Admin(data, args);
  REQUIRE_MESSAGE(out.exit_code == 0, out.err);
  std::string key = out.out.substr(0, out.out.find('\n'));
  REQUIRE(key.rfind("rk_", 0) == 0);
  return key;
}

inline std::map<std::string, std::string> Bearer(const std::string& key) {
  return {{"Authorization", "Bearer " + key}};
}

// The body of a gzip answer; fails the test if it does not inflate.
inline std::string InflatedBody(const std::string& data) {
  std::optional<std::string> plain = Gunzip(data);
  REQUIRE(plain.has_value());
  return *plain;
}

}  // namespace rapport::testing
