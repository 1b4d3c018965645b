// The vocab answer (vocab_answer.h).
#include "vocab_answer.h"

#include <mutex>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "facet_catalogue.h"

namespace rapport {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value Text(std::string_view text, Allocator& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

// One facet's entry: what the pages need to list it and its values.
rapidjson::Value CatalogueEntry(const FacetSpec& facet, const Vocabulary& vocabulary,
                                Allocator& allocator) {
  rapidjson::Value entry(rapidjson::kObjectType);
  entry.AddMember("name", Text(facet.name, allocator), allocator);
  entry.AddMember("label", Text(facet.label, allocator), allocator);
  entry.AddMember("vocabulary", Text(facet.vocabulary, allocator), allocator);
  rapidjson::Value path(rapidjson::kNullType);
  if (!facet.profile_path.empty()) path = Text(facet.profile_path, allocator);
  entry.AddMember("profile_path", path, allocator);
  entry.AddMember("filterable", facet.filterable, allocator);
  // A facet with a parameter of its own (accepting=true, state=XX) takes one
  // value; the others take their parameter once per value.
  entry.AddMember("repeatable", facet.filterable && !facet.own_parameter, allocator);
  entry.AddMember("counted", facet.counted, allocator);
  entry.AddMember("panel_position", facet.panel_position, allocator);
  rapidjson::Value values(rapidjson::kArrayType);
  for (const VocabEntry& known : vocabulary.Entries(facet.vocabulary)) {
    rapidjson::Value value(rapidjson::kObjectType);
    value.AddMember("value", Text(known.value, allocator), allocator);
    value.AddMember("label", Text(known.label, allocator), allocator);
    values.PushBack(value, allocator);
  }
  entry.AddMember("values", values, allocator);
  return entry;
}

std::string BuildAnswer(const Vocabulary& vocabulary) {
  rapidjson::Document answer;
  // The text passed Vocabulary::Parse, so it is a JSON object.
  answer.Parse(vocabulary.json().data(), vocabulary.json().size());
  Allocator& allocator = answer.GetAllocator();
  rapidjson::Value catalogue(rapidjson::kArrayType);
  for (const FacetSpec& facet : FacetCatalogue()) {
    catalogue.PushBack(CatalogueEntry(facet, vocabulary, allocator), allocator);
  }
  answer.AddMember("catalogue", catalogue, allocator);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  answer.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string VocabAnswerJson(const Vocabulary& vocabulary) {
  static std::mutex mutex;
  static std::string source;  // guarded by mutex: the vocabulary text answered
  static std::string answer;  // guarded by mutex: the answer for it
  std::lock_guard<std::mutex> lock(mutex);
  if (answer.empty() || source != vocabulary.json()) {
    answer = BuildAnswer(vocabulary);
    source = vocabulary.json();
  }
  return answer;
}

}  // namespace rapport
