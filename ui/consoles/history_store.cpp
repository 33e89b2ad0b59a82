// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/history_store.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

namespace bindery::ui {

net::CaptureRecord HistoryEntry::toCapture() const
{
    net::CaptureRecord r = record;
    r.kind = net::CaptureRecord::Kind::Event;
    QJsonObject o{{QStringLiteral("direction"), direction == Direction::Sent ? QStringLiteral("sent") : QStringLiteral("received")},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("target"), target},
                  {QStringLiteral("bindings"), QJsonArray::fromStringList(bindings)}};
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    r.outcome = o;
    return r;
}

std::optional<HistoryEntry> HistoryEntry::fromCapture(const net::CaptureRecord &record)
{
    if (record.kind != net::CaptureRecord::Kind::Event)
        return std::nullopt;
    HistoryEntry e;
    e.record = record;
    e.record.outcome.reset();
    const QJsonObject o = record.outcome.value_or(QJsonObject{});
    e.direction = o.value(QStringLiteral("direction")).toString() == QStringLiteral("received") ? Direction::Received : Direction::Sent;
    e.status = o.value(QStringLiteral("status")).toInt();
    e.target = o.value(QStringLiteral("target")).toString();
    for (const QJsonValue &b : o.value(QStringLiteral("bindings")).toArray())
        e.bindings << b.toString();
    e.error = o.value(QStringLiteral("error")).toString();
    return e;
}

std::unique_ptr<HistoryModel> makeHistoryModel(QObject *parent)
{
    using H = HistoryEntry;
    std::vector<HistoryModel::Column> columns{
        {QObject::tr("Time"), [](const H &h, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(h.record.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))) : QVariant();
         }},
        {QObject::tr("Dir."), [](const H &h, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(h.direction == H::Direction::Sent ? QObject::tr("sent") : QObject::tr("received")) : QVariant();
         }},
        {QObject::tr("Event"), [](const H &h, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(h.record.ns + QLatin1Char('/') + h.record.discriminator) : QVariant();
         }},
        {QObject::tr("Code"), [](const H &h, int role) -> QVariant {
             if (role == Qt::DisplayRole)
                 return h.status ? QVariant(h.status) : QVariant(QObject::tr("—"));
             if (role == Qt::ForegroundRole && (h.status == 0 || h.status >= 400))
                 return QColor(0xc6, 0x28, 0x28);
             return {};
         }},
        {QObject::tr("Target"), [](const H &h, int role) -> QVariant { return role == Qt::DisplayRole ? QVariant(h.target) : QVariant(); }},
        {QObject::tr("Bindings / error"), [](const H &h, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(h.error.isEmpty() ? h.bindings.join(QStringLiteral(", ")) : h.error) : QVariant();
         }},
    };
    return std::make_unique<HistoryModel>(std::move(columns), parent);
}

void HistoryFilterModel::setSearch(const QString &text)
{
    m_search = text.trimmed();
    invalidateRowsFilter();
}

void HistoryFilterModel::setShow(Show show)
{
    m_show = show;
    invalidateRowsFilter();
}

bool HistoryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = static_cast<const HistoryModel *>(sourceModel());
    const HistoryEntry &e = model->row(sourceRow);
    switch (m_show) {
    case Show::All: break;
    case Show::Sent: if (e.direction != HistoryEntry::Direction::Sent) return false; break;
    case Show::Received: if (e.direction != HistoryEntry::Direction::Received) return false; break;
    case Show::Errors: if (e.status > 0 && e.status < 400 && e.error.isEmpty()) return false; break;
    }
    if (m_search.isEmpty())
        return true;
    const auto has = [this](const QString &s) { return s.contains(m_search, Qt::CaseInsensitive); };
    return has(e.record.ns + QLatin1Char('/') + e.record.discriminator) || has(e.target) || has(e.error)
           || has(e.bindings.join(QLatin1Char(' '))) || has(QString::number(e.status))
           || has(QString::fromUtf8(e.record.body));
}

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
    , m_model(makeHistoryModel())
{
    m_model->setLimit(m_limit);
}

HistoryStore::~HistoryStore() = default;

QString HistoryStore::defaultPath(const QString &workspaceRoot)
{
    return workspaceRoot.isEmpty() ? QString() : QDir(workspaceRoot).filePath(QStringLiteral(".bindery/history.ndjson"));
}

bool HistoryStore::setPath(const QString &path, QString *error)
{
    m_path = path;
    m_linesInFile = 0;
    QList<HistoryEntry> entries;
    QFile file(path);
    if (!path.isEmpty() && file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(path, file.errorString());
            m_model->clear();
            return false;
        }
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            ++m_linesInFile;
            if (auto record = net::CaptureRecord::fromNdjsonLine(line))
                if (auto entry = HistoryEntry::fromCapture(*record))
                    entries << *entry;
        }
    }
    m_model->reset(entries);
    return true;
}

void HistoryStore::setLimit(int limit)
{
    m_limit = std::max(1, limit);
    m_model->setLimit(m_limit);
    if (m_linesInFile > m_limit)
        compact();
}

void HistoryStore::add(const HistoryEntry &entry)
{
    m_model->append(entry);
    if (m_path.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    if (!file.open(QIODevice::Append | QIODevice::WriteOnly)) {
        emit writeFailed(QStringLiteral("%1: %2").arg(m_path, file.errorString()));
        return;
    }
    file.write(entry.toCapture().toNdjsonLine() + '\n');
    ++m_linesInFile;
    // Compact once the file holds half again the limit: appends stay O(1) on average.
    if (m_linesInFile > m_limit + m_limit / 2)
        compact();
}

void HistoryStore::clear()
{
    m_model->clear();
    if (!m_path.isEmpty())
        compact();
}

bool HistoryStore::compact()
{
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly)) {
        emit writeFailed(QStringLiteral("%1: %2").arg(m_path, out.errorString()));
        return false;
    }
    for (const HistoryEntry &e : m_model->rows())
        out.write(e.toCapture().toNdjsonLine() + '\n');
    if (!out.commit()) {
        emit writeFailed(QStringLiteral("%1: %2").arg(m_path, out.errorString()));
        return false;
    }
    m_linesInFile = int(m_model->rows().size());
    return true;
}

} // namespace bindery::ui
