// SPDX-License-Identifier: Apache-2.0
#include "workspace/workspace.h"

#include "workspace/lint_fix.h"

#include "workspace/workspace_locator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>

namespace bindery::workspace {

namespace {

constexpr int kDefaultAutosaveMs = 1500;

bool readFile(const QString &absolutePath, QByteArray *out)
{
    QFile f(absolutePath);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    *out = f.readAll();
    return true;
}

bool writeFileAtomically(const QString &absolutePath, const QByteArray &text, QString *error)
{
    if (!QDir().mkpath(QFileInfo(absolutePath).absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create the folder of %1").arg(QDir::toNativeSeparators(absolutePath));
        return false;
    }
    QSaveFile f(absolutePath);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(absolutePath), f.errorString());
        return false;
    }
    return true;
}

bool isYamlFile(const QString &name)
{
    return name.endsWith(QStringLiteral(".yaml")) || name.endsWith(QStringLiteral(".yml"));
}

QString slug(const QString &name, const QString &fallback)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString s = name.toLower().replace(nonWord, QStringLiteral("-"));
    while (s.startsWith(u'-'))
        s.remove(0, 1);
    while (s.endsWith(u'-'))
        s.chop(1);
    return s.isEmpty() ? fallback : s.left(60);
}

} // namespace

Workspace::Workspace(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher(this))
    , m_autosaveTimer(new QTimer(this))
{
    qRegisterMetaType<WorkspaceSnapshot>();
    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(kDefaultAutosaveMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, [this] { writeAutosave(); });
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &Workspace::onFileChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &Workspace::onDirectoryChanged);
}

Workspace::~Workspace()
{
    // Whatever is still unsaved must survive us: the next open offers it back.
    if (isOpen() && isModified())
        writeAutosave();
}

bool Workspace::create(const QString &dir, const QString &name, QString *error)
{
    if (WorkspaceLocator::isWorkspace(dir)) {
        *error = QStringLiteral("%1 already holds a workspace").arg(QDir::toNativeSeparators(dir));
        return false;
    }
    const WorkspaceIndex defaults;
    for (const QString &folder : {defaults.manifestsDir, defaults.eventsDir, defaults.testsDir}) {
        if (!QDir().mkpath(QDir(dir).filePath(folder))) {
            *error = QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(QDir(dir).filePath(folder)));
            return false;
        }
    }
    return writeFileAtomically(QDir(dir).filePath(WorkspaceLocator::indexFileName()),
                               WorkspaceIndex::newIndexText(name), error);
}

QString Workspace::indexPath() const
{
    return WorkspaceLocator::indexFileName();
}

bool Workspace::open(const QString &dir, QString *error)
{
    if (!WorkspaceLocator::isWorkspace(dir)) {
        *error = QStringLiteral("%1 is not a Bindery workspace (it has no %2)")
                     .arg(QDir::toNativeSeparators(dir), WorkspaceLocator::indexFileName());
        return false;
    }
    QByteArray indexText;
    const QString root = QDir(dir).canonicalPath();
    if (!readFile(QDir(root).filePath(indexPath()), &indexText)) {
        *error = QStringLiteral("cannot read %1").arg(QDir::toNativeSeparators(QDir(root).filePath(indexPath())));
        return false;
    }
    if (isOpen() && isModified())
        writeAutosave();
    close();
    m_root = root;
    load(indexPath(), indexText);
    Diagnostic ignored; // the index entry carries its own problems
    m_index = WorkspaceIndex::parse(indexText, &ignored);
    m_watcher->addPath(m_root);
    QStringList watches;
    m_collectWatches = &watches;
    for (const QString &folder : {m_index.manifestsDir, m_index.eventsDir, m_index.testsDir})
        scanFolder(folder, true);
    m_collectWatches = nullptr;
    if (!watches.isEmpty())
        m_watcher->addPaths(watches);
    scanAutosave();
    changed();
    return true;
}

void Workspace::close()
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    m_watched.clear();
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_autosaveTimer->stop();
    m_files.clear();
    m_recoverable.clear();
    m_root.clear();
    m_index = {};
    m_snapshotStale = true;
    m_wasModified = false;
}

