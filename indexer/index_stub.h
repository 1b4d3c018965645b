// IndexStub: the live index is named by a Xapian stub file, DATA_DIR/index,
// holding one line "glass index-<N>" (a path relative to the stub's folder).
// Readers open the stub and get the folder it names at that moment; a rebuild
// writes index-<N+1> and switches by renaming a new stub over the old one.
#pragma once

#include <string>
#include <vector>

#include "data_dir.h"
#include "error.h"

namespace rapport {

// The folder name ("index-3") the stub names. 404 when there is no stub yet;
// 500 when it cannot be read or is not a one-line glass stub.
[[nodiscard]] Result<std::string> ReadIndexStub(const DataDir& data_dir);

// Points the stub at `folder_name` atomically: writes DATA_DIR/index.tmp,
// fsyncs it and renames it over DATA_DIR/index, then fsyncs the folder.
[[nodiscard]] Status WriteIndexStub(const DataDir& data_dir, const std::string& folder_name);

// Creates a fresh, empty folder DATA_DIR/index-<N> with N above every existing
// one and returns its name ("index-4").
[[nodiscard]] Result<std::string> CreateIndexFolder(const DataDir& data_dir);

// Names of the index-<N> folders in DATA_DIR, ascending by N.
[[nodiscard]] std::vector<std::string> ListIndexFolders(const DataDir& data_dir);

// Full path of an index folder.
[[nodiscard]] std::string IndexFolderPath(const DataDir& data_dir, const std::string& folder_name);

}  // namespace rapport
