// DataDir: where a Rapport installation keeps its state, and where the
// shipped data files (vocabularies, compacts, gazetteer) are read from.
//
//   DIR/rapport.sqlite   the store (source of truth)
//   DIR/index            Xapian stub file naming the live index folder
//   DIR/index-<N>/       index folders; a rebuild writes a new one and
//                        rewrites the stub atomically
#pragma once

#include <string>

namespace rapport {

struct DataDir {
  std::string root;

  std::string StorePath() const { return root + "/rapport.sqlite"; }
  std::string IndexPath() const { return root + "/index"; }
};

// $RAPPORT_DATA_DIR, or "./var" when unset.
std::string DefaultDataDir();

// Folder with vocab.json, compacts.json and cities.json: $RAPPORT_DATA_FILES,
// or the source tree's data/ folder this build came from.
std::string DefaultDataFilesDir();

}  // namespace rapport
