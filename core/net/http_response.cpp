// SPDX-License-Identifier: Apache-2.0
#include "net/http_response.h"

#include <cstring>
#include <ctime>

namespace bindery::net {

namespace {

// RFC 7231 IMF-fixdate, as Go's net/http sends in every response; cached per thread and second.
const QByteArray &httpDate()
{
    thread_local std::time_t cachedSecond = 0;
    thread_local QByteArray cached;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        cachedSecond = now;
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buf[64];
        const size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached = QByteArray(buf, static_cast<qsizetype>(n));
    }
    return cached;
}

} // namespace

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Request Entity Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    }
    return "Status";
}

HttpResponse HttpResponse::json(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::text(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

QByteArray HttpResponse::serialize(bool keepAlive) const
{
    QByteArray out;
    serializeTo(out, keepAlive);
    return out;
}

namespace {

// Appends without going through QByteArray::append per piece: the caller reserved the room.
struct Writer {
    char *p;
    void put(QByteArrayView v)
    {
        std::memcpy(p, v.data(), static_cast<size_t>(v.size()));
        p += v.size();
    }
    void number(qint64 n) // n >= 0
    {
        char digits[24];
        int len = 0;
        do {
            digits[len++] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n > 0);
        while (len > 0)
            *p++ = digits[--len];
    }
};

} // namespace

void HttpResponse::serializeTo(QByteArray &out, bool keepAlive) const
{
    const QByteArrayView reason = reasonPhrase(status);
    const QByteArray &date = httpDate();
    qsizetype room = 128 + reason.size() + contentType.size() + date.size() + body.size();
    for (const auto &[n, v] : headers)
        room += n.size() + v.size() + 4;
    const qsizetype start = out.size();
    out.resize(start + room); // one allocation at most, none when `out` has room (a connection reuses it)
    Writer w{out.data() + start};
    w.put("HTTP/1.1 ");
    w.number(status < 0 ? 0 : status);
    w.put(" ");
    w.put(reason);
    w.put("\r\n");
    if (!contentType.isEmpty()) {
        w.put("Content-Type: ");
        w.put(contentType);
        w.put("\r\n");
    }
    for (const auto &[n, v] : headers) {
        w.put(n);
        w.put(": ");
        w.put(v);
        w.put("\r\n");
    }
    w.put("Date: ");
    w.put(date);
    w.put("\r\n");
    if (!openStream) {
        w.put("Content-Length: ");
        w.number(body.size());
        w.put("\r\n");
    }
    if (!keepAlive || close || openStream)
        w.put("Connection: close\r\n");
    w.put("\r\n");
    w.put(body);
    out.resize(w.p - out.constData());
}

} // namespace bindery::net
