// SPDX-License-Identifier: Apache-2.0
#include "workspace/workspace_index.h"

#include "workspace/yaml_support.h"

#include <QDir>

namespace bindery::workspace {

namespace {

// A folder named in the index must stay inside the workspace: the index is shared in git and must
// not make Bindery read or write elsewhere.
bool isInsideFolderName(const QString &dir)
{
    if (dir.isEmpty() || QDir::isAbsolutePath(dir))
        return false;
    const QString clean = QDir::cleanPath(dir);
    return clean != u".." && !clean.startsWith(QStringLiteral("../"));
}

} // namespace

WorkspaceIndex WorkspaceIndex::parse(const QByteArray &yamlText, Diagnostic *error)
{
    WorkspaceIndex index;
    YAML::Node root;
    try {
        root = YAML::Load(yamlText.toStdString());
    } catch (const YAML::Exception &e) {
        *error = yaml::fromException(e);
        return {};
    }
    if (root.IsNull())
        return index;
    if (!root.IsMap()) {
        *error = yaml::at(root.Mark(), QStringLiteral("the workspace index must be a mapping"));
        return {};
    }
    WorkspaceIndex read = index;
    for (const auto &entry : root) {
        const QString key = entry.first.IsScalar() ? yaml::text(entry.first) : QString();
        const YAML::Node &value = entry.second;
        if (!value.IsScalar()) {
            *error = yaml::at(value.Mark(), QStringLiteral("%1 must be a single value").arg(key));
            return {};
        }
        const QString text = yaml::text(value);
        QString *folder = nullptr;
        if (key == u"version") {
            bool ok = false;
            read.version = text.toInt(&ok);
            if (!ok || read.version < 1 || read.version > CurrentVersion) {
                *error = yaml::at(value.Mark(), QStringLiteral("unsupported workspace version \"%1\" "
                                                               "(this Bindery reads version %2)")
                                                    .arg(text)
                                                    .arg(CurrentVersion));
                return {};
            }
        } else if (key == u"name") {
            read.name = text;
        } else if (key == u"profile") {
            read.profile = text;
        } else if (key == u"namespace") {
            read.namespaceName = text;
        } else if (key == u"manifests") {
            folder = &read.manifestsDir;
        } else if (key == u"events") {
            folder = &read.eventsDir;
        } else if (key == u"tests") {
            folder = &read.testsDir;
        } else {
            *error = yaml::at(entry.first.Mark(), QStringLiteral("unknown key \"%1\" in the workspace index").arg(key));
            return {};
        }
        if (folder) {
            if (!isInsideFolderName(text)) {
                *error = yaml::at(value.Mark(),
                                  QStringLiteral("%1 must be a folder inside the workspace, not \"%2\"").arg(key, text));
                return {};
            }
            *folder = QDir::cleanPath(text);
        }
    }
    return read;
}

QByteArray WorkspaceIndex::newIndexText(const QString &name)
{
    QByteArray out =
        "# Bindery workspace index. Everything else in this folder is plain YAML that diffs well.\n"
        "#\n"
        "# manifests/*.yaml  WorkflowTemplates, ClusterWorkflowTemplates and WorkflowEventBindings,\n"
        "#                   several per file separated by ---, as kubectl takes them.\n"
        "# events/*.yaml     one sample event per file:\n"
        "#                     name: <text>        notes: <text, optional>\n"
        "#                     namespace: <text>   discriminator: <text, may be empty>\n"
        "#                     headers: [{name: <text>, value: <text>}, ...]   as sent, any case;\n"
        "#                       only x- headers reach the selector (lower-cased, as lists)\n"
        "#                     body: |\n"
        "#                       <the raw request body>\n"
        "# tests/*.yaml      binding test suites.\n"
        "# .bindery-autosave/ unsaved edits kept by the studio until saved (keep it out of git).\n";
    out += "version: " + QByteArray::number(CurrentVersion) + "\n";
    out += yaml::scalarEntry("name", name);
    out += "profile: v4.1            # the Argo behaviour simulated: v4.1 (sync dispatch) or docs-async\n"
           "namespace: argo          # default namespace for new events and for manifests without one\n"
           "manifests: manifests\n"
           "events: events\n"
           "tests: tests\n";
    return out;
}

} // namespace bindery::workspace
