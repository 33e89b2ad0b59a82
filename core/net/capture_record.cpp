// SPDX-License-Identifier: Apache-2.0
#include "net/capture_record.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace bindery::net {

namespace {

bool isValidUtf8(const QByteArray &bytes)
{
    // Strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF), as Go's utf8.Valid.
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else
            return false;
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (int k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

} // namespace

QByteArray formatRfc3339Nano(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    QByteArray out = utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toLatin1();
    const int ms = utc.time().msec();
    if (ms != 0) {
        QByteArray frac = QByteArray::number(ms).rightJustified(3, '0');
        while (frac.endsWith('0'))
            frac.chop(1);
        out += '.' + frac;
    }
    out += 'Z';
    return out;
}

std::optional<QDateTime> parseRfc3339(QStringView text)
{
    QDateTime t = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toUTC();
}

QByteArray CaptureRecord::toNdjsonLine() const
{
    QJsonObject o;
    if (kind == Kind::Event) {
        if (time.isValid())
            o.insert(QStringLiteral("time"), QString::fromLatin1(formatRfc3339Nano(time)));
        o.insert(QStringLiteral("namespace"), ns);
        o.insert(QStringLiteral("discriminator"), discriminator);
        QJsonArray hs;
        for (const auto &[name, value] : headers)
            hs.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
        o.insert(QStringLiteral("headers"), hs);
        if (isValidUtf8(body))
            o.insert(QStringLiteral("body"), QString::fromUtf8(body));
        else
            o.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(body.toBase64()));
    }
    if (outcome)
        o.insert(QStringLiteral("outcome"), *outcome);
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<CaptureRecord> CaptureRecord::fromNdjsonLine(QByteArrayView line, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<CaptureRecord> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("invalid JSON at column %1: %2").arg(pe.offset + 1).arg(pe.errorString()));
    if (!doc.isObject())
        return fail(QStringLiteral("a capture line must be a JSON object"));
    const QJsonObject o = doc.object();
    CaptureRecord r;
    r.id = o.value(QStringLiteral("id")).toString();
    if (o.contains(QStringLiteral("outcome"))) {
        if (!o.value(QStringLiteral("outcome")).isObject())
            return fail(QStringLiteral("\"outcome\" must be an object"));
        r.outcome = o.value(QStringLiteral("outcome")).toObject();
    }
    if (!o.contains(QStringLiteral("namespace"))) {
        if (r.id.isEmpty() || !r.outcome)
            return fail(QStringLiteral("missing \"namespace\""));
        r.kind = Kind::Outcome;
        return r;
    }
    const QJsonValue nsValue = o.value(QStringLiteral("namespace"));
    if (!nsValue.isString())
        return fail(QStringLiteral("\"namespace\" must be a string"));
    r.ns = nsValue.toString();
    const QJsonValue d = o.value(QStringLiteral("discriminator"));
    if (!d.isUndefined() && !d.isString())
        return fail(QStringLiteral("\"discriminator\" must be a string"));
    r.discriminator = d.toString();
    if (o.contains(QStringLiteral("time"))) {
        auto t = parseRfc3339(o.value(QStringLiteral("time")).toString());
        if (!t)
            return fail(QStringLiteral("\"time\" is not an RFC 3339 time"));
        r.time = *t;
    }
    const QJsonValue hv = o.value(QStringLiteral("headers"));
    if (!hv.isUndefined()) {
        if (!hv.isArray())
            return fail(QStringLiteral("\"headers\" must be an array of [name, value] pairs"));
        const QJsonArray hs = hv.toArray();
        for (qsizetype i = 0; i < hs.size(); ++i) {
            const QJsonArray pair = hs.at(i).toArray();
            if (!hs.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
                return fail(QStringLiteral("headers[%1] must be a [name, value] pair of strings").arg(i));
            r.headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
        }
    }
    if (o.contains(QStringLiteral("bodyBase64"))) {
        const auto decoded = QByteArray::fromBase64Encoding(o.value(QStringLiteral("bodyBase64")).toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(QStringLiteral("\"bodyBase64\" is not valid base64"));
        r.body = *decoded;
    } else {
        const QJsonValue b = o.value(QStringLiteral("body"));
        if (!b.isUndefined() && !b.isString())
            return fail(QStringLiteral("\"body\" must be a string (use \"bodyBase64\" for binary bodies)"));
        r.body = b.toString().toUtf8();
    }
    return r;
}

} // namespace bindery::net
