// SPDX-License-Identifier: Apache-2.0
#include "workspace/workspace_locator.h"

#include "bindery_version.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bindery::workspace {

QString WorkspaceLocator::indexFileName()
{
    return QStringLiteral("bindery-workspace.yaml");
}

bool WorkspaceLocator::isWorkspace(const QString &dir)
{
    return QFileInfo(QDir(dir).filePath(indexFileName())).isFile();
}

QString WorkspaceLocator::exampleWorkspace(const QString &applicationDir)
{
    const QString relative = QStringLiteral("example-workspace");
    QStringList candidates{
        // Build tree: resources/ copies the example beside the binaries' parent.
        QDir(applicationDir).filePath(QStringLiteral("../resources/") + relative),
        // Installed: <prefix>/bin/../share/bindery/example-workspace.
        QDir(applicationDir).filePath(QStringLiteral("../share/bindery/") + relative),
    };
    for (const QString &dataDir : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        candidates << QDir(dataDir).filePath(QStringLiteral("bindery/") + relative);
    candidates << QStringLiteral(BINDERY_SOURCE_DIR "/resources/") + relative;
    for (const QString &c : std::as_const(candidates)) {
        if (isWorkspace(c))
            return QDir(c).canonicalPath();
    }
    return {};
}

} // namespace bindery::workspace
