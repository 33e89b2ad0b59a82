// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>
#include <vector>

namespace bindery::cli {

// Exit codes of every subcommand (DESIGN.md, "The CLI").
enum ExitCode : int {
    ExitOk = 0,        // success
    ExitCheckFailed = 1, // a check failed: lint findings, test failures
    ExitUsage = 2,     // usage or input error; the message is on stderr
};

// A subcommand receives its own arguments (without the program and subcommand names).
using CommandFn = int (*)(const std::vector<std::string_view> &args);

struct Command {
    std::string_view name;
    std::string_view summary;
    CommandFn run;
};

// The table of subcommands, in the order `--help` lists them.
const std::vector<Command> &commands();

} // namespace bindery::cli
