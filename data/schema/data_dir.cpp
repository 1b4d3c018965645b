// Default locations of the data folder and the shipped data files.
#include "data_dir.h"

#include <cstdlib>

namespace rapport {

std::string DefaultDataDir() {
  const char* env = std::getenv("RAPPORT_DATA_DIR");
  return env && *env ? env : "./var";
}

std::string DefaultDataFilesDir() {
  const char* env = std::getenv("RAPPORT_DATA_FILES");
  return env && *env ? env : RAPPORT_DATA_FILES_DIR;
}

}  // namespace rapport
