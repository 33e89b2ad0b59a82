// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace bindery::workspace {

// A problem found in a workspace file, with a 1-based position so that editors can put a squiggle
// at the right place and the problems list can say "file:line:column: message".
struct Diagnostic {
    enum class Severity { Error, Warning };

    // A one-click fix: replace `length` bytes at byte `offset` of the file's text with
    // `replacement` (byte offsets are what editor documents count). `original` is what the fix
    // was computed against: a file that changed since is not edited blindly.
    struct Fix {
        int offset = 0;
        int length = 0;
        QByteArray original;
        QByteArray replacement;
        QString title; // what the button says
        bool operator==(const Fix &) const = default;
    };

    QString file; // relative to the workspace root
    int line = 0; // 1-based; 0 when the problem concerns the whole file
    int column = 0; // 1-based
    QString message;
    Severity severity = Severity::Error;
    QString rule; // the lint rule, when it comes from lint
    std::optional<Fix> fix;

    QString toString() const;
    bool operator==(const Diagnostic &) const = default;
};

} // namespace bindery::workspace
