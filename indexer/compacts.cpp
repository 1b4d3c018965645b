// Compacts: parses data/compacts.json (see compacts.h) and answers which
// states a compact privilege covers.
#include "compacts.h"

#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace rapport {
namespace {

Error Malformed(const std::string& what) { return Error::Internal("compacts.json: " + what); }

bool IsStateCode(const rapidjson::Value& value) {
  if (!value.IsString() || value.GetStringLength() != 2) return false;
  const char* code = value.GetString();
  return code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

}  // namespace

Result<Compacts> Compacts::Parse(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return Malformed(std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset " +
                     std::to_string(doc.GetErrorOffset()));
  }
  if (!doc.IsObject()) return Malformed("the top level must be an object");
  auto list = doc.FindMember("compacts");
  if (list == doc.MemberEnd() || !list->value.IsArray()) {
    return Malformed("\"compacts\" must be a list");
  }

  Compacts compacts;
  for (const auto& compact : list->value.GetArray()) {
    if (!compact.IsObject()) return Malformed("every compact must be an object");
    auto value = compact.FindMember("value");
    if (value == compact.MemberEnd() || !value->value.IsString() ||
        value->value.GetStringLength() == 0) {
      return Malformed("every compact needs a non-empty string \"value\"");
    }
    const std::string name(value->value.GetString(), value->value.GetStringLength());
    if (!compacts.known_.insert(name).second) return Malformed("\"" + name + "\" is listed twice");

    auto operational = compact.FindMember("operational");
    if (operational == compact.MemberEnd() || !operational->value.IsBool()) {
      return Malformed("\"" + name + "\" needs a boolean \"operational\"");
    }
    auto members = compact.FindMember("member_states");
    if (members == compact.MemberEnd() || !members->value.IsArray()) {
      return Malformed("\"" + name + "\" needs a list \"member_states\"");
    }
    std::set<std::string, std::less<>> states;
    for (const auto& state : members->value.GetArray()) {
      if (!IsStateCode(state)) {
        return Malformed("\"" + name + "\" lists a member state that is not a two-letter code");
      }
      states.emplace(state.GetString(), state.GetStringLength());
    }
    // A compact that issues no privileges yet lets nobody practise anywhere.
    if (operational->value.GetBool()) compacts.covered_[name] = std::move(states);
  }
  return compacts;
}

Result<Compacts> Compacts::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read compacts file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str());
}

bool Compacts::IsKnown(std::string_view compact) const { return known_.count(compact) != 0; }

bool Compacts::Covers(std::string_view compact, std::string_view state) const {
  auto it = covered_.find(compact);
  return it != covered_.end() && it->second.count(state) != 0;
}

std::vector<std::string> Compacts::CoveredStates(std::string_view compact) const {
  auto it = covered_.find(compact);
  if (it == covered_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

}  // namespace rapport
