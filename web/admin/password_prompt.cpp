// Password input with echo off on a terminal (password_prompt.h).
#include "password_prompt.h"

#include <termios.h>
#include <unistd.h>

namespace rapport {

std::optional<std::string> ReadPassword(std::istream& in, std::ostream& prompt_out,
                                        const std::string& prompt) {
  const bool terminal = &in == &std::cin && isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal && tcgetattr(STDIN_FILENO, &saved) == 0) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    prompt_out << prompt << std::flush;
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(in, line));
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    prompt_out << "\n";
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace rapport
