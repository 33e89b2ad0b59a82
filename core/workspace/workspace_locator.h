// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace bindery::workspace {

// Finds the example workspace that ships with Bindery: next to the binary in a build tree, in the
// installed data directory, or in the source tree. Returns an empty string when none is found.
class WorkspaceLocator
{
public:
    // The name of the index file that marks a folder as a workspace.
    static QString indexFileName();
    static bool isWorkspace(const QString &dir);
    static QString exampleWorkspace(const QString &applicationDir);
};

} // namespace bindery::workspace
