// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/http_request_parser.h"
#include "net/http_response.h"

#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;
class QTcpServer;

namespace bindery::net {

// Who is on the other end of a request.
struct PeerInfo {
    QHostAddress address;
    quint16 port = 0;
    bool tls = false;
    QString addressText; // address.toString(), rendered once per connection
};

// Called on an I/O thread for each complete request, in order per connection; must be thread-safe.
using HttpHandler = std::function<HttpResponse(const HttpRequest &, const PeerInfo &)>;
// Called on an I/O thread for requests that never reach the handler (limits, malformed, timeouts).
using HttpRejectObserver = std::function<void(int status, const PeerInfo &)>;

struct HttpServerConfig {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: an ephemeral port
    int ioThreads = 0; // 0: one per core (at most 8)
    HttpLimits limits;
    int maxConnections = 1024;
    int idleTimeoutMs = 60'000; // keep-alive connection with no request in progress
    int readTimeoutMs = 10'000; // a whole request (headers and body) must arrive within this
    // TLS: both set → every connection is TLS.
    QSslCertificate certificate;
    QSslKey privateKey;
    bool tlsEnabled() const { return !certificate.isNull() && !privateKey.isNull(); }
};

class IoWorker;
class HttpConnection;
class Acceptor;
class TlsAcceptor;

// An HTTP/1.1 server: an acceptor and `ioThreads` event-loop threads that own the connections
// (round-robin). Requests are parsed by libhttp-parser; keep-alive, pipelining, Connection: close,
// Expect: 100-continue and chunked bodies are handled here, and limits are enforced before the
// handler sees anything. The object itself lives in the thread that created it.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(HttpHandler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    void setRejectObserver(HttpRejectObserver observer);
    // Called on each I/O thread at the end of every event-loop pass (before it waits for more
    // input): work the handlers batched during the pass (e.g. waking queue workers) goes out here.
    // Set before start().
    void setPassEndHook(std::function<void()> hook);

    // Binds and starts the threads; false with *error set when the address cannot be bound or the
    // TLS material is unusable.
    bool start(const HttpServerConfig &config, QString *error);
    // Stops accepting, closes every connection and joins the threads. Safe to call twice.
    void stop();
    bool isRunning() const;

    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    int connectionCount() const;

private:
    friend class IoWorker;
    friend class Acceptor;
    friend class TlsAcceptor;
    friend class HttpConnection;
    IoWorker *nextWorker();
    HttpHandler m_handler;
    HttpRejectObserver m_rejectObserver;
    std::function<void()> m_passEndHook;
    HttpServerConfig m_config;
    std::vector<QThread *> m_threads;
    std::vector<IoWorker *> m_workers;
    QTcpServer *m_acceptor = nullptr; // Acceptor (plain) or TlsAcceptor (QSslServer)
    QHostAddress m_boundAddress;
    quint16 m_boundPort = 0;
    std::atomic<int> m_connections{0};
    std::atomic<unsigned> m_nextWorker{0};
};

} // namespace bindery::net
