// SPDX-License-Identifier: Apache-2.0
#include "cli/command.h"

namespace bindery::cli {

int runServeCommand(const std::vector<std::string_view> &args);

// One declaration and one row per subcommand; each lives in cli/<name>_command.cpp.

const std::vector<Command> &commands()
{
    static const std::vector<Command> table{
        {"serve", "host the Argo-compatible events endpoint (sync/async, auth, webhooks, journal)", runServeCommand},
    };
    return table;
}

} // namespace bindery::cli
