// SPDX-License-Identifier: Apache-2.0
#include "net/http_server.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <unistd.h>

namespace bindery::net {

namespace {
// Stop parsing further pipelined requests while this much output waits for a slow reader, so a
// client that writes without reading cannot make the server buffer without bound.
constexpr qint64 kMaxBufferedOutput = 4 * 1024 * 1024;
constexpr qint64 kReadChunk = 64 * 1024;
} // namespace

// One client connection, owned by an IoWorker and living on its thread.
class HttpConnection : public QObject
{
public:
    HttpConnection(HttpServer *server, QTcpSocket *socket, PeerInfo peer)
        : m_server(server)
        , m_socket(socket)
        , m_parser(server->m_config.limits)
        , m_peer(std::move(peer))
    {
        m_socket->setParent(this);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { onTimeout(); });
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_blockedOnOutput && m_socket->bytesToWrite() < kMaxBufferedOutput) {
                m_blockedOnOutput = false;
                process();
            }
        });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { finish(); });
        connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                finish();
        });
        armTimer();
    }

    void closeNow()
    {
        m_closing = true;
        m_socket->abort();
        finish();
    }

private:
    void onReadyRead()
    {
        if (m_closing || m_streaming) {
            m_socket->skip(m_socket->bytesAvailable());
            return;
        }
        while (m_socket->bytesAvailable() > 0) {
            const qsizetype before = m_input.size();
            m_input.resize(before + kReadChunk);
            const qint64 n = m_socket->read(m_input.data() + before, kReadChunk);
            m_input.resize(before + std::max<qint64>(n, 0));
            if (n <= 0)
                break;
        }
        process();
    }

    void process()
    {
        qsizetype offset = 0;
        while (!m_closing && !m_streaming) {
            if (m_socket->bytesToWrite() >= kMaxBufferedOutput) {
                m_blockedOnOutput = true;
                break;
            }
            qsizetype used = 0;
            const auto status = m_parser.feed(m_input.constData() + offset, m_input.size() - offset, &used);
            offset += used;
            if (status == HttpRequestParser::Status::RequestReady) {
                m_continueSent = false;
                respond(m_parser.takeRequest());
                continue;
            }
            if (status == HttpRequestParser::Status::Error) {
                const int code = HttpRequestParser::statusFor(m_parser.error());
                HttpResponse r = HttpResponse::text(code, QByteArray::number(code) + ' ' + reasonPhrase(code));
                r.close = true;
                reject(code, r);
                break;
            }
            if (m_parser.expectsContinue() && !m_continueSent) {
                // The body is wanted (the limits passed on the headers): tell the client to send it.
                m_continueSent = true;
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            break;
        }
        m_input.remove(0, offset);
        if (m_input.capacity() > 4 * kReadChunk && m_input.size() < kReadChunk)
            m_input.squeeze();
        armTimer();
    }

    void respond(const HttpRequest &request)
    {
        HttpResponse response;
        try {
            response = m_server->m_handler(request, m_peer);
        } catch (const std::exception &e) {
            response = HttpResponse::text(500, QByteArray("internal error: ") + e.what());
        }
        const bool keepAlive = request.keepAlive && !response.close && !response.openStream;
        if (response.openStream) {
            // Subscribe before the head goes out: a client that reacts to the head must not miss
            // anything (stream chunks arrive queued on this thread, after this function returns).
            m_streaming = true;
            m_timer.stop();
            QPointer<QTcpSocket> socket = m_socket;
            m_stream = response.openStream(this, [socket](const QByteArray &chunk) {
                if (socket)
                    socket->write(chunk);
            });
            m_socket->write(response.serialize(false));
            return;
        }
        m_socket->write(response.serialize(keepAlive));
        if (!keepAlive)
            closeAfterWrite();
    }

    void reject(int status, const HttpResponse &response)
    {
        if (m_server->m_rejectObserver)
            m_server->m_rejectObserver(status, m_peer);
        m_socket->write(response.serialize(false));
        closeAfterWrite();
    }

    void closeAfterWrite()
    {
        m_closing = true;
        m_timer.stop();
        m_socket->disconnectFromHost(); // flushes what is queued, then closes
    }

    void armTimer()
    {
        if (m_closing || m_streaming)
            return;
        if (m_parser.inRequest() || !m_input.isEmpty()) {
            if (!m_requestClock.isValid())
                m_requestClock.start();
            const qint64 left = m_server->m_config.readTimeoutMs - m_requestClock.elapsed();
            m_timer.start(static_cast<int>(std::max<qint64>(left, 0)));
        } else {
            m_requestClock.invalidate();
            m_timer.start(m_server->m_config.idleTimeoutMs);
        }
    }

    void onTimeout()
    {
        if (m_closing || m_streaming)
            return;
        if (m_parser.inRequest() || !m_input.isEmpty()) {
            // A request that does not arrive in time (slowloris): answer 408 and drop the client.
            HttpResponse r = HttpResponse::text(408, "408 Request Timeout");
            r.close = true;
            reject(408, r);
            QTimer::singleShot(1000, this, [this] { closeNow(); }); // do not wait on a client that never reads
        } else {
            m_closing = true;
            m_socket->disconnectFromHost();
        }
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_closing = true;
        m_timer.stop();
        QObject::disconnect(m_stream);
        m_server->m_connections.fetch_sub(1, std::memory_order_relaxed);
        deleteLater();
    }

    HttpServer *m_server;
    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    PeerInfo m_peer;
    QByteArray m_input;
    QTimer m_timer;
    QElapsedTimer m_requestClock;
    QMetaObject::Connection m_stream;
    bool m_closing = false;
    bool m_streaming = false;
    bool m_finished = false;
    bool m_continueSent = false;
    bool m_blockedOnOutput = false;
};

