// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/consoles/record_table_model.h"
#include "net/capture_record.h"

#include <QObject>
#include <QSortFilterProxyModel>

#include <memory>

namespace bindery::ui {

// One post from the app or one request the hosted endpoint received.
struct HistoryEntry {
    enum class Direction { Sent, Received };
    Direction direction = Direction::Sent;
    net::CaptureRecord record; // time, namespace, discriminator, headers, body
    int status = 0;            // 0: no HTTP answer
    QString target;            // where it was sent ("local endpoint", a profile), or who sent it
    QStringList bindings;      // matched (received) or predicted (sent)
    QString error;

    // As a capture line: the event plus an `outcome` object with the fields above, so that the
    // history file is a capture file `bindery-cli replay` reads as it is.
    net::CaptureRecord toCapture() const;
    static std::optional<HistoryEntry> fromCapture(const net::CaptureRecord &record);
};

using HistoryModel = RecordTableModel<HistoryEntry>;
std::unique_ptr<HistoryModel> makeHistoryModel(QObject *parent = nullptr);

// Search and direction filter over the history (text matched against path, target, bindings,
// error and body).
class HistoryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Show { All, Sent, Received, Errors };
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSearch(const QString &text);
    void setShow(Show show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_search;
    Show m_show = Show::All;
};

// The workspace's capture file of posts and received requests: appended as traffic happens,
// bounded (the oldest entries are dropped, the file compacted), reloaded with the workspace.
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;

    static QString defaultPath(const QString &workspaceRoot); // <root>/.bindery/history.ndjson

    // Loads the file (creating nothing until the first entry). Empty path: in memory only.
    bool setPath(const QString &path, QString *error = nullptr);
    QString path() const { return m_path; }
    void setLimit(int limit);
    int limit() const { return m_limit; }

    void add(const HistoryEntry &entry);
    void clear();
    HistoryModel *model() const { return m_model.get(); }

signals:
    void writeFailed(const QString &message);

private:
    bool compact();
    std::unique_ptr<HistoryModel> m_model;
    QString m_path;
    int m_limit = 1000;
    int m_linesInFile = 0;
};

} // namespace bindery::ui

Q_DECLARE_METATYPE(bindery::ui::HistoryEntry)
