// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/diagnostic.h"
#include "workspace/event_document.h"
#include "workspace/manifest_outline.h"
#include "workspace/workspace_index.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace bindery::workspace {

enum class FileKind { Index, Manifest, Event, Test };

// One file of the workspace as last edited (saved or not), parsed once per text version.
struct FileEntry {
    QString path; // relative to the workspace root, '/' separated
    FileKind kind = FileKind::Manifest;
    QByteArray text;
    std::optional<EventDocument> event; // FileKind::Event, when it parses
    ManifestOutline outline; // FileKind::Manifest
    QList<Diagnostic> problems; // with `file` filled in
};

// An immutable view of the whole workspace at one moment, cheap to copy and safe to hand to another
// thread: views and the evaluation jobs read it while the user keeps editing the live Workspace.
class WorkspaceSnapshot
{
public:
    using Entry = std::shared_ptr<const FileEntry>;

    WorkspaceSnapshot() = default;

    bool isNull() const { return !d; }
    quint64 revision() const;
    QString rootPath() const;
    const WorkspaceIndex &index() const;

    const QList<Entry> &manifests() const;
    const QList<Entry> &events() const;
    const QList<Entry> &tests() const;
    Entry file(const QString &path) const;

    bool isModified(const QString &path) const;
    bool hasUnsavedChanges() const;

    // Every file's problems, in path order.
    QList<Diagnostic> problems() const;

private:
    friend class Workspace;
    struct Data {
        quint64 revision = 0;
        QString rootPath;
        WorkspaceIndex index;
        Entry indexFile;
        QList<Entry> manifests, events, tests;
        QSet<QString> modified;
    };
    explicit WorkspaceSnapshot(std::shared_ptr<const Data> data)
        : d(std::move(data))
    {
    }
    std::shared_ptr<const Data> d;
};

} // namespace bindery::workspace

Q_DECLARE_METATYPE(bindery::workspace::WorkspaceSnapshot)