std::optional<FileKind> Workspace::kindOf(const QString &path) const
{
    if (path == indexPath())
        return FileKind::Index;
    if (path.isEmpty() || QDir::isAbsolutePath(path) || QDir::cleanPath(path) != path || path.startsWith(u'.')
        || !isYamlFile(path))
        return std::nullopt;
    const qsizetype slash = path.lastIndexOf(u'/');
    if (slash <= 0)
        return std::nullopt;
    const QString folder = path.left(slash);
    if (folder == m_index.manifestsDir)
        return FileKind::Manifest;
    if (folder == m_index.eventsDir)
        return FileKind::Event;
    if (folder == m_index.testsDir)
        return FileKind::Test;
    return std::nullopt;
}

WorkspaceSnapshot::Entry Workspace::parse(const QString &path, FileKind kind, const QByteArray &text) const
{
    auto entry = std::make_shared<FileEntry>();
    entry->path = path;
    entry->kind = kind;
    entry->text = text;
    switch (kind) {
    case FileKind::Index: {
        Diagnostic error;
        WorkspaceIndex::parse(text, &error);
        if (!error.message.isEmpty())
            entry->problems.append(error);
        break;
    }
    case FileKind::Manifest:
        entry->outline = ManifestOutline::parse(text);
        entry->problems = entry->outline.problems;
        break;
    case FileKind::Event: {
        EventFormat::Result r = EventFormat::parse(text, QFileInfo(path).completeBaseName(), m_index.namespaceName);
        entry->event = std::move(r.event);
        if (!entry->event)
            entry->problems.append(r.error);
        break;
    }
    case FileKind::Test:
        break; // binding test suites are read by the test runner
    }
    for (Diagnostic &d : entry->problems)
        d.file = path;
    return entry;
}

void Workspace::load(const QString &path, const QByteArray &diskText)
{
    const std::optional<FileKind> kind = kindOf(path);
    if (!kind)
        return;
    Record &r = m_files[path];
    r.diskText = diskText;
    r.onDisk = true;
    r.pendingDisk.reset();
    r.entry = parse(path, *kind, diskText);
    watch(path);
}

void Workspace::scanFolder(const QString &folder, bool initial)
{
    const QString absoluteFolder = absolute(folder);
    if (!QFileInfo(absoluteFolder).isDir())
        return;
    if (!m_watcher->directories().contains(absoluteFolder))
        m_watcher->addPath(absoluteFolder);
    const QStringList names =
        QDir(absoluteFolder).entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name);
    QSet<QString> present;
    for (const QString &name : names) {
        const QString path = folder + u'/' + name;
        present.insert(path);
        if (initial) {
            QByteArray text;
            if (readFile(absolute(path), &text))
                load(path, text);
        } else if (!m_files.count(path) || !m_files.at(path).onDisk) {
            refreshFromDisk(path);
        }
    }
    if (initial)
        return;
    QStringList gone;
    for (const auto &[path, record] : m_files)
        if (record.onDisk && path.startsWith(folder + u'/') && !present.contains(path))
            gone << path;
    for (const QString &path : std::as_const(gone))
        refreshFromDisk(path);
}

void Workspace::watch(const QString &path)
{
    // QFileSystemWatcher::files() builds a list on every call: with 10,000 events a lookup there
    // per file made opening quadratic. Our own set keeps it linear.
    const QString file = absolute(path);
    if (m_watched.contains(file))
        return;
    if (m_collectWatches) { // opening: one addPaths() for all (each addPath() scans Qt's list)
        m_collectWatches->append(file);
        m_watched.insert(file);
        return;
    }
    if (QFileInfo::exists(file) && m_watcher->addPath(file))
        m_watched.insert(file);
}

void Workspace::onFileChanged(const QString &absolutePath)
{
    if (!isOpen())
        return;
    // A replaced or deleted file is no longer watched (inotify follows the old inode).
    if (!QFileInfo::exists(absolutePath) || !m_watcher->files().contains(absolutePath))
        m_watched.remove(absolutePath);
    refreshFromDisk(QDir(m_root).relativeFilePath(absolutePath));
}

