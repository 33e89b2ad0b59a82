// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace bindery::net {

using HeaderList = QList<QPair<QByteArray, QByteArray>>; // (name, value) in the order received

// One line of a capture file (NDJSON), shared by the journal, `bindery-cli import` and replay:
//   {"time": RFC3339Nano, "namespace": "...", "discriminator": "...",
//    "headers": [[name, value], ...], "body": "<utf-8 text>" | "bodyBase64": "<base64>",
//    "outcome": {...}, "id": "..."}
// `outcome` and `id` are optional. A line holding only `id` and `outcome` (no `namespace`) is an
// outcome record: it completes the earlier event line with the same id (the journal appends one when
// an accepted event has been processed, so the file stays append-only).
struct CaptureRecord {
    enum class Kind { Event, Outcome };
    Kind kind = Kind::Event;
    QDateTime time; // UTC
    QString ns;
    QString discriminator;
    HeaderList headers;
    QByteArray body;
    std::optional<QJsonObject> outcome;
    QString id;

    // One line, without the trailing newline. Bodies that are not valid UTF-8 go to bodyBase64.
    QByteArray toNdjsonLine() const;
    // Parses one line; on failure returns nullopt and sets *error (with the column when known).
    static std::optional<CaptureRecord> fromNdjsonLine(QByteArrayView line, QString *error = nullptr);
};

// RFC 3339 with nanoseconds as Go's time.RFC3339Nano writes it (trailing zeros trimmed), in UTC.
QByteArray formatRfc3339Nano(const QDateTime &utc);
std::optional<QDateTime> parseRfc3339(QStringView text);

} // namespace bindery::net
