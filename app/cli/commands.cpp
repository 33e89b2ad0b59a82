// SPDX-License-Identifier: Apache-2.0
#include "cli/command.h"

namespace bindery::cli {

// One declaration and one row per subcommand; each lives in cli/<name>_command.cpp.

const std::vector<Command> &commands()
{
    static const std::vector<Command> table{
    };
    return table;
}

} // namespace bindery::cli
