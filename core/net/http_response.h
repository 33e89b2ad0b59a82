// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <QByteArray>
#include <QMetaObject>

#include <functional>

class QObject;

namespace bindery::net {

// A response written by an HttpConnection. Ordinary responses carry their body; a streaming response
// (server-sent events, watch streams) has `openStream`: the connection writes the head without a
// Content-Length, then calls openStream with itself as context and a writer that appends chunks on
// the connection's thread. The stream ends when the client goes away (the Qt connection returned is
// then dropped with the context object).
struct HttpResponse {
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json"); // static data: no allocation per response
    HeaderList headers; // extra headers
    QByteArray body;
    bool close = false; // close the connection after writing (Connection: close)
    std::function<QMetaObject::Connection(QObject *context, std::function<void(const QByteArray &)> write)> openStream;
    // An answer that is not ready yet (work handed to another thread): the connection calls
    // `deferred` once with a `done` that may be called from any thread, once, with the real
    // response. Meanwhile the connection reads no further (pipelined) request, so answers keep
    // their order, and the I/O thread serves its other connections.
    std::function<void(std::function<void(HttpResponse)> done)> deferred;

    static HttpResponse json(int status, QByteArray body);
    static HttpResponse text(int status, QByteArray body);

    // The status line, headers and body as they go on the wire.
    QByteArray serialize(bool keepAlive) const;
    // The same, appended to `out` (pipelined responses share one buffer and one write).
    void serializeTo(QByteArray &out, bool keepAlive) const;
};

QByteArrayView reasonPhrase(int status);

} // namespace bindery::net