// The per-thread owner of connections.
class IoWorker : public QObject
{
public:
    explicit IoWorker(HttpServer *server)
        : m_server(server)
    {
    }

    void adopt(qintptr descriptor)
    {
        const auto &cfg = m_server->m_config;
        QTcpSocket *socket = nullptr;
        if (cfg.tlsEnabled()) {
            auto *ssl = new QSslSocket;
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setLocalCertificate(cfg.certificate);
            tls.setPrivateKey(cfg.privateKey);
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
            ssl->setSslConfiguration(tls);
            socket = ssl;
        } else {
            socket = new QTcpSocket;
        }
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            ::close(static_cast<int>(descriptor));
            m_server->m_connections.fetch_sub(1, std::memory_order_relaxed);
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        PeerInfo peer{socket->peerAddress(), socket->peerPort(), cfg.tlsEnabled()};
        auto *connection = new HttpConnection(m_server, socket, std::move(peer));
        connection->setParent(this);
        if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
            QObject::connect(ssl, &QSslSocket::sslErrors, ssl, [ssl](const QList<QSslError> &) { ssl->abort(); });
            ssl->startServerEncryption();
        }
    }

    void closeAll()
    {
        const auto connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
        for (auto *c : connections)
            c->closeNow();
    }

private:
    HttpServer *m_server;
};

class Acceptor : public QTcpServer
{
public:
    explicit Acceptor(HttpServer *server)
        : m_server(server)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (m_server->m_connections.load(std::memory_order_relaxed) >= m_server->m_config.maxConnections) {
            ::close(static_cast<int>(descriptor)); // over the limit: refuse at once, never queue
            if (m_server->m_rejectObserver)
                m_server->m_rejectObserver(503, PeerInfo{});
            return;
        }
        m_server->m_connections.fetch_add(1, std::memory_order_relaxed);
        const auto n = m_server->m_workers.size();
        IoWorker *worker = m_server->m_workers[m_server->m_nextWorker.fetch_add(1) % n];
        QMetaObject::invokeMethod(worker, [worker, descriptor] { worker->adopt(descriptor); }, Qt::QueuedConnection);
    }

private:
    HttpServer *m_server;
};

HttpServer::HttpServer(HttpHandler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::setRejectObserver(HttpRejectObserver observer) { m_rejectObserver = std::move(observer); }

bool HttpServer::start(const HttpServerConfig &config, QString *error)
{
    if (isRunning()) {
        if (error)
            *error = QStringLiteral("the server is already running");
        return false;
    }
    m_config = config;
    if (m_config.tlsEnabled() && !QSslSocket::supportsSsl()) {
        if (error)
            *error = QStringLiteral("TLS is not available in this Qt build");
        return false;
    }
    const int n = std::max(1, config.ioThreads);
    for (int i = 0; i < n; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("bindery-http-io-%1").arg(i));
        auto *worker = new IoWorker(this);
        worker->moveToThread(thread);
        QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
    bool ok = false;
    QString listenError;
    QMetaObject::invokeMethod(
        m_workers.front(),
        [this, &ok, &listenError] {
            m_acceptor = new Acceptor(this);
            m_acceptor->setParent(m_workers.front());
            ok = m_acceptor->listen(m_config.address, m_config.port);
            if (ok) {
                m_boundAddress = m_acceptor->serverAddress();
                m_boundPort = m_acceptor->serverPort();
            } else {
                listenError = m_acceptor->errorString();
                delete m_acceptor;
                m_acceptor = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(config.address.toString())
                         .arg(config.port)
                         .arg(listenError);
        return false;
    }
    return true;
}

void HttpServer::stop()
{
    if (m_threads.empty())
        return;
    if (m_acceptor) {
        QMetaObject::invokeMethod(m_acceptor, [this] { m_acceptor->close(); delete m_acceptor; m_acceptor = nullptr; },
                                  Qt::BlockingQueuedConnection);
    }
    for (auto *w : m_workers)
        QMetaObject::invokeMethod(w, [w] { w->closeAll(); }, Qt::BlockingQueuedConnection);
    for (auto *t : m_threads) {
        t->quit();
        t->wait();
        delete t;
    }
    m_threads.clear();
    m_workers.clear();
    m_boundPort = 0;
    m_connections.store(0);
}

bool HttpServer::isRunning() const { return m_boundPort != 0; }
QHostAddress HttpServer::serverAddress() const { return m_boundAddress; }
quint16 HttpServer::serverPort() const { return m_boundPort; }
int HttpServer::connectionCount() const { return m_connections.load(std::memory_order_relaxed); }

} // namespace bindery::net
