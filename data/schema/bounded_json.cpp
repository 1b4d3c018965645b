// Depth- and size-bounded JSON parsing without recursion (bounded_json.h).
#include "bounded_json.h"

#include <string>

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "utf8_check.h"

namespace rapport {
namespace {

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

// Forwards SAX events to the document being built and stops the parser (by
// returning false) when an object or array opens past the depth limit, or when
// a string or member name is not valid UTF-8: the reader validates raw bytes,
// but an escaped lone low surrogate ("\uDC00") still decodes to bytes no
// answer may quote back.
class DepthLimitedHandler {
 public:
  DepthLimitedHandler(rapidjson::Document& document, int max_depth)
      : document_(document), max_depth_(max_depth) {}

  bool too_deep() const { return too_deep_; }
  bool bad_escape() const { return bad_escape_; }

  bool Null() { return document_.Null(); }
  bool Bool(bool value) { return document_.Bool(value); }
  bool Int(int value) { return document_.Int(value); }
  bool Uint(unsigned value) { return document_.Uint(value); }
  bool Int64(int64_t value) { return document_.Int64(value); }
  bool Uint64(uint64_t value) { return document_.Uint64(value); }
  bool Double(double value) { return document_.Double(value); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool copy) {
    return document_.RawNumber(text, length, copy);
  }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    return ValidText(text, length) && document_.String(text, length, copy);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    return ValidText(text, length) && document_.Key(text, length, copy);
  }
  bool StartObject() { return Open() && document_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return document_.EndObject(members);
  }
  bool StartArray() { return Open() && document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return document_.EndArray(elements);
  }

 private:
  bool Open() {
    if (++depth_ <= max_depth_) return true;
    too_deep_ = true;
    return false;
  }
  bool ValidText(const char* text, rapidjson::SizeType length) {
    if (IsValidUtf8({text, length})) return true;
    bad_escape_ = true;
    return false;
  }

  rapidjson::Document& document_;
  const int max_depth_;
  int depth_ = 0;
  bool too_deep_ = false;
  bool bad_escape_ = false;
};

Error InvalidJson(const std::string& reason, size_t offset) {
  return Error{400, "invalid_json",
               "invalid JSON at offset " + std::to_string(offset) + ": " + reason, ""};
}

}  // namespace

Status ParseJsonBounded(std::string_view text, const JsonLimits& limits,
                        rapidjson::Document& document) {
  document.SetNull();
  if (text.size() > limits.max_bytes) {
    return Error{413, "payload_too_large",
                 "JSON text exceeds " + std::to_string(limits.max_bytes) + " bytes", ""};
  }
  DepthLimitedHandler handler(document, limits.max_depth);
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(bytes);
  rapidjson::Reader reader;
  rapidjson::ParseResult result;
  auto generate = [&](rapidjson::Document&) {
    result = reader.Parse<kParseFlags>(input, handler);
    return !result.IsError();
  };
  document.Populate(generate);
  if (handler.too_deep()) {
    document.SetNull();
    return InvalidJson(
        "nested deeper than " + std::to_string(limits.max_depth) + " levels of objects and arrays",
        result.Offset());
  }
  if (handler.bad_escape()) {
    document.SetNull();
    return InvalidJson("a \\u escape of a lone surrogate (not a character)", result.Offset());
  }
  if (result.IsError()) {
    document.SetNull();
    return InvalidJson(rapidjson::GetParseError_En(result.Code()), result.Offset());
  }
  // The stream reads a NUL byte as its end: refuse what would follow one.
  if (input.Tell() != text.size()) {
    document.SetNull();
    return InvalidJson("a NUL byte outside a string", input.Tell());
  }
  return Status::Ok();
}

}  // namespace rapport
