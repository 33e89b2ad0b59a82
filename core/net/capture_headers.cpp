// SPDX-License-Identifier: Apache-2.0
#include "net/capture_headers.h"

#include <QStringDecoder>

namespace bindery::net {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (sameName(h.first, name))
            return h.second.isNull() ? QByteArray("") : h.second;
    }
    return {};
}

bool hasHeader(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (sameName(h.first, name))
            return true;
    }
    return false;
}

void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value)
{
    bool done = false;
    for (qsizetype i = 0; i < headers.size();) {
        if (!sameName(headers[i].first, name)) {
            ++i;
        } else if (!done) {
            headers[i].second = value;
            done = true;
            ++i;
        } else {
            headers.removeAt(i);
        }
    }
    if (!done)
        headers.append(qMakePair(name, value));
}

void removeHeader(HeaderList &headers, QByteArrayView name)
{
    headers.removeIf([&](const QPair<QByteArray, QByteArray> &h) { return sameName(h.first, name); });
}

QString eventPath(const CaptureRecord &record)
{
    return QStringLiteral("/api/v1/events/") + record.ns + QLatin1Char('/') + record.discriminator;
}

bool isUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace bindery::net