void Workspace::onDirectoryChanged(const QString &absolutePath)
{
    if (!isOpen())
        return;
    const QString folder = QDir(m_root).relativeFilePath(absolutePath);
    if (folder == u".") {
        // A folder may have appeared (git checkout), or the index been replaced.
        refreshFromDisk(indexPath());
        for (const QString &f : {m_index.manifestsDir, m_index.eventsDir, m_index.testsDir})
            scanFolder(f, false);
        return;
    }
    scanFolder(folder, false);
}

void Workspace::refreshFromDisk(const QString &path)
{
    const std::optional<FileKind> kind = kindOf(path);
    if (!kind)
        return;
    auto it = m_files.find(path);
    QByteArray bytes;
    if (!QFileInfo::exists(absolute(path)) || !readFile(absolute(path), &bytes)) {
        if (it == m_files.end() || !it->second.onDisk)
            return;
        Record &r = it->second;
        if (r.entry->text == r.diskText) {
            m_files.erase(it);
            changed();
            return;
        }
        // Deleted elsewhere while edited here: keep the edits as a new, unsaved file and say so.
        r.onDisk = false;
        r.diskText.clear();
        r.pendingDisk.reset();
        changed();
        emit externalConflict(path);
        return;
    }
    watch(path); // an atomic replace (rename) ends the old watch
    if (it == m_files.end()) {
        load(path, bytes);
        changed();
        return;
    }
    Record &r = it->second;
    if (r.onDisk && bytes == r.diskText)
        return; // our own save, or a touch
    const bool edited = !r.onDisk || r.entry->text != r.diskText;
    if (!edited || bytes == r.entry->text) {
        const bool replaced = r.entry->text != bytes;
        r.diskText = bytes;
        r.onDisk = true;
        r.pendingDisk.reset();
        if (replaced)
            r.entry = parse(path, *kind, bytes);
        changed(replaced, path);
        return;
    }
    if (r.pendingDisk == bytes)
        return;
    r.pendingDisk = bytes;
    emit externalConflict(path);
}

void Workspace::changed(bool textReplacedHere, const QString &path)
{
    m_snapshotStale = true;
    ++m_revision;
    const bool modified = isModified();
    if (modified)
        m_autosaveTimer->start();
    emit snapshotChanged(snapshot());
    if (textReplacedHere)
        emit textReplaced(path);
    if (modified != m_wasModified) {
        m_wasModified = modified;
        emit modificationChanged(modified);
    }
}

WorkspaceSnapshot Workspace::snapshot() const
{
    if (!m_snapshotStale)
        return m_snapshot;
    auto data = std::make_shared<WorkspaceSnapshot::Data>();
    data->revision = m_revision;
    data->rootPath = m_root;
    data->index = m_index;
    for (const auto &[path, record] : m_files) {
        switch (record.entry->kind) {
        case FileKind::Index:
            data->indexFile = record.entry;
            break;
        case FileKind::Manifest:
            data->manifests.append(record.entry);
            break;
        case FileKind::Event:
            data->events.append(record.entry);
            break;
        case FileKind::Test:
            data->tests.append(record.entry);
            break;
        }
        if (!record.onDisk || record.entry->text != record.diskText)
            data->modified.insert(path);
    }
    m_snapshot = WorkspaceSnapshot(std::move(data));
    m_snapshotStale = false;
    return m_snapshot;
}

QStringList Workspace::files() const
{
    QStringList out;
    for (const auto &entry : m_files)
        out << entry.first;
    return out;
}

bool Workspace::contains(const QString &path) const { return m_files.count(path) > 0; }

QByteArray Workspace::text(const QString &path) const
{
    auto it = m_files.find(path);
    return it == m_files.end() ? QByteArray() : it->second.entry->text;
}

QByteArray Workspace::diskText(const QString &path) const
{
    auto it = m_files.find(path);
    if (it == m_files.end())
        return {};
    return it->second.pendingDisk.value_or(it->second.diskText);
}

bool Workspace::isModified(const QString &path) const
{
    auto it = m_files.find(path);
    return it != m_files.end() && (!it->second.onDisk || it->second.entry->text != it->second.diskText);
}

bool Workspace::isModified() const
{
    for (const auto &[path, r] : m_files)
        if (!r.onDisk || r.entry->text != r.diskText)
            return true;
    return false;
}

