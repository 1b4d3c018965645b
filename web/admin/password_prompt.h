// Reading a password for `rapport-admin`: one line from the command's input
// (a pipe in scripts), with a prompt and echo off when that input is a terminal.
// Passwords never come from arguments, where `ps` and shell history see them.
#pragma once

#include <iostream>
#include <optional>
#include <string>

namespace rapport {

// The next line of `in` without its line end; nullopt at end of input.
[[nodiscard]] std::optional<std::string> ReadPassword(std::istream& in, std::ostream& prompt_out,
                                                      const std::string& prompt);

}  // namespace rapport
