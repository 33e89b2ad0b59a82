// SPDX-License-Identifier: Apache-2.0
#include "net/capture_import.h"

#include "net/capture_import_p.h"
#include "net/capture_json.h"
#include "net/capture_ndjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace bindery::net {

using namespace importdetail;

QString ImportIssue::toString() const
{
    QString out = source.isEmpty() ? QStringLiteral("<input>") : source;
    if (line > 0) {
        out += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            out += QLatin1Char(':') + QString::number(column);
    } else if (byteOffset >= 0) {
        out += QStringLiteral(": byte %1").arg(byteOffset);
    }
    out += QStringLiteral(": ");
    if (!item.isEmpty())
        out += item + QStringLiteral(": ");
    return out + reason;
}

QString captureFormatName(CaptureFormat format)
{
    switch (format) {
    case CaptureFormat::Auto:
        return QStringLiteral("auto");
    case CaptureFormat::Curl:
        return QStringLiteral("curl");
    case CaptureFormat::Har:
        return QStringLiteral("har");
    case CaptureFormat::Http:
        return QStringLiteral("http");
    case CaptureFormat::Ndjson:
        return QStringLiteral("ndjson");
    case CaptureFormat::GitHub:
        return QStringLiteral("github");
    case CaptureFormat::GitLab:
        return QStringLiteral("gitlab");
    }
    return {};
}

