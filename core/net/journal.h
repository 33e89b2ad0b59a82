// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <QFile>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace bindery::net {

// The append-only journal of accepted events (`--journal FILE`), in the capture file format. An
// event line is written and handed to the kernel (an unbuffered write) before the event is
// acknowledged; when it has been processed an outcome line with the same id follows. Opening an
// existing journal finds the events that have no outcome line: they were acknowledged but not
// processed (the process died), and are to be dispatched again, once, by whoever opened it.
class Journal
{
public:
    static std::unique_ptr<Journal> open(const QString &path, QString *error);

    // Events acknowledged by an earlier run and never completed, in file order.
    const QList<CaptureRecord> &unprocessed() const { return m_unprocessed; }
    int skippedLines() const { return m_skippedLines; } // unreadable lines (e.g. a torn last line)

    // Assigns record.id and appends the event line. Thread-safe. False (with *error) when the
    // write failed: the event must then not be acknowledged.
    bool appendEvent(CaptureRecord &record, QString *error = nullptr);
    // Appends the outcome line for an id. Thread-safe.
    bool appendOutcome(const QString &id, const QJsonObject &outcome);

    QString path() const { return m_file.fileName(); }

private:
    Journal() = default;
    bool writeLine(QByteArray line, QString *error);

    QFile m_file;
    std::mutex m_mutex;
    QList<CaptureRecord> m_unprocessed;
    int m_skippedLines = 0;
    QByteArray m_runPrefix;
    std::atomic<quint64> m_sequence{0};
};

} // namespace bindery::net
