// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace bindery::net {

// Tokenizes a shell command line the way a POSIX shell would (quotes, $'...', backslashes,
// continuations), or cmd.exe + the MSVC runtime when `windowsCmd`. Exposed for tests.
struct ShellWord {
    QByteArray text;
    int line = 1;
    int column = 1;
};
struct ShellCommand {
    QList<ShellWord> words;
    int line = 1;
    bool piped = false; // the command reads the previous one's output (`a | b`)
    QString error; // non-empty: the command could not be tokenized (unterminated quote...)
    int errorLine = 0;
    int errorColumn = 0;
};
QList<ShellCommand> splitShellCommands(QByteArrayView text, bool windowsCmd);

} // namespace bindery::net