QStringList Workspace::modifiedFiles() const
{
    QStringList out;
    for (const auto &[path, r] : m_files)
        if (!r.onDisk || r.entry->text != r.diskText)
            out << path;
    return out;
}

bool Workspace::setText(const QString &path, const QByteArray &text)
{
    const std::optional<FileKind> kind = isOpen() ? kindOf(path) : std::nullopt;
    if (!kind)
        return false;
    auto it = m_files.find(path);
    if (it != m_files.end() && it->second.entry->text == text)
        return true;
    Record &r = m_files[path];
    r.entry = parse(path, *kind, text);
    if (*kind == FileKind::Index) {
        // Folder names take effect on the next open; the rest (profile, namespace) at once.
        Diagnostic error;
        const WorkspaceIndex index = WorkspaceIndex::parse(text, &error);
        if (error.message.isEmpty()) {
            m_index.name = index.name;
            m_index.profile = index.profile;
            m_index.namespaceName = index.namespaceName;
        }
    }
    changed();
    return true;
}

bool Workspace::setEvent(const QString &path, const EventDocument &event)
{
    if (kindOf(path) != FileKind::Event)
        return false;
    return setText(path, EventFormat::serialize(event));
}

QString Workspace::uniquePath(const QString &folder, const QString &baseName) const
{
    QString path = folder + u'/' + baseName + QStringLiteral(".yaml");
    for (int n = 2; m_files.count(path) || QFileInfo::exists(absolute(path)); ++n)
        path = folder + u'/' + baseName + u'-' + QString::number(n) + QStringLiteral(".yaml");
    return path;
}

QString Workspace::createEvent(const EventDocument &event)
{
    if (!isOpen())
        return {};
    const QString path = uniquePath(m_index.eventsDir, slug(event.name, QStringLiteral("event")));
    setEvent(path, event);
    return path;
}

QString Workspace::createManifest(const QString &baseName, const QByteArray &text)
{
    if (!isOpen())
        return {};
    const QString path = uniquePath(m_index.manifestsDir, slug(baseName, QStringLiteral("manifest")));
    setText(path, text);
    return path;
}

bool Workspace::applyFix(const QString &path, const Diagnostic::Fix &fix)
{
    if (!contains(path))
        return false;
    QByteArray fixed = text(path);
    if (!workspace::applyFix(fixed, fix) || !setText(path, fixed))
        return false;
    emit textReplaced(path); // not typed in an editor: open editors take the new text
    return true;
}

void Workspace::revert(const QString &path)
{
    auto it = m_files.find(path);
    if (it == m_files.end())
        return;
    if (!it->second.onDisk) {
        m_files.erase(it);
        removeAutosaveCopy(path);
        changed(true, path);
        return;
    }
    Record &r = it->second;
    if (r.entry->text == r.diskText)
        return;
    r.entry = parse(path, r.entry->kind, r.diskText);
    removeAutosaveCopy(path);
    changed(true, path);
}

bool Workspace::saveFile(const QString &path, QString *error)
{
    auto it = m_files.find(path);
    if (it == m_files.end()) {
        if (error)
            *error = QStringLiteral("%1 is not part of the workspace").arg(path);
        return false;
    }
    Record &r = it->second;
    if (r.onDisk && r.entry->text == r.diskText && !r.pendingDisk)
        return true;
    if (!writeFileAtomically(absolute(path), r.entry->text, error))
        return false;
    r.diskText = r.entry->text;
    r.onDisk = true;
    r.pendingDisk.reset();
    removeAutosaveCopy(path);
    watch(path);
    if (QFileInfo(absolute(path)).absolutePath() != m_root)
        m_watcher->addPath(QFileInfo(absolute(path)).absolutePath());
    changed();
    return true;
}

bool Workspace::save(QString *error)
{
    for (const QString &path : modifiedFiles())
        if (!saveFile(path, error))
            return false;
    return true;
}