std::optional<CaptureFormat> captureFormatFromName(QStringView name)
{
    for (auto f : { CaptureFormat::Auto, CaptureFormat::Curl, CaptureFormat::Har, CaptureFormat::Http,
             CaptureFormat::Ndjson, CaptureFormat::GitHub, CaptureFormat::GitLab }) {
        if (name.compare(captureFormatName(f), Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

// ---- routes -----------------------------------------------------------------------------------

std::optional<EventRoute> eventRouteFromPath(QStringView path, QString *why)
{
    auto fail = [&](const QString &reason) -> std::optional<EventRoute> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (!path.startsWith(QLatin1String("/api/v1/events/")))
        return fail(QStringLiteral("path '%1' is not /api/v1/events/{namespace}/{discriminator}").arg(path));
    const QList<QStringView> parts = path.sliced(1).split(QLatin1Char('/'));
    if (parts.size() != 5)
        return fail(QStringLiteral("path '%1' has %2 segments; Argo routes exactly "
                                   "/api/v1/events/{namespace}/{discriminator} (note the trailing slash)")
                        .arg(path)
                        .arg(parts.size()));
    if (parts[3].isEmpty())
        return fail(QStringLiteral("path '%1' has an empty namespace").arg(path));
    if (parts[4].contains(QLatin1Char(':')))
        return fail(QStringLiteral("discriminator '%1' contains ':', which grpc-gateway reads as a verb")
                        .arg(parts[4]));
    return EventRoute { parts[3].toString(), parts[4].toString() };
}

std::optional<EventRoute> eventRouteFromUrl(const QString &rawUrl, QString *why)
{
    QString url = rawUrl.trimmed();
    if (url.isEmpty()) {
        if (why)
            *why = QStringLiteral("no URL");
        return std::nullopt;
    }
    QString path;
    if (url.startsWith(QLatin1Char('/'))) {
        path = url;
    } else {
        if (!url.contains(QLatin1String("://")))
            url.prepend(QStringLiteral("http://"));
        const QUrl u(url, QUrl::TolerantMode);
        if (!u.isValid()) {
            if (why)
                *why = QStringLiteral("invalid URL '%1': %2").arg(rawUrl, u.errorString());
            return std::nullopt;
        }
        path = u.path(QUrl::FullyEncoded);
        if (path.isEmpty())
            path = QStringLiteral("/");
    }
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    if (q >= 0)
        path.truncate(q);
    const qsizetype h = path.indexOf(QLatin1Char('#'));
    if (h >= 0)
        path.truncate(h);
    // Go's r.URL.Path is decoded before routing, so "%2F" becomes a separator (events-spec §1.2).
    return eventRouteFromPath(QUrl::fromPercentEncoding(path.toUtf8()), why);
}

namespace importdetail {

// Headers a capture does not keep: the transport's, recomputed on every send.
bool isTransportHeader(QByteArrayView name)
{
    static const char *const names[] = { "host", "content-length", "transfer-encoding", "connection",
        "keep-alive", "te", "trailer", "upgrade", "proxy-connection", "expect" };
    if (name.startsWith(':')) // HTTP/2 pseudo-headers in HARs
        return true;
    for (const char *n : names) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace importdetail

namespace {

// ---- HAR --------------------------------------------------------------------------------------

QJsonDocument parseJsonOrFail(QByteArrayView text, Context &ctx, const QString &what)
{
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError)
        ctx.fatal(text, pe.offset, QStringLiteral("%1 is not valid JSON: %2").arg(what, pe.errorString()));
    return doc;
}

QDateTime timeOr(const QJsonValue &v, const QDateTime &fallback)
{
    if (!v.isString())
        return fallback;
    const auto t = parseRfc3339(v.toString());
    return t ? *t : fallback;
}

void importHar(QByteArrayView text, Context &ctx)
{
    const QJsonDocument doc = parseJsonOrFail(text, ctx, QStringLiteral("the HAR file"));
    if (ctx.result.unreadable)
        return;
    const QJsonValue entries
        = doc.object().value(QLatin1String("log")).toObject().value(QLatin1String("entries"));
    if (!entries.isArray()) {
        ctx.fatal(text, 0, QStringLiteral("not a HAR file: no log.entries array"));
        return;
    }
    const QJsonArray arr = entries.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        if (!ctx.tick(i, arr.size()))
            return;
        const QString item = QStringLiteral("log.entries[%1]").arg(i);
        const QJsonObject entry = arr.at(i).toObject();
        const QJsonObject request = entry.value(QLatin1String("request")).toObject();
        const QString method = request.value(QLatin1String("method")).toString();
        const QString url = request.value(QLatin1String("url")).toString();
        if (method.compare(QLatin1String("POST"), Qt::CaseInsensitive) != 0) {
            ctx.skip(0, 0, item,
                QStringLiteral("method %1 is not POST (%2)")
                    .arg(method.isEmpty() ? QStringLiteral("(none)") : method, url));
            continue;
        }
        HeaderList headers;
        for (const QJsonValue &h : request.value(QLatin1String("headers")).toArray()) {
            const QJsonObject ho = h.toObject();
            headers.append({ ho.value(QLatin1String("name")).toString().toUtf8(),
                ho.value(QLatin1String("value")).toString().toUtf8() });
        }
        const QJsonObject post = request.value(QLatin1String("postData")).toObject();
        QByteArray body;
        const QJsonValue textValue = post.value(QLatin1String("text"));
        if (textValue.isString()) {
            if (post.value(QLatin1String("encoding")).toString() == QLatin1String("base64")) {
                const auto decoded = QByteArray::fromBase64Encoding(
                    textValue.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                if (!decoded) {
                    ctx.skip(
                        0, 0, item, QStringLiteral("postData.text is marked base64 but is not valid base64"));
                    continue;
                }
                body = *decoded;
            } else {
                body = textValue.toString().toUtf8();
            }
        } else if (post.value(QLatin1String("params")).isArray()) {
            QList<QByteArray> parts;
            for (const QJsonValue &p : post.value(QLatin1String("params")).toArray()) {
                const QJsonObject po = p.toObject();
                parts.append(urlEncodeComponent(po.value(QLatin1String("name")).toString().toUtf8()) + '='
                    + urlEncodeComponent(po.value(QLatin1String("value")).toString().toUtf8()));
            }
            body = parts.join('&');
        }
        const QDateTime time = timeOr(entry.value(QLatin1String("startedDateTime")), ctx.defaultTime());
        QString why;
        if (!ctx.add(url, headers, body, time, &why))
            ctx.skip(0, 0, item, why);
    }
}

// ---- raw HTTP ---------------------------------------------------------------------------------

// Import files are typed or pasted by people: line endings are often LF only and Content-Length
// stale after an edit, so this reader is lenient where the endpoint's http_parser must be strict.
QByteArrayView clip(QByteArrayView v, qsizetype n)
{
    return v.first(std::min(n, v.size()));
}

bool isRequestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    if (sp1 <= 0)
        return false;
    for (qsizetype i = 0; i < sp1; ++i) {
        if (line[i] < 'A' || line[i] > 'Z')
            return false;
    }
    const qsizetype sp2 = line.lastIndexOf(' ');
    return sp2 > sp1 + 1 && line.sliced(sp2 + 1).startsWith("HTTP/");
}

QByteArrayView lineAt(QByteArrayView t, qsizetype pos, qsizetype *next)
{
    qsizetype nl = t.indexOf('\n', pos);
    if (nl < 0) {
        *next = t.size();
        nl = t.size();
    } else {
        *next = nl + 1;
    }
    QByteArrayView line = t.sliced(pos, nl - pos);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

void importHttp(QByteArrayView t, Context &ctx)
{
    qsizetype pos = 0;
    int index = 0;
    while (pos < t.size()) {
        qsizetype next;
        QByteArrayView line = lineAt(t, pos, &next);
        if (line.trimmed().isEmpty()) {
            pos = next;
            continue;
        }
        if (!ctx.tick(pos, t.size()))
            return;
        ++index;
        const QString item = QStringLiteral("request %1").arg(index);
        const qsizetype requestStart = pos;
        if (!isRequestLine(line)) {
            ctx.skipAt(t, pos, item,
                QStringLiteral("expected a request line 'METHOD /path HTTP/1.1', found '%1'")
                    .arg(QString::fromUtf8(clip(line, 60))));
            // Resynchronise on the next request line.
            pos = next;
            while (pos < t.size()) {
                qsizetype n2;
                if (isRequestLine(lineAt(t, pos, &n2)))
                    break;
                pos = n2;
            }
            continue;
        }
        const qsizetype sp1 = line.indexOf(' ');
        const qsizetype sp2 = line.lastIndexOf(' ');
        const QByteArray method = line.first(sp1).toByteArray();
        const QByteArray target = line.sliced(sp1 + 1, sp2 - sp1 - 1).trimmed().toByteArray();
        pos = next;
        HeaderList headers;
        QString problem;
        qsizetype problemAt = -1;
        while (pos < t.size()) {
            const qsizetype lineStart = pos;
            QByteArrayView h = lineAt(t, pos, &next);
            pos = next;
            if (h.isEmpty())
                break;
            if ((h.startsWith(' ') || h.startsWith('\t')) && !headers.isEmpty()) {
                headers.last().second += ' ' + h.trimmed().toByteArray(); // obsolete line folding
                continue;
            }
            const qsizetype colon = h.indexOf(':');
            if (colon <= 0) {
                if (problem.isEmpty()) {
                    problem = QStringLiteral("header line without a colon: '%1'")
                                  .arg(QString::fromUtf8(clip(h, 60)));
                    problemAt = lineStart;
                }
                continue;
            }
            headers.append(
                { h.first(colon).trimmed().toByteArray(), h.sliced(colon + 1).trimmed().toByteArray() });
        }
        QByteArray body;
        QByteArray te, cl;
        for (const auto &h : headers) {
            if (h.first.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
                te = h.second.toLower();
            else if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0)
                cl = h.second;
        }
        if (te.contains("chunked")) {
            while (true) {
                if (pos >= t.size()) {
                    if (problem.isEmpty()) {
                        problem = QStringLiteral("chunked body ends before the last (zero) chunk");
                        problemAt = pos;
                    }
                    break;
                }
                const qsizetype sizeAt = pos;
                QByteArrayView sizeLine = lineAt(t, pos, &next);
                const qsizetype semi = sizeLine.indexOf(';');
                if (semi >= 0)
                    sizeLine = sizeLine.first(semi);
                bool ok = false;
                const qint64 n = sizeLine.trimmed().toByteArray().toLongLong(&ok, 16);
                if (!ok || n < 0) {
                    if (problem.isEmpty()) {
                        problem = QStringLiteral("invalid chunk size '%1'")
                                      .arg(QString::fromUtf8(clip(sizeLine, 20)));
                        problemAt = sizeAt;
                    }
                    break;
                }
                pos = next;
                if (n == 0) {
                    // Trailers, then an empty line.
                    while (pos < t.size()) {
                        QByteArrayView tr = lineAt(t, pos, &next);
                        pos = next;
                        if (tr.isEmpty())
                            break;
                    }
                    break;
                }
                if (pos + n > t.size()) {
                    if (problem.isEmpty()) {
                        problem = QStringLiteral("chunk of %1 bytes but only %2 follow")
                                      .arg(n)
                                      .arg(t.size() - pos);
                        problemAt = sizeAt;
                    }
                    pos = t.size();
                    break;
                }
                body.append(t.sliced(pos, n));
                pos += n;
                if (t.sliced(pos).startsWith("\r\n"))
                    pos += 2;
                else if (t.sliced(pos).startsWith("\n"))
                    ++pos;
            }
        } else if (!cl.isEmpty()) {
            bool ok = false;
            const qint64 n = cl.toLongLong(&ok);
            if (!ok || n < 0) {
                if (problem.isEmpty()) {
                    problem = QStringLiteral("invalid Content-Length '%1'").arg(QString::fromUtf8(cl));
                    problemAt = requestStart;
                }
            } else if (pos + n > t.size()) {
                if (problem.isEmpty()) {
                    problem = QStringLiteral("Content-Length is %1 but only %2 bytes follow")
                                  .arg(n)
                                  .arg(t.size() - pos);
                    problemAt = pos;
                }
                pos = t.size();
            } else {
                body = t.sliced(pos, n).toByteArray();
                pos += n;
            }
        } else {
            // No framing: the body runs to the next request line or the end.
            const qsizetype bodyStart = pos;
            qsizetype end = pos;
            while (end < t.size()) {
                qsizetype n2;
                if (isRequestLine(lineAt(t, end, &n2)))
                    break;
                end = n2;
            }
            QByteArrayView b = t.sliced(bodyStart, end - bodyStart);
            while (b.endsWith('\n') || b.endsWith('\r'))
                b.chop(1);
            body = b.toByteArray();
            pos = end;
        }
        if (!problem.isEmpty()) {
            ctx.skipAt(t, problemAt, item, problem);
            continue;
        }
        if (method != "POST") {
            ctx.skipAt(t, requestStart, item,
                QStringLiteral("method %1 is not POST").arg(QString::fromUtf8(method)));
            continue;
        }
        QString why;
        if (!ctx.add(QString::fromUtf8(target), headers, body, ctx.defaultTime(), &why))
            ctx.skipAt(t, requestStart, item, why);
    }
}

// ---- capture NDJSON ---------------------------------------------------------------------------

void importNdjson(QByteArrayView t, Context &ctx)
{
    qsizetype pos = 0;
    int line = 0;
    ctx.result.records.reserve(t.count('\n') + 1);
    QHash<QString, qsizetype> byId; // journal outcome lines complete the event with the same id
    FastCaptureLineReader fast;
    while (pos < t.size()) {
        if ((line & 1023) == 0 && !ctx.tick(pos, t.size()))
            return;
        ++line;
        qsizetype nl = t.indexOf('\n', pos);
        if (nl < 0)
            nl = t.size();
        QByteArrayView l = t.sliced(pos, nl - pos);
        pos = nl + 1;
        if (l.endsWith('\r'))
            l.chop(1);
        if (l.trimmed().isEmpty())
            continue;
        QString error;
        // The fast reader covers well-formed lines; the record's own parser decides (and words the
        // error) for everything else.
        auto rec = fast.read(l, t.size() - (l.data() - t.data()) - l.size());
        if (!rec)
            rec = CaptureRecord::fromNdjsonLine(l, &error);
        if (!rec) {
            ctx.skip(line, 0, {}, error);
            continue;
        }
        if (rec->kind == CaptureRecord::Kind::Outcome) {
            const auto it = byId.constFind(rec->id);
            if (it == byId.constEnd())
                ctx.skip(line, 0, {},
                    QStringLiteral("outcome for id '%1' without an earlier event line").arg(rec->id));
            else
                ctx.result.records[*it].outcome = rec->outcome;
            continue;
        }
        if (!rec->id.isEmpty())
            byId.insert(rec->id, ctx.result.records.size());
        ctx.result.records.append(std::move(*rec));
    }
}

// ---- GitHub and GitLab ------------------------------------------------------------------------

HeaderList headersFromObject(QByteArrayView text, cj::Span object)
{
    HeaderList out;
    const auto ms = cj::members(text, object);
    if (!ms)
        return out;
    for (const auto &m : *ms) {
        QByteArrayView raw = text.sliced(m.value.begin, m.value.end - m.value.begin);
        QJsonDocument v = QJsonDocument::fromJson("[" + raw.toByteArray() + "]");
        const QJsonValue value = v.array().at(0);
        if (value.isString())
            out.append(qMakePair(m.key.toUtf8(), value.toString().toUtf8()));
        else if (value.isArray()) // some exports list repeated headers
            for (const QJsonValue &e : value.toArray())
                out.append(qMakePair(m.key.toUtf8(), e.toString().toUtf8()));
        else if (value.isDouble())
            out.append(qMakePair(m.key.toUtf8(), raw.toByteArray()));
    }
    return out;
}

// Items of a document that is one object or an array of objects.
QList<cj::Span> topLevelItems(QByteArrayView text)
{
    const auto root = cj::valueAt(text, 0);
    if (!root)
        return {};
    if (text[root->begin] == '[')
        return cj::elements(text, *root).value_or(QList<cj::Span> {});
    return { *root };
}

// A payload given as a JSON value: a string is the body itself, anything else is the JSON text
// without insignificant whitespace (GitHub and GitLab send compact JSON), keys in file order.
std::optional<QByteArray> payloadBytes(QByteArrayView text, cj::Span span)
{
    const QByteArrayView raw = text.sliced(span.begin, span.end - span.begin);
    if (raw == "null")
        return std::nullopt;
    if (raw.startsWith('"'))
        return QJsonDocument::fromJson("[" + raw.toByteArray() + "]").array().at(0).toString().toUtf8();
    return cj::minify(raw);
}

void importGitHub(QByteArrayView text, Context &ctx)
{
    const QJsonDocument doc = parseJsonOrFail(text, ctx, QStringLiteral("the GitHub deliveries file"));
    if (ctx.result.unreadable)
        return;
    const QList<cj::Span> items = topLevelItems(text);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!ctx.tick(i, items.size()))
            return;
        const cj::Span it = items[i];
        const QString item
            = doc.isArray() ? QStringLiteral("delivery [%1]").arg(i) : QStringLiteral("delivery");
        const auto request = cj::member(text, it, u"request");
        if (!request || text[request->begin] != '{') {
            ctx.skipAt(text, it.begin, item,
                QStringLiteral(
                    "no \"request\" object (a delivery summary? fetch /hooks/{id}/deliveries/{id})"));
            continue;
        }
        const auto headers = cj::member(text, *request, u"headers");
        const auto payload = cj::member(text, *request, u"payload");
        if (!payload) {
            ctx.skipAt(text, request->begin, item, QStringLiteral("request has no \"payload\""));
            continue;
        }
        const auto body = payloadBytes(text, *payload);
        if (!body) {
            ctx.skipAt(text, payload->begin, item, QStringLiteral("request payload is null"));
            continue;
        }
        const QJsonObject obj = doc.isArray() ? doc.array().at(i).toObject() : doc.object();
        QString url = obj.value(QLatin1String("url")).toString();
        if (url.isEmpty())
            url = ctx.options.defaultPath;
        const QDateTime time = timeOr(obj.value(QLatin1String("delivered_at")), ctx.defaultTime());
        QString why;
        if (!ctx.add(url, headers ? headersFromObject(text, *headers) : HeaderList {}, *body, time, &why))
            ctx.skipAt(text, it.begin, item, why);
    }
}

QByteArray gitlabEventHeader(const QJsonObject &payload)
{
    const QString kind = payload.value(QLatin1String("object_kind")).toString();
    if (kind == QLatin1String("push"))
        return "Push Hook";
    if (kind == QLatin1String("tag_push"))
        return "Tag Push Hook";
    if (kind == QLatin1String("issue") || kind == QLatin1String("work_item")) {
        const bool confidential = payload.value(QLatin1String("object_attributes"))
                                      .toObject()
                                      .value(QLatin1String("confidential"))
                                      .toBool();
        return confidential ? "Confidential Issue Hook" : "Issue Hook";
    }
    if (kind == QLatin1String("note"))
        return "Note Hook";
    if (kind == QLatin1String("merge_request"))
        return "Merge Request Hook";
    if (kind == QLatin1String("wiki_page"))
        return "Wiki Page Hook";
    if (kind == QLatin1String("pipeline"))
        return "Pipeline Hook";
    if (kind == QLatin1String("build"))
        return "Job Hook";
    if (kind == QLatin1String("deployment"))
        return "Deployment Hook";
    if (kind == QLatin1String("release"))
        return "Release Hook";
    if (kind == QLatin1String("feature_flag"))
        return "Feature Flag Hook";
    if (kind == QLatin1String("emoji"))
        return "Emoji Hook";
    if (payload.contains(QLatin1String("event_name")))
        return "System Hook";
    return {};
}

void importGitLab(QByteArrayView text, Context &ctx)
{
    const QJsonDocument doc = parseJsonOrFail(text, ctx, QStringLiteral("the GitLab webhook file"));
    if (ctx.result.unreadable)
        return;
    const QList<cj::Span> items = topLevelItems(text);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!ctx.tick(i, items.size()))
            return;
        const cj::Span it = items[i];
        const QString item = doc.isArray() ? QStringLiteral("event [%1]").arg(i) : QStringLiteral("event");
        const QJsonObject obj = doc.isArray() ? doc.array().at(i).toObject() : doc.object();
        if (text[it.begin] != '{') {
            ctx.skipAt(text, it.begin, item, QStringLiteral("not a JSON object"));
            continue;
        }
        QString why;
        if (obj.contains(QLatin1String("request_headers")) || obj.contains(QLatin1String("request_data"))) {
            // A "recent events" entry of the hook events API: request_headers + request_data.
            const auto headers = cj::member(text, it, u"request_headers");
            const auto data = cj::member(text, it, u"request_data");
            const auto body = data ? payloadBytes(text, *data) : std::nullopt;
            if (!body) {
                ctx.skipAt(text, it.begin, item, QStringLiteral("no request_data"));
                continue;
            }
            QString url = obj.value(QLatin1String("url")).toString();
            if (url.isEmpty())
                url = ctx.options.defaultPath;
            const QDateTime time = timeOr(obj.value(QLatin1String("created_at")), ctx.defaultTime());
            if (!ctx.add(url, headers ? headersFromObject(text, *headers) : HeaderList {}, *body, time, &why))
                ctx.skipAt(text, it.begin, item, why);
            continue;
        }
        // A bare payload, as GitLab's docs and "Test" button show them: the route must be given.
        const QByteArray event = gitlabEventHeader(obj);
        if (event.isEmpty()) {
            ctx.skipAt(text, it.begin, item, QStringLiteral("no object_kind: not a GitLab webhook payload"));
            continue;
        }
        if (ctx.options.defaultPath.isEmpty()) {
            ctx.skipAt(text, it.begin, item,
                QStringLiteral("a bare GitLab payload carries no URL: give the target path "
                               "(/api/v1/events/{namespace}/{discriminator})"));
            continue;
        }
        HeaderList headers { { "Content-Type", "application/json" }, { "X-Gitlab-Event", event } };
        if (!ctx.add(ctx.options.defaultPath, headers, cj::minify(text.sliced(it.begin, it.end - it.begin)),
                ctx.defaultTime(), &why))
            ctx.skipAt(text, it.begin, item, why);
    }
}

} // namespace

CaptureFormat detectCaptureFormat(QByteArrayView data)
{
    QByteArrayView t = data;
    if (t.startsWith("\xEF\xBB\xBF"))
        t = t.sliced(3);
    const qsizetype start = cj::skipWhitespace(t, 0);
    if (start >= t.size())
        return CaptureFormat::Auto;
    if (t[start] == '{' || t[start] == '[') {
        // NDJSON: one of the first lines alone is a capture record (the first may be damaged).
        qsizetype pos = start;
        for (int lines = 0; t[start] == '{' && pos < t.size() && lines < 10; ++lines) {
            qsizetype nl = t.indexOf('\n', pos);
            if (nl < 0)
                nl = t.size();
            const auto rec = CaptureRecord::fromNdjsonLine(t.sliced(pos, nl - pos));
            if (rec && rec->kind == CaptureRecord::Kind::Event)
                return CaptureFormat::Ndjson;
            pos = nl + 1;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(t.toByteArray());
        QJsonObject first = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
        if (first.value(QLatin1String("log")).toObject().contains(QLatin1String("entries")))
            return CaptureFormat::Har;
        if (first.contains(QLatin1String("request_headers")) || first.contains(QLatin1String("request_data"))
            || first.contains(QLatin1String("object_kind")))
            return CaptureFormat::GitLab;
        if (first.value(QLatin1String("request")).toObject().contains(QLatin1String("payload"))
            || first.contains(QLatin1String("guid")) || first.contains(QLatin1String("delivered_at")))
            return CaptureFormat::GitHub;
        return CaptureFormat::Auto;
    }
    // Text: a request line first means raw HTTP; a curl command on any of the first lines means curl
    // (documentation snippets often start with an `export TOKEN=...`).
    qsizetype pos = start;
    bool firstMeaningful = true;
    for (int lines = 0; pos < t.size() && lines < 200; ++lines) {
        qsizetype next;
        QByteArrayView line = lineAt(t, pos, &next).trimmed();
        pos = next;
        if (line.isEmpty() || line.startsWith('#') || line.startsWith("REM ") || line.startsWith("::"))
            continue;
        if (firstMeaningful && isRequestLine(line))
            return CaptureFormat::Http;
        firstMeaningful = false;
        if (line.startsWith("$ ") || line.startsWith("> "))
            line = line.sliced(2).trimmed();
        const qsizetype sp = line.indexOf(' ');
        if (isCurlProgram(sp < 0 ? line : line.first(sp)))
            return CaptureFormat::Curl;
    }
    return CaptureFormat::Auto;
}

ImportResult importCapture(QByteArrayView data, CaptureFormat format, const ImportOptions &options)
{
    ImportResult result;
    Context ctx { options, result, QDateTime::currentDateTimeUtc() };
    QByteArrayView t = data;
    if (t.startsWith("\xEF\xBB\xBF"))
        t = t.sliced(3);
    if (format == CaptureFormat::Auto) {
        format = detectCaptureFormat(t);
        if (format == CaptureFormat::Auto) {
            ctx.fatal(t, t.trimmed().isEmpty() ? 0 : cj::skipWhitespace(t, 0),
                t.trimmed().isEmpty() ? QStringLiteral("the input is empty")
                                      : QStringLiteral("cannot tell the format (expected curl commands, "
                                                       "HAR, raw HTTP, capture NDJSON, GitHub deliveries "
                                                       "or GitLab webhook JSON); give --format"));
            return result;
        }
    }
    result.format = format;
    switch (format) {
    case CaptureFormat::Curl:
        importCurl(t, ctx);
        break;
    case CaptureFormat::Har:
        importHar(t, ctx);
        break;
    case CaptureFormat::Http:
        importHttp(t, ctx);
        break;
    case CaptureFormat::Ndjson:
        importNdjson(t, ctx);
        break;
    case CaptureFormat::GitHub:
        importGitHub(t, ctx);
        break;
    case CaptureFormat::GitLab:
        importGitLab(t, ctx);
        break;
    case CaptureFormat::Auto:
        break;
    }
    ctx.tick(t.size(), t.size());
    return result;
}

ImportResult importCaptureFile(const QString &path, CaptureFormat format, ImportOptions options)
{
    const QFileInfo info(path);
    if (options.sourceName.isEmpty())
        options.sourceName = path;
    if (options.baseDir.isEmpty())
        options.baseDir = info.absolutePath();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ImportResult r;
        r.unreadable = true;
        r.skipped.append(
            { options.sourceName, 0, 0, -1, {}, QStringLiteral("cannot read: %1").arg(f.errorString()) });
        return r;
    }
    const QByteArray data = f.readAll();
    return importCapture(data, format, options);
}

} // namespace bindery::net
