// SPDX-License-Identifier: Apache-2.0
// bindery-cli: the headless face of Bindery. Subcommands exit 0 on success, 1 when a check fails,
// 2 on usage or input errors (message on stderr).
#include "bindery_version.h"
#include "cli/command.h"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

void printHelp(std::FILE *out)
{
    std::fprintf(out,
                 "Usage: bindery-cli [--help] [--version] <command> [<args>]\n"
                 "\n"
                 "Bindery's headless tool for Argo Workflows events and WorkflowEventBindings.\n"
                 "\n"
                 "Commands:\n");
    for (const auto &c : bindery::cli::commands()) {
        std::fprintf(out, "  %-10.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                     static_cast<int>(c.summary.size()), c.summary.data());
    }
    if (bindery::cli::commands().empty())
        std::fprintf(out, "  (none in this build)\n");
    std::fprintf(out,
                 "\n"
                 "Run 'bindery-cli <command> --help' for a command's options.\n"
                 "Exit status: 0 success, 1 a check failed, 2 usage or input error.\n");
}

} // namespace

int main(int argc, char **argv)
{
    using namespace bindery::cli;
    if (argc < 2) {
        printHelp(stderr);
        return ExitUsage;
    }
    const std::string_view first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
        printHelp(stdout);
        return ExitOk;
    }
    if (first == "--version" || first == "-V") {
        std::printf("bindery-cli %s\n", BINDERY_VERSION_STRING);
        return ExitOk;
    }
    for (const auto &c : commands()) {
        if (c.name == first) {
            std::vector<std::string_view> args(argv + 2, argv + argc);
            return c.run(args);
        }
    }
    std::fprintf(stderr, "bindery-cli: unknown command '%s'\nRun 'bindery-cli --help' for the list.\n",
                 argv[1]);
    return ExitUsage;
}
