// SPDX-License-Identifier: Apache-2.0
#pragma once

// Shared by the capture importers (capture_import.cpp, curl_import.cpp); not installed.

#include "net/capture_import.h"
#include "net/capture_json.h"

#include <QByteArrayView>
#include <QDateTime>

namespace bindery::net::importdetail {

namespace cj = capturejson;

// Headers a capture does not keep: the transport's, recomputed on every send.
bool isTransportHeader(QByteArrayView name);

struct Context {
    const ImportOptions &options;
    ImportResult &result;
    QDateTime now;

    void skip(int line, int column, const QString &item, const QString &reason)
    {
        result.skipped.append({ options.sourceName, line, column, -1, item, reason });
    }
    void skipAt(QByteArrayView text, qsizetype offset, const QString &item, const QString &reason)
    {
        const auto lc = cj::lineColumnAt(text, offset);
        skip(lc.line, lc.column, item, reason);
    }
    void fatal(QByteArrayView text, qsizetype offset, const QString &reason)
    {
        skipAt(text, offset, {}, reason);
        result.unreadable = true;
    }
    // Reports progress; false when the caller cancelled (then the importer stops where it is).
    bool tick(qint64 done, qint64 total)
    {
        if (!options.progress || result.cancelled)
            return !result.cancelled;
        if (!options.progress(done, total))
            result.cancelled = true;
        return !result.cancelled;
    }
    QDateTime defaultTime() const
    {
        return options.defaultTime.isValid() ? options.defaultTime.toUTC() : now;
    }

    // Adds the record when the route is an events route; otherwise returns the reason.
    bool add(const QString &url, HeaderList headers, QByteArray body, const QDateTime &time, QString *why)
    {
        const auto route = eventRouteFromUrl(url, why);
        if (!route)
            return false;
        CaptureRecord r;
        r.time = time;
        r.ns = route->ns;
        r.discriminator = route->discriminator;
        headers.removeIf([](const QPair<QByteArray, QByteArray> &h) { return isTransportHeader(h.first); });
        r.headers = std::move(headers);
        r.body = std::move(body);
        result.records.append(std::move(r));
        return true;
    }
};

// curl_import.cpp
bool isCurlProgram(QByteArrayView word);
QByteArray urlEncodeComponent(QByteArrayView v);
void importCurl(QByteArrayView text, Context &ctx);

} // namespace bindery::net::importdetail
