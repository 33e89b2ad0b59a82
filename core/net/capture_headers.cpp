// SPDX-License-Identifier: Apache-2.0
#include "net/capture_headers.h"


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
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        unsigned lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            if (c == 0xED)
                hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F; // past U+10FFFF
        } else {
            return false;
        }
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (int k = 2; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        }
        i += len;
    }
    return true;
}

} // namespace bindery::net
