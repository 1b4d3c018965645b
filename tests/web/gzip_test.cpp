// gzip of answers: what libdeflate writes at either level, zlib (an
// independent decoder) reads back unchanged, which content types are worth
// it and which Accept-Encoding values ask for it.
#include "gzip.h"

#include <doctest/doctest.h>

#include <random>
#include <thread>

#include "test_support.h"

namespace rapport {
namespace {

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random());
  return bytes;
}

TEST_CASE("every body inflates back to itself, compressible or not") {
  std::string json = "{\"hits\":[";
  for (int i = 0; i < 400; ++i) json += "{\"id\":\"t-" + std::to_string(i) + "\",\"name\":\"A\"},";
  json += "{}]}";
  const std::string bodies[] = {"", "x", json, RandomBytes(1, 1), RandomBytes(200000, 2)};
  for (const std::string& body : bodies) {
    CAPTURE(body.size());
    std::optional<std::string> zipped = GzipCompress(body);
    REQUIRE(zipped.has_value());
    CHECK(testing::Gunzip(*zipped) == body);
    std::optional<std::string> best = GzipCompressBest(body);
    REQUIRE(best.has_value());
    CHECK(testing::Gunzip(*best) == body);
  }
  CHECK(GzipCompress(json)->size() * 10 < json.size());
  CHECK(GzipCompressBest(json)->size() < GzipCompress(json)->size());
}

TEST_CASE("JSON, text and SVG are worth compressing, images and fonts are not") {
  for (const char* type : {"application/json; charset=utf-8", "application/fhir+json",
                           "text/html; charset=utf-8", "text/javascript", "image/svg+xml"}) {
    CHECK(CompressibleType(type));
  }
  for (const char* type : {"image/png", "font/woff2", "application/octet-stream", ""}) {
    CHECK_FALSE(CompressibleType(type));
  }
}

TEST_CASE("threads compressing at once each get their own answer") {
  std::vector<std::string> bodies;
  for (uint32_t i = 0; i < 4; ++i)
    bodies.push_back(RandomBytes(50000, i) + std::string(50000, 'a'));
  std::vector<std::optional<std::string>> inflated(bodies.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < bodies.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 20; ++round) {
        inflated[i] = testing::Gunzip(GzipCompress(bodies[i]).value());
        if (inflated[i] != bodies[i]) return;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < bodies.size(); ++i) CHECK(inflated[i] == bodies[i]);
}

TEST_CASE("gzip is accepted by name or by *, unless its q is 0") {
  CHECK(AcceptsGzip("gzip"));
  CHECK(AcceptsGzip("br, GZIP;q=0.5"));
  CHECK(AcceptsGzip("*"));
  CHECK(AcceptsGzip("deflate , gzip ; q=1"));
  CHECK_FALSE(AcceptsGzip(""));
  CHECK_FALSE(AcceptsGzip("br, deflate"));
  CHECK_FALSE(AcceptsGzip("gzip;q=0"));
  CHECK_FALSE(AcceptsGzip("gzip; q=0.000"));
  CHECK_FALSE(AcceptsGzip("x-gzip2"));
}

}  // namespace
}  // namespace rapport
