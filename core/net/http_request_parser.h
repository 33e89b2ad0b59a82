// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <QByteArray>

#include <memory>

namespace bindery::net {

// One parsed HTTP/1.x request. `path` is percent-decoded (Go's r.URL.Path); `rawQuery` is not.
struct HttpRequest {
    QByteArray method;
    QByteArray target; // the request-target as sent
    QByteArray path;
    QByteArray rawQuery;
    HeaderList headers; // names as sent, in order
    QByteArray body;
    int httpMinor = 1;
    bool keepAlive = true;

    // The first value of a header, compared case-insensitively; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

struct HttpLimits {
    qint64 maxBodyBytes = 2 * 1024 * 1024; // Argo's webhook limit
    qint64 maxHeaderBytes = 64 * 1024;     // request line + header lines
};

// Incremental HTTP/1.1 request parser over libhttp-parser. Feed bytes as they arrive; it stops after
// each complete request so that pipelined requests are answered one at a time, in order. Limits are
// enforced while parsing: the body limit from Content-Length before any body byte is buffered, and
// again while a chunked body streams in.
class HttpRequestParser
{
public:
    enum class Status {
        NeedMore,       // all input consumed, no complete request yet
        RequestReady,   // takeRequest() holds a request; feed the rest of the input after it
        Error,          // the connection must answer error() and close
    };
    enum class Error { None, Malformed, BodyTooLarge, HeadersTooLarge };

    explicit HttpRequestParser(HttpLimits limits = {});
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Parses from `data`; *consumed says how many bytes were used (the rest belongs to later requests).
    Status feed(const char *data, qsizetype size, qsizetype *consumed);
    HttpRequest takeRequest();

    Error error() const;
    QByteArray errorDetail() const; // libhttp-parser's description, for logs
    // True between the end of a request's headers that carried `Expect: 100-continue` and its end.
    bool expectsContinue() const;
    // True once any byte of the current request has been read (for the read timeout).
    bool inRequest() const;

    static int statusFor(Error error); // 400, 413, 431

private:
    struct State;
    std::unique_ptr<State> d;
};

// Percent-decodes a URL path as Go's url.PathUnescape does; nullopt on a bad escape.
std::optional<QByteArray> percentDecodePath(QByteArrayView raw);

} // namespace bindery::net
