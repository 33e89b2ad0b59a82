// SPDX-License-Identifier: Apache-2.0
#include "workspace/workspace_snapshot.h"

namespace bindery::workspace {

namespace {
const WorkspaceIndex kNoIndex;
const QList<WorkspaceSnapshot::Entry> kNoEntries;
} // namespace

quint64 WorkspaceSnapshot::revision() const { return d ? d->revision : 0; }
QString WorkspaceSnapshot::rootPath() const { return d ? d->rootPath : QString(); }
const WorkspaceIndex &WorkspaceSnapshot::index() const { return d ? d->index : kNoIndex; }
const QList<WorkspaceSnapshot::Entry> &WorkspaceSnapshot::manifests() const { return d ? d->manifests : kNoEntries; }
const QList<WorkspaceSnapshot::Entry> &WorkspaceSnapshot::events() const { return d ? d->events : kNoEntries; }
const QList<WorkspaceSnapshot::Entry> &WorkspaceSnapshot::tests() const { return d ? d->tests : kNoEntries; }

WorkspaceSnapshot::Entry WorkspaceSnapshot::file(const QString &path) const
{
    if (!d)
        return {};
    if (d->indexFile && d->indexFile->path == path)
        return d->indexFile;
    for (const QList<Entry> *list : {&d->manifests, &d->events, &d->tests}) {
        // Lists are sorted by path: a binary search keeps lookups cheap with 10,000 events.
        auto it = std::lower_bound(list->begin(), list->end(), path,
                                   [](const Entry &e, const QString &p) { return e->path < p; });
        if (it != list->end() && (*it)->path == path)
            return *it;
    }
    return {};
}

bool WorkspaceSnapshot::isModified(const QString &path) const { return d && d->modified.contains(path); }
bool WorkspaceSnapshot::hasUnsavedChanges() const { return d && !d->modified.isEmpty(); }

QList<Diagnostic> WorkspaceSnapshot::problems() const
{
    QList<Diagnostic> all;
    if (!d)
        return all;
    if (d->indexFile)
        all += d->indexFile->problems;
    for (const QList<Entry> *list : {&d->manifests, &d->events, &d->tests})
        for (const Entry &e : *list)
            all += e->problems;
    return all;
}

} // namespace bindery::workspace
