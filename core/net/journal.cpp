// SPDX-License-Identifier: Apache-2.0
#include "net/journal.h"

#include <QDateTime>
#include <QHash>

namespace bindery::net {

std::unique_ptr<Journal> Journal::open(const QString &path, QString *error)
{
    std::unique_ptr<Journal> j(new Journal);
    j->m_file.setFileName(path);
    bool endsWithNewline = true;
    if (j->m_file.exists()) {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(path, in.errorString());
            return nullptr;
        }
        QList<CaptureRecord> events;
        QHash<QString, qsizetype> byId;
        QByteArray last;
        while (!in.atEnd()) {
            QByteArray line = in.readLine();
            last = line;
            if (line.endsWith('\n'))
                line.chop(1);
            if (line.trimmed().isEmpty())
                continue;
            auto record = CaptureRecord::fromNdjsonLine(line);
            if (!record) {
                ++j->m_skippedLines;
                continue;
            }
            if (record->kind == CaptureRecord::Kind::Outcome) {
                const auto it = byId.constFind(record->id);
                if (it != byId.constEnd())
                    events[*it].outcome = record->outcome;
                continue;
            }
            if (!record->id.isEmpty())
                byId.insert(record->id, events.size());
            events.append(std::move(*record));
        }
        endsWithNewline = last.isEmpty() || last.endsWith('\n');
        for (auto &e : events) {
            if (!e.outcome && !e.id.isEmpty())
                j->m_unprocessed.append(std::move(e));
        }
    }
    // Unbuffered: every write() goes to the kernel at once, so an acknowledged event survives the
    // death of this process (not of the machine: that would take an fsync per event).
    if (!j->m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, j->m_file.errorString());
        return nullptr;
    }
    if (!endsWithNewline)
        j->m_file.write("\n"); // end a torn line so that the next record starts on its own line
    j->m_runPrefix = QByteArray::number(QDateTime::currentMSecsSinceEpoch(), 36) + '-';
    return j;
}

bool Journal::writeLine(QByteArray line, QString *error)
{
    line += '\n';
    std::lock_guard lock(m_mutex);
    if (m_file.write(line) != line.size()) {
        if (error)
            *error = QStringLiteral("journal %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

bool Journal::appendEvent(CaptureRecord &record, QString *error)
{
    record.id = QString::fromLatin1(m_runPrefix + QByteArray::number(m_sequence.fetch_add(1) + 1));
    record.kind = CaptureRecord::Kind::Event;
    if (!record.time.isValid())
        record.time = QDateTime::currentDateTimeUtc();
    return writeLine(record.toNdjsonLine(), error);
}

bool Journal::appendOutcome(const QString &id, const QJsonObject &outcome)
{
    CaptureRecord r;
    r.kind = CaptureRecord::Kind::Outcome;
    r.id = id;
    r.outcome = outcome;
    return writeLine(r.toNdjsonLine(), nullptr);
}

} // namespace bindery::net
