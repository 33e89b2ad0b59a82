// SPDX-License-Identifier: Apache-2.0
#include "net/capture_ndjson.h"

#include <QJsonDocument>
#include <QTimeZone>

#include <simdjson.h>

#include <string_view>

namespace bindery::net {

namespace sj = simdjson::ondemand;

struct FastCaptureLineReader::Impl {
    sj::parser parser;
    std::string copy;
};

FastCaptureLineReader::FastCaptureLineReader()
    : d(std::make_unique<Impl>())
{
}

FastCaptureLineReader::~FastCaptureLineReader() = default;

namespace {

bool digits(std::string_view t, size_t from, size_t n, int *out)
{
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
        if (i >= t.size() || t[i] < '0' || t[i] > '9')
            return false;
        v = v * 10 + (t[i] - '0');
    }
    *out = v;
    return true;
}

bool isAscii(std::string_view s)
{
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

} // namespace

std::optional<QDateTime> parseRfc3339Fast(std::string_view t)
{
    int y, mo, d, h, mi, s;
    if (t.size() < 20 || !digits(t, 0, 4, &y) || t[4] != '-' || !digits(t, 5, 2, &mo) || t[7] != '-'
        || !digits(t, 8, 2, &d) || t[10] != 'T' || !digits(t, 11, 2, &h) || t[13] != ':' || !digits(t, 14, 2, &mi)
        || t[16] != ':' || !digits(t, 17, 2, &s))
        return std::nullopt;
    size_t i = 19;
    qint64 fracNs = 0;
    if (i < t.size() && t[i] == '.') {
        ++i;
        int n = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
            if (n < 9) {
                fracNs = fracNs * 10 + (t[i] - '0');
                ++n;
            }
            ++i;
        }
        if (n == 0)
            return std::nullopt;
        for (; n < 9; ++n)
            fracNs *= 10;
    }
    int offset = 0;
    if (i < t.size() && t[i] == 'Z') {
        ++i;
    } else if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
        int oh, om;
        if (!digits(t, i + 1, 2, &oh) || i + 3 >= t.size() || t[i + 3] != ':' || !digits(t, i + 4, 2, &om))
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (t[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != t.size() || s > 59)
        return std::nullopt;
    const QDate date(y, mo, d);
    const QTime time(h, mi, s);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const qint64 ms = (fracNs + 500'000) / 1'000'000; // rounded, as Qt rounds longer fractions
    const qint64 secs = QDateTime(date, time, QTimeZone::utc()).toSecsSinceEpoch() - offset;
    return QDateTime::fromMSecsSinceEpoch(secs * 1000 + ms, QTimeZone::utc());
}

std::optional<CaptureRecord> FastCaptureLineReader::read(QByteArrayView line, qsizetype readablePastEnd)
{
    simdjson::padded_string_view view;
    if (readablePastEnd >= static_cast<qsizetype>(simdjson::SIMDJSON_PADDING)) {
        view = simdjson::padded_string_view(line.data(), static_cast<size_t>(line.size()),
                                            static_cast<size_t>(line.size() + readablePastEnd));
    } else {
        d->copy.assign(line.data(), static_cast<size_t>(line.size()));
        d->copy.append(simdjson::SIMDJSON_PADDING, ' ');
        view = simdjson::padded_string_view(d->copy.data(), static_cast<size_t>(line.size()), d->copy.size());
    }
    sj::document doc;
    if (d->parser.iterate(view).get(doc))
        return std::nullopt;
    sj::object obj;
    std::string_view whole;
    if (doc.get_object().get(obj) || obj.raw_json().get(whole))
        return std::nullopt;
    // Nothing but whitespace may follow the object (QJsonDocument's rule).
    const char *base = view.data(); // the line itself, or its padded copy
    for (qsizetype i = (whole.data() - base) + static_cast<qsizetype>(whole.size()); i < line.size(); ++i) {
        const char c = base[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return std::nullopt;
    }
    if (obj.reset().error())
        return std::nullopt;
    CaptureRecord r;
    unsigned seen = 0;
    bool hasNamespace = false, hasBase64 = false;
    QByteArray body;
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            return std::nullopt;
        sj::value v;
        if (field.value().get(v))
            return std::nullopt;
        unsigned bit = 0;
        std::string_view s;
        if (key == "time") {
            bit = 1;
            if (v.get_string().get(s))
                return std::nullopt;
            const auto t = parseRfc3339Fast(s);
            if (!t)
                return std::nullopt;
            r.time = *t;
        } else if (key == "namespace") {
            bit = 2;
            if (v.get_string().get(s))
                return std::nullopt;
            r.ns = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
            hasNamespace = true;
        } else if (key == "discriminator") {
            bit = 4;
            if (v.get_string().get(s))
                return std::nullopt;
            r.discriminator = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
        } else if (key == "headers") {
            bit = 8;
            sj::array headers;
            if (v.get_array().get(headers))
                return std::nullopt;
            for (auto pairValue : headers) {
                sj::array pair;
                if (pairValue.get_array().get(pair))
                    return std::nullopt;
                std::string_view parts[2];
                int n = 0;
                for (auto part : pair) {
                    if (n >= 2 || part.get_string().get(parts[n]))
                        return std::nullopt;
                    ++n;
                }
                if (n != 2 || !isAscii(parts[0])) // names go through toLatin1() in the slow path
                    return std::nullopt;
                r.headers.append(qMakePair(QByteArray(parts[0].data(), static_cast<qsizetype>(parts[0].size())),
                                           QByteArray(parts[1].data(), static_cast<qsizetype>(parts[1].size()))));
            }
        } else if (key == "body") {
            bit = 16;
            if (v.get_string().get(s))
                return std::nullopt;
            if (!hasBase64)
                body = QByteArray(s.data(), static_cast<qsizetype>(s.size()));
        } else if (key == "bodyBase64") {
            bit = 32;
            if (v.get_string().get(s))
                return std::nullopt;
            const auto decoded = QByteArray::fromBase64Encoding(QByteArray(s.data(), static_cast<qsizetype>(s.size())),
                                                                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return std::nullopt;
            body = *decoded;
            hasBase64 = true;
        } else if (key == "outcome") {
            bit = 64;
            sj::object o;
            std::string_view raw;
            if (v.get_object().get(o) || o.raw_json().get(raw))
                return std::nullopt;
            const QJsonDocument od = QJsonDocument::fromJson(QByteArray(raw.data(), static_cast<qsizetype>(raw.size())));
            if (!od.isObject())
                return std::nullopt;
            r.outcome = od.object();
        } else if (key == "id") {
            bit = 128;
            if (v.get_string().get(s))
                return std::nullopt;
            r.id = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
        } else {
            // Unknown keys: On Demand would skip their value without validating it; the slow path
            // validates (and then ignores) it.
            return std::nullopt;
        }
        if (seen & bit)
            return std::nullopt; // duplicate key: let the slow path decide
        seen |= bit;
    }
    if (!hasNamespace)
        return std::nullopt;
    r.body = body;
    return r;
}

} // namespace bindery::net
