// SPDX-License-Identifier: Apache-2.0
#include "cli/command.h"

namespace bindery::cli {

// One declaration and one row per subcommand; each lives in cli/<name>_command.cpp.
int runTestCommand(const std::vector<std::string_view> &args);
int runExprCommand(const std::vector<std::string_view> &args);
int runDispatchCommand(const std::vector<std::string_view> &args);
int runLintCommand(const std::vector<std::string_view> &args);

const std::vector<Command> &commands()
{
    static const std::vector<Command> table{
        {"test", "run a workspace's binding test suites (JUnit XML, --update)", runTestCommand},
        {"expr", "evaluate expr-lang expressions as Argo does (--jsonl protocol, --explain)", runExprCommand},
        {"dispatch", "what Argo would do with an event: status, Workflows, Warning events", runDispatchCommand},
        {"lint", "check WorkflowEventBindings for known mistakes, with positions and fixes", runLintCommand},
    };
    return table;
}

} // namespace bindery::cli
