// SPDX-License-Identifier: Apache-2.0
#include "net/http_request_parser.h"

#include <http_parser.h>

#include <cstring>
#include <optional>

namespace bindery::net {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<QByteArray> percentDecodePath(QByteArrayView raw)
{
    auto hexValue = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    qsizetype escape = raw.indexOf('%');
    if (escape < 0)
        return raw.toByteArray(); // the common case: nothing to decode
    QByteArray out;
    out.reserve(raw.size());
    qsizetype from = 0;
    while (escape >= 0) {
        out.append(raw.sliced(from, escape - from));
        if (escape + 2 >= raw.size())
            return std::nullopt;
        const int hi = hexValue(raw[escape + 1]), lo = hexValue(raw[escape + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.append(static_cast<char>(hi * 16 + lo));
        from = escape + 3;
        escape = raw.indexOf('%', from);
    }
    out.append(raw.sliced(from));
    return out;
}

struct HttpRequestParser::State {
    http_parser parser{};
    http_parser_settings settings{};
    HttpLimits limits;
    HttpRequest current;
    std::optional<HttpRequest> ready;
    bool lastWasValue = false; // the last header callback was a value: a field callback starts a new header
    bool headersDone = false;
    bool expectContinue = false;
    bool started = false;
    qint64 headerBytes = 0;
    Error error = Error::None;
    QByteArray detail;

    bool chargeHeader(size_t n)
    {
        headerBytes += static_cast<qint64>(n);
        if (headerBytes > limits.maxHeaderBytes) {
            error = Error::HeadersTooLarge;
            return false;
        }
        return true;
    }
    static State *of(http_parser *p) { return static_cast<State *>(p->data); }
};

HttpRequestParser::HttpRequestParser(HttpLimits limits)
    : d(std::make_unique<State>())
{
    d->limits = limits;
    http_parser_init(&d->parser, HTTP_REQUEST);
    d->parser.data = d.get();
    auto &s = d->settings;
    http_parser_settings_init(&s);
    s.on_message_begin = [](http_parser *p) {
        auto *st = State::of(p);
        st->current = HttpRequest{};
        st->current.headers.reserve(8); // typical clients send fewer: no regrowth
        st->started = true;
        st->headersDone = false;
        st->expectContinue = false;
        st->headerBytes = 0;
        st->lastWasValue = true;
        return 0;
    };
    s.on_url = [](http_parser *p, const char *at, size_t n) {
        auto *st = State::of(p);
        if (!st->chargeHeader(n))
            return -1;
        st->current.target.append(at, static_cast<qsizetype>(n));
        return 0;
    };
    s.on_header_field = [](http_parser *p, const char *at, size_t n) {
        auto *st = State::of(p);
        if (!st->chargeHeader(n))
            return -1;
        // libhttp-parser may split a name or value over several callbacks (across reads).
        if (st->lastWasValue)
            st->current.headers.append({QByteArray(at, static_cast<qsizetype>(n)), QByteArray()});
        else
            st->current.headers.last().first.append(at, static_cast<qsizetype>(n));
        st->lastWasValue = false;
        return 0;
    };
    s.on_header_value = [](http_parser *p, const char *at, size_t n) {
        auto *st = State::of(p);
        if (!st->chargeHeader(n))
            return -1;
        if (st->current.headers.isEmpty()) // cannot happen: a value always follows a name
            return -1;
        st->current.headers.last().second.append(at, static_cast<qsizetype>(n));
        st->lastWasValue = true;
        return 0;
    };
    s.on_headers_complete = [](http_parser *p) {
        auto *st = State::of(p);
        HttpRequest &r = st->current;
        // The method names are static strings in libhttp-parser: share them, never copy.
        const char *method = http_method_str(static_cast<http_method>(p->method));
        r.method = QByteArray::fromRawData(method, static_cast<qsizetype>(std::strlen(method)));
        r.httpMinor = p->http_major == 1 ? p->http_minor : 0;
        r.keepAlive = http_should_keep_alive(p) != 0;
        http_parser_url u;
        http_parser_url_init(&u);
        if (r.method == "CONNECT"
            || http_parser_parse_url(r.target.constData(), static_cast<size_t>(r.target.size()), 0, &u) != 0
            || !(u.field_set & (1 << UF_PATH))) {
            st->error = Error::Malformed;
            st->detail = "invalid request target";
            return -1;
        }
        const auto raw = QByteArrayView(r.target).sliced(u.field_data[UF_PATH].off, u.field_data[UF_PATH].len);
        auto decoded = percentDecodePath(raw);
        if (!decoded) {
            st->error = Error::Malformed;
            st->detail = "invalid URL escape in path";
            return -1;
        }
        // Usually the path is the whole target: share its bytes instead of holding a second copy.
        r.path = decoded->size() == r.target.size() && u.field_data[UF_PATH].off == 0 ? r.target : *std::move(decoded);
        if (u.field_set & (1 << UF_QUERY))
            r.rawQuery = r.target.mid(u.field_data[UF_QUERY].off, u.field_data[UF_QUERY].len);
        if ((p->flags & F_CONTENTLENGTH) && p->content_length > static_cast<uint64_t>(st->limits.maxBodyBytes)) {
            st->error = Error::BodyTooLarge;
            return -1;
        }
        if (p->upgrade) {
            // No protocol upgrades here (no WebSocket, no h2c): refuse rather than hand the socket over.
            st->error = Error::Malformed;
            st->detail = "protocol upgrade not supported";
            return -1;
        }
        st->headersDone = true;
        st->expectContinue = r.header("Expect").compare(QByteArrayView("100-continue"), Qt::CaseInsensitive) == 0;
        if ((p->flags & F_CONTENTLENGTH) && p->content_length > 0)
            r.body.reserve(static_cast<qsizetype>(p->content_length));
        return 0;
    };
    s.on_body = [](http_parser *p, const char *at, size_t n) {
        auto *st = State::of(p);
        if (st->current.body.size() + static_cast<qint64>(n) > st->limits.maxBodyBytes) {
            st->error = Error::BodyTooLarge;
            return -1;
        }
        st->current.body.append(at, static_cast<qsizetype>(n));
        return 0;
    };
    s.on_message_complete = [](http_parser *p) {
        auto *st = State::of(p);
        st->current.keepAlive = http_should_keep_alive(p) != 0;
        st->ready = std::move(st->current);
        st->current = HttpRequest{};
        st->started = false;
        st->headersDone = false;
        st->expectContinue = false;
        http_parser_pause(p, 1); // answer this request before parsing the next (pipelining)
        return 0;
    };
}

HttpRequestParser::~HttpRequestParser() = default;

HttpRequestParser::Status HttpRequestParser::feed(const char *data, qsizetype size, qsizetype *consumed)
{
    *consumed = 0;
    if (d->error != Error::None)
        return Status::Error;
    if (d->ready)
        return Status::RequestReady;
    if (HTTP_PARSER_ERRNO(&d->parser) == HPE_PAUSED)
        http_parser_pause(&d->parser, 0);
    if (size == 0)
        return Status::NeedMore;
    const size_t n = http_parser_execute(&d->parser, &d->settings, data, static_cast<size_t>(size));
    *consumed = static_cast<qsizetype>(n);
    const auto err = HTTP_PARSER_ERRNO(&d->parser);
    if (d->ready)
        return Status::RequestReady;
    if (d->error != Error::None)
        return Status::Error;
    if (err != HPE_OK && err != HPE_PAUSED) {
        d->error = err == HPE_HEADER_OVERFLOW ? Error::HeadersTooLarge : Error::Malformed;
        d->detail = http_errno_description(err);
        return Status::Error;
    }
    if (d->parser.upgrade) { // a bodiless upgrade request stops the parser without a callback error
        d->error = Error::Malformed;
        d->detail = "protocol upgrade not supported";
        return Status::Error;
    }
    return Status::NeedMore;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest r = std::move(*d->ready);
    d->ready.reset();
    return r;
}

HttpRequestParser::Error HttpRequestParser::error() const { return d->error; }
QByteArray HttpRequestParser::errorDetail() const { return d->detail; }
bool HttpRequestParser::expectsContinue() const { return d->expectContinue; }
bool HttpRequestParser::inRequest() const { return d->started; }

int HttpRequestParser::statusFor(Error error)
{
    switch (error) {
    case Error::BodyTooLarge: return 413;
    case Error::HeadersTooLarge: return 431;
    case Error::Malformed:
    case Error::None: break;
    }
    return 400;
}

} // namespace bindery::net
