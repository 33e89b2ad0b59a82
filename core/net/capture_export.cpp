// SPDX-License-Identifier: Apache-2.0
#include "net/capture_export.h"

#include "net/capture_headers.h"
#include "net/capture_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>

namespace bindery::net {

namespace cj = capturejson;

namespace {
void appendJsonStringTo(QByteArray &out, QByteArrayView text);
}

bool isSecretHeader(QByteArrayView name)
{
    const QByteArray n = name.toByteArray().toLower();
    static const char *const exact[] = {"authorization", "proxy-authorization", "cookie", "set-cookie",
                                        "x-gitlab-token", "x-hook-uuid", "x-api-key", "x-auth-token",
                                        "x-amz-security-token"};
    for (const char *e : exact) {
        if (n == e)
            return true;
    }
    return n.startsWith("x-hub-signature") || n.contains("-signature") || (n.startsWith("x-") && n.endsWith("-token"))
        || n.endsWith("-secret");
}

CaptureRecord redactRecord(const CaptureRecord &record, const RedactionOptions &options, QStringList *warnings)
{
    CaptureRecord r = record;
    if (!options.enabled)
        return r;
    for (auto &h : r.headers) {
        bool secret = isSecretHeader(h.first);
        for (const QByteArray &extra : options.extraHeaders)
            secret = secret || h.first.compare(extra, Qt::CaseInsensitive) == 0;
        if (!secret)
            continue;
        // Keep the scheme ("Bearer", "Basic"): it tells the reader which kind of credential it was.
        const qsizetype sp = h.second.indexOf(' ');
        const bool scheme = h.first.compare("authorization", Qt::CaseInsensitive) == 0 && sp > 0;
        h.second = scheme ? h.second.left(sp + 1) + options.replacement : options.replacement;
    }
    if (options.jsonPaths.isEmpty())
        return r;
    QJsonParseError pe;
    (void)QJsonDocument::fromJson(r.body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (warnings)
            *warnings << QStringLiteral("the body is not JSON: JSON paths were not applied");
        return r;
    }
    QList<cj::Span> spans;
    for (const QString &path : options.jsonPaths) {
        QString error;
        const auto found = cj::select(r.body, path, &error);
        if (!found) {
            if (warnings)
                *warnings << error;
            continue;
        }
        spans += *found;
    }
    // A value inside another selected value goes with it; then replace from the end so that
    // earlier offsets stay valid.
    QList<cj::Span> outer;
    for (const cj::Span &s : std::as_const(spans)) {
        bool inside = false;
        for (const cj::Span &o : std::as_const(spans))
            inside = inside || (o.begin <= s.begin && s.end <= o.end && (o.begin != s.begin || o.end != s.end));
        bool duplicate = false;
        for (const cj::Span &o : std::as_const(outer))
            duplicate = duplicate || (o.begin == s.begin && o.end == s.end);
        if (!inside && !duplicate)
            outer.append(s);
    }
    std::sort(outer.begin(), outer.end(), [](const cj::Span &a, const cj::Span &b) { return a.begin > b.begin; });
    QByteArray quoted;
    appendJsonStringTo(quoted, options.replacement);
    for (const cj::Span &s : std::as_const(outer))
        r.body.replace(s.begin, s.end - s.begin, quoted);
    return r;
}

namespace {
void appendJsonStringTo(QByteArray &out, QByteArrayView text)
{
    out += QJsonDocument(QJsonArray{QString::fromUtf8(text)}).toJson(QJsonDocument::Compact).sliced(1).chopped(1);
}
} // namespace

QByteArray shellQuote(QByteArrayView word)
{
    const bool utf8 = isUtf8(word);
    bool plain = utf8;
    for (const char c : word) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n')
            plain = false;
        if (u == 0x7F)
            plain = false;
    }
    if (plain) {
        bool bare = !word.isEmpty();
        for (const char c : word) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || QByteArrayView("-_./:=@,+%").contains(c)))
                bare = false;
        }
        if (bare)
            return word.toByteArray();
        QByteArray out = "'";
        for (const char c : word) {
            if (c == '\'')
                out += "'\\''";
            else
                out += c;
        }
        return out + '\'';
    }
    static const char hex[] = "0123456789abcdef";
    QByteArray out = "$'";
    for (const char c : word) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '\n': out += "\\n"; continue;
        case '\t': out += "\\t"; continue;
        case '\r': out += "\\r"; continue;
        case '\\': out += "\\\\"; continue;
        case '\'': out += "\\'"; continue;
        default: break;
        }
        if (u < 0x20 || u == 0x7F || (!utf8 && u >= 0x80)) {
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 0xF];
        } else {
            out += c;
        }
    }
    return out + '\'';
}

