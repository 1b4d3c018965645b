// Compacts: interstate licensure compacts (data/compacts.json) and the
// states where a privilege under each lets a therapist see clients.
//
// compacts.json: {"checked": "2026-11-25", "compacts": [{"value": "psypact",
//   "label": "PSYPACT", "professions": ["psychologist"], "operational": true,
//   "member_states": ["AL", ...], "source": "..."}]}
// A compact covers a state when it is operational (privileges are being
// issued) and the state is a member.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rapport {

class Compacts {
 public:
  Compacts() = default;
  static Result<Compacts> Load(const std::string& path);
  static Result<Compacts> Parse(std::string_view json);

  bool IsKnown(std::string_view compact) const;
  // True when a privilege under `compact` covers a client in `state`.
  bool Covers(std::string_view compact, std::string_view state) const;
  // Every state covered by `compact` (empty if unknown or not operational).
  std::vector<std::string> CoveredStates(std::string_view compact) const;

 private:
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> covered_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace rapport
