// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/event_document.h"
#include "workspace/workspace_snapshot.h"

#include <QHash>
#include <QSet>
#include <QObject>
#include <QStringList>

#include <map>

class QFileSystemWatcher;
class QTimer;

namespace bindery::workspace {

// The workspace folder on disk and the user's unsaved edits to it.
//
// Edits live here (not in the editors) so that every view sees the same text, so that a crash loses
// nothing (unsaved edits are autosaved to .bindery-autosave/ inside the workspace), and so that
// changes made by other programs (git checkout, another editor) can be told apart from ours:
// an unedited file follows the disk silently, an edited one raises externalConflict() and waits for
// the user to choose between reloadFromDisk() and keepLocalEdits().
class Workspace : public QObject
{
    Q_OBJECT
public:
    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    // Creates a new, empty workspace folder (index and the three sub-folders).
    static bool create(const QString &dir, const QString &name, QString *error);

    // Loads every file of the workspace at `dir`; on failure the current workspace stays open.
    bool open(const QString &dir, QString *error);
    void close();
    bool isOpen() const { return !m_root.isEmpty(); }
    QString rootPath() const { return m_root; }
    QString indexPath() const;

    WorkspaceSnapshot snapshot() const;

    QStringList files() const;
    bool contains(const QString &path) const;
    QByteArray text(const QString &path) const;
    bool isModified(const QString &path) const;
    bool isModified() const;
    QStringList modifiedFiles() const;

    // Replaces a file's text (an edit; not saved). Creates the file when it is new. Returns false
    // when the path is not one the workspace holds (outside the index's folders, not .yaml).
    bool setText(const QString &path, const QByteArray &text);
    // Writes `event` to its file in the canonical event format.
    bool setEvent(const QString &path, const EventDocument &event);
    // A new, unsaved file under the events/manifests folder named after `baseName`; returns its path.
    QString createEvent(const EventDocument &event);
    QString createManifest(const QString &baseName, const QByteArray &text);
    // Applies a one-click fix (an edit, not saved); false when the text no longer fits it.
    bool applyFix(const QString &path, const Diagnostic::Fix &fix);
    // Drops the unsaved edits of one file (a new file disappears).
    void revert(const QString &path);

    bool save(QString *error);
    bool saveFile(const QString &path, QString *error);
    // Writes the whole workspace, edits included, to `dir` and continues there.
    bool saveAs(const QString &dir, QString *error);

    // External changes to a file that has unsaved edits here.
    QStringList conflicts() const;
    QByteArray diskText(const QString &path) const;
    void reloadFromDisk(const QString &path); // take the disk's version, drop ours
    void keepLocalEdits(const QString &path); // keep ours; the next save overwrites the disk

    // Autosave of unsaved edits. The interval is the quiet time after the last edit.
    static QString autosaveFolderName();
    void setAutosaveInterval(int milliseconds);
    bool writeAutosave();
    // Edits autosaved by an earlier session that never saved them (found by open()).
    QStringList recoverableFiles() const;
    void recoverAutosave();
    void discardAutosave();

signals:
    void snapshotChanged(const bindery::workspace::WorkspaceSnapshot &snapshot);
    // A file's text changed without an edit here (reload from disk, revert, recovery): editors
    // showing it should take the new text.
    void textReplaced(const QString &path);
    void externalConflict(const QString &path);
    void modificationChanged(bool modified);

private:
    struct Record {
        QByteArray diskText;
        bool onDisk = false;
        WorkspaceSnapshot::Entry entry; // the current text, parsed
        std::optional<QByteArray> pendingDisk; // a conflicting version found on disk
    };

    std::optional<FileKind> kindOf(const QString &path) const;
    WorkspaceSnapshot::Entry parse(const QString &path, FileKind kind, const QByteArray &text) const;
    void load(const QString &path, const QByteArray &diskText);
    void scanFolder(const QString &folder, bool initial);
    void onFileChanged(const QString &absolutePath);
    void onDirectoryChanged(const QString &absolutePath);
    void refreshFromDisk(const QString &path);
    void watch(const QString &path);
    void changed(bool textOfOpenEditorsReplaced = false, const QString &path = {});
    QString absolute(const QString &path) const;
    QString autosaveFile(const QString &path) const;
    void removeAutosaveCopy(const QString &path);
    QString uniquePath(const QString &folder, const QString &baseName) const;
    void scanAutosave();

    QString m_root;
    WorkspaceIndex m_index;
    std::map<QString, Record> m_files; // sorted by path: snapshots list files in that order
    QStringList m_recoverable;
    QFileSystemWatcher *m_watcher = nullptr;
    QSet<QString> m_watched; // files added to m_watcher
    QStringList *m_collectWatches = nullptr; // while opening: files to watch, added in one go
    QTimer *m_autosaveTimer = nullptr;
    quint64 m_revision = 0;
    mutable WorkspaceSnapshot m_snapshot;
    mutable bool m_snapshotStale = true;
    bool m_wasModified = false;
};

} // namespace bindery::workspace