namespace {

QString eventUrl(const CaptureRecord &r, const QString &baseUrl)
{
    QString base = baseUrl.isEmpty() ? QStringLiteral("http://localhost:2746") : baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/api/v1/events/") + QString::fromUtf8(QUrl::toPercentEncoding(r.ns))
        + QLatin1Char('/') + QString::fromUtf8(QUrl::toPercentEncoding(r.discriminator));
}

// printf format text producing exactly these bytes (octal escapes for everything unusual).
QByteArray printfFormat(QByteArrayView bytes)
{
    QByteArray out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '%')
            out += "%%";
        else if (c == '\\')
            out += "\\\\";
        else if (u < 0x20 || u >= 0x7F || c == '\'')
            out += '\\' + QByteArray::number(u, 8).rightJustified(3, '0');
        else
            out += c;
    }
    return out;
}

} // namespace

QByteArray exportCurl(const CaptureRecord &record, const QString &baseUrl, const RedactionOptions &redaction)
{
    const CaptureRecord r = redactRecord(record, redaction);
    // POSIX sh has no $'...': bodies with control or non-UTF-8 bytes are piped in through printf.
    const bool viaPrintf = shellQuote(r.body).startsWith('$');
    QByteArray out;
    if (viaPrintf)
        out += "printf '" + printfFormat(r.body) + "' | ";
    out += "curl -sS -X POST " + shellQuote(eventUrl(r, baseUrl).toUtf8());
    bool contentType = false;
    for (const auto &h : r.headers) {
        contentType = contentType || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
        // "Name;" is curl's way to send a header with an empty value.
        const QByteArray line = h.second.isEmpty() ? QByteArray(h.first + ';') : QByteArray(h.first + ": " + h.second);
        out += " \\\n  -H " + shellQuote(line);
    }
    if (!contentType)
        out += " \\\n  -H 'Content-Type:'"; // curl would add a form content type the capture did not have
    if (viaPrintf)
        out += " \\\n  --data-binary @-";
    else
        out += " \\\n  --data-raw " + (r.body.isEmpty() ? QByteArray("''") : shellQuote(r.body));
    out += '\n';
    return out;
}

QByteArray exportHar(const QList<CaptureRecord> &records, const QString &baseUrl, const RedactionOptions &redaction)
{
    QJsonArray entries;
    for (const CaptureRecord &original : records) {
        const CaptureRecord r = redactRecord(original, redaction);
        QJsonArray headers;
        QString mime;
        for (const auto &h : r.headers) {
            headers.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.first)},
                                       {QStringLiteral("value"), QString::fromUtf8(h.second)}});
            if (h.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
                mime = QString::fromUtf8(h.second);
        }
        QJsonObject post{{QStringLiteral("mimeType"), mime}};
        if (isUtf8(r.body)) {
            post.insert(QStringLiteral("text"), QString::fromUtf8(r.body));
        } else {
            post.insert(QStringLiteral("text"), QString::fromLatin1(r.body.toBase64()));
            post.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
        }
        const QJsonObject request{
            {QStringLiteral("method"), QStringLiteral("POST")},
            {QStringLiteral("url"), eventUrl(r, baseUrl)},
            {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("queryString"), QJsonArray{}},
            {QStringLiteral("cookies"), QJsonArray{}},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"), r.body.size()},
            {QStringLiteral("postData"), post},
        };
        const int status = r.outcome ? r.outcome->value(QLatin1String("status")).toInt() : 0;
        const QJsonObject response{
            {QStringLiteral("status"), status},
            {QStringLiteral("statusText"), QString()},
            {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
            {QStringLiteral("headers"), QJsonArray{}},
            {QStringLiteral("cookies"), QJsonArray{}},
            {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 0}, {QStringLiteral("mimeType"), QString()}}},
            {QStringLiteral("redirectURL"), QString()},
            {QStringLiteral("headersSize"), -1},
            {QStringLiteral("bodySize"), -1},
        };
        const QDateTime t = r.time.isValid() ? r.time : QDateTime::currentDateTimeUtc();
        entries.append(QJsonObject{
            {QStringLiteral("startedDateTime"), t.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("time"), 0},
            {QStringLiteral("request"), request},
            {QStringLiteral("response"), response},
            {QStringLiteral("cache"), QJsonObject{}},
            {QStringLiteral("timings"),
             QJsonObject{{QStringLiteral("send"), 0}, {QStringLiteral("wait"), 0}, {QStringLiteral("receive"), 0}}},
        });
    }
    const QJsonObject log{
        {QStringLiteral("version"), QStringLiteral("1.2")},
        {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Bindery")},
                                                {QStringLiteral("version"), QStringLiteral("1")}}},
        {QStringLiteral("entries"), entries},
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Indented);
}

QByteArray exportCaptureLines(const QList<CaptureRecord> &records, const RedactionOptions &redaction)
{
    QByteArray out;
    for (const CaptureRecord &r : records) {
        out += redactRecord(r, redaction).toNdjsonLine();
        out += '\n';
    }
    return out;
}

} // namespace bindery::net
