// EnglishWords: the word list file read into a hash set (english_words.h).
#include "english_words.h"

#include <fstream>

#include <xapian.h>

namespace rapport {

Result<EnglishWords> EnglishWords::Load(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    return Error{503, "word_list_unavailable", "cannot read the English word list " + path, ""};
  }
  EnglishWords list;
  std::string line;
  while (std::getline(file, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.find('\'') != std::string::npos) continue;
    list.words_.insert(Xapian::Unicode::tolower(line));
  }
  if (list.words_.empty()) {
    return Error{503, "word_list_unavailable", "the English word list " + path + " is empty", ""};
  }
  return list;
}

bool EnglishWords::Contains(std::string_view word) const {
  return words_.find(std::string(word)) != words_.end();
}

}  // namespace rapport
