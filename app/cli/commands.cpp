// SPDX-License-Identifier: Apache-2.0
#include "cli/command.h"

namespace bindery::cli {

// One declaration and one row per subcommand; each lives in cli/<name>_command.cpp.
int runTestCommand(const std::vector<std::string_view> &args);
int runExprCommand(const std::vector<std::string_view> &args);
int runDispatchCommand(const std::vector<std::string_view> &args);
int runLintCommand(const std::vector<std::string_view> &args);
int runServeCommand(const std::vector<std::string_view> &args);
int runImportCommand(const std::vector<std::string_view> &args);
int runPostCommand(const std::vector<std::string_view> &args);
int runReplayCommand(const std::vector<std::string_view> &args);

const std::vector<Command> &commands()
{
    static const std::vector<Command> table{
        {"expr", "evaluate expr-lang expressions as Argo does (--jsonl protocol, --explain)", runExprCommand},
        {"dispatch", "what Argo would do with an event: status, Workflows, Warning events", runDispatchCommand},
        {"lint", "check WorkflowEventBindings for known mistakes, with positions and fixes", runLintCommand},
        {"test", "run a workspace's binding test suites (JUnit XML, --update)", runTestCommand},
        {"serve", "host the Argo-compatible events endpoint (sync/async, auth, webhooks, journal)", runServeCommand},
        {"post", "post one event to an Argo Server or Bindery's endpoint", runPostCommand},
        {"import", "convert curl/HAR/HTTP/GitHub/GitLab captures into a capture file", runImportCommand},
        {"replay", "replay a capture to a target with rate, concurrency and retries", runReplayCommand},
    };
    return table;
}

} // namespace bindery::cli
