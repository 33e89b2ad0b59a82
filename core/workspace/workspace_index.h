// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/diagnostic.h"

#include <QByteArray>
#include <QString>

namespace bindery::workspace {

// The settings in bindery-workspace.yaml. The file itself stays the user's text (comments kept);
// this is what Bindery reads from it.
struct WorkspaceIndex {
    static constexpr int CurrentVersion = 1;

    int version = CurrentVersion;
    QString name;
    QString profile = QStringLiteral("v4.1");
    QString namespaceName = QStringLiteral("argo");
    QString manifestsDir = QStringLiteral("manifests");
    QString eventsDir = QStringLiteral("events");
    QString testsDir = QStringLiteral("tests");

    bool operator==(const WorkspaceIndex &) const = default;

    // Reads the index; on error returns the defaults and fills `error` (line:column).
    static WorkspaceIndex parse(const QByteArray &yaml, Diagnostic *error);
    // The text of a new workspace's index, with comments that document the whole folder format.
    static QByteArray newIndexText(const QString &name);
};

} // namespace bindery::workspace