bool Workspace::saveAs(const QString &dir, QString *error)
{
    if (!isOpen()) {
        *error = QStringLiteral("no workspace is open");
        return false;
    }
    const QString target = QDir(dir).absolutePath();
    if (QDir(target).canonicalPath() == m_root)
        return save(error);
    if (WorkspaceLocator::isWorkspace(target)) {
        *error = QStringLiteral("%1 already holds a workspace").arg(QDir::toNativeSeparators(target));
        return false;
    }
    for (const auto &[path, r] : m_files)
        if (!writeFileAtomically(QDir(target).filePath(path), r.entry->text, error))
            return false;
    for (const QString &folder : {m_index.manifestsDir, m_index.eventsDir, m_index.testsDir})
        QDir().mkpath(QDir(target).filePath(folder));
    // The edits now live in the new workspace; the old one's safety copies are no longer needed.
    discardAutosave();
    close();
    return open(target, error);
}

QStringList Workspace::conflicts() const
{
    QStringList out;
    for (const auto &[path, r] : m_files)
        if (r.pendingDisk)
            out << path;
    return out;
}

void Workspace::reloadFromDisk(const QString &path)
{
    auto it = m_files.find(path);
    if (it == m_files.end())
        return;
    QByteArray bytes;
    if (it->second.pendingDisk) {
        bytes = *it->second.pendingDisk;
    } else if (!readFile(absolute(path), &bytes)) {
        m_files.erase(it);
        changed(true, path);
        return;
    }
    Record &r = it->second;
    r.diskText = bytes;
    r.onDisk = true;
    r.pendingDisk.reset();
    r.entry = parse(path, r.entry->kind, bytes);
    removeAutosaveCopy(path);
    changed(true, path);
}

void Workspace::keepLocalEdits(const QString &path)
{
    auto it = m_files.find(path);
    if (it == m_files.end() || !it->second.pendingDisk)
        return;
    it->second.diskText = *it->second.pendingDisk;
    it->second.pendingDisk.reset();
    changed();
}

QString Workspace::autosaveFolderName() { return QStringLiteral(".bindery-autosave"); }

void Workspace::setAutosaveInterval(int milliseconds) { m_autosaveTimer->setInterval(milliseconds); }

QString Workspace::absolute(const QString &path) const { return QDir(m_root).filePath(path); }

QString Workspace::autosaveFile(const QString &path) const
{
    return QDir(m_root).filePath(autosaveFolderName() + u'/' + path);
}

bool Workspace::writeAutosave()
{
    if (!isOpen())
        return false;
    m_autosaveTimer->stop();
    bool ok = true;
    for (const auto &[path, r] : m_files) {
        const QString file = autosaveFile(path);
        if (!r.onDisk || r.entry->text != r.diskText)
            ok = writeFileAtomically(file, r.entry->text, nullptr) && ok;
        else if (!m_recoverable.contains(path) && QFileInfo::exists(file))
            removeAutosaveCopy(path);
    }
    return ok;
}

void Workspace::scanAutosave()
{
    const QString folder = QDir(m_root).filePath(autosaveFolderName());
    if (!QFileInfo(folder).isDir())
        return;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString path = QDir(folder).relativeFilePath(file);
        QByteArray saved;
        if (!kindOf(path) || !readFile(file, &saved))
            continue;
        auto record = m_files.find(path);
        if (record != m_files.end() && record->second.diskText == saved)
            removeAutosaveCopy(path); // saved since, by us or by someone else
        else
            m_recoverable << path;
    }
    m_recoverable.sort();
}

void Workspace::removeAutosaveCopy(const QString &path)
{
    QFile::remove(autosaveFile(path));
    // Leave no empty folders behind: an absent .bindery-autosave means "nothing unsaved".
    const QDir root(m_root);
    for (QString folder = QFileInfo(autosaveFolderName() + u'/' + path).path(); !folder.isEmpty() && folder != u".";
         folder = QFileInfo(folder).path()) {
        if (!root.rmdir(folder))
            break;
    }
}

QStringList Workspace::recoverableFiles() const { return m_recoverable; }

void Workspace::recoverAutosave()
{
    const QStringList paths = std::exchange(m_recoverable, {});
    for (const QString &path : paths) {
        QByteArray saved;
        if (readFile(autosaveFile(path), &saved) && setText(path, saved))
            emit textReplaced(path);
    }
}

void Workspace::discardAutosave()
{
    m_recoverable.clear();
    if (isOpen())
        QDir(QDir(m_root).filePath(autosaveFolderName())).removeRecursively();
}

} // namespace bindery::workspace
