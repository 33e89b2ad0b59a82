// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/diagnostic.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace bindery::workspace {

// What the workspace tree needs to know about a manifest file: which objects it declares and where.
// The Argo semantics (parameters, selectors, validation) belong to core/argo, not here.
struct ManifestObject {
    QString kind; // WorkflowTemplate, ClusterWorkflowTemplate, WorkflowEventBinding, ...
    QString name; // metadata.name ("" when missing)
    int line = 0; // 1-based line where the document starts
    bool operator==(const ManifestObject &) const = default;
};

struct ManifestOutline {
    QList<ManifestObject> objects;
    QList<Diagnostic> problems; // file left empty for the caller to fill

    static ManifestOutline parse(const QByteArray &yaml);
};

} // namespace bindery::workspace
