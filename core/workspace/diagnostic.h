// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace bindery::workspace {

// A problem found in a workspace file, with a 1-based position so that editors can put a squiggle
// at the right place and the problems list can say "file:line:column: message".
struct Diagnostic {
    enum class Severity { Error, Warning };

    QString file; // relative to the workspace root
    int line = 0; // 1-based; 0 when the problem concerns the whole file
    int column = 0; // 1-based
    QString message;
    Severity severity = Severity::Error;

    QString toString() const;
    bool operator==(const Diagnostic &) const = default;
};

} // namespace bindery::workspace
