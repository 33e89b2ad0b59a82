// SPDX-License-Identifier: Apache-2.0
#include "net/http_server.h"

#include <QAbstractEventDispatcher>
#include <QElapsedTimer>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace bindery::net {

namespace {
// Stop parsing further pipelined requests while this much output waits for a slow reader, so a
// client that writes without reading cannot make the server buffer without bound.
constexpr qint64 kMaxBufferedOutput = 4 * 1024 * 1024;
// Pipelined responses are gathered up to this size, then written with one call.
constexpr qsizetype kOutputBatch = 64 * 1024;
constexpr qsizetype kReadChunk = 64 * 1024;

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
} // namespace

class HttpConnection;

// Deferred answers on their way back to an I/O thread. Completions that arrive while one hand-over
// is pending ride along with it: one wake-up of the I/O thread per batch, not per answer. The
// target is cleared (under the lock) before the I/O thread's objects go away.
struct IoMailbox {
    std::mutex mutex;
    QObject *target = nullptr; // the IoWorker
    std::vector<std::pair<QPointer<HttpConnection>, HttpResponse>> items;
};

// One client connection, owned by an IoWorker and living on its thread.
//
// The per-request path is kept free of event-loop round trips: responses are gathered in one buffer
// and sent straight to the kernel at the end of each read (Qt's buffered write would arm the write
// notifier and wait for the next loop pass); the timeouts are deadlines checked when a single
// per-connection timer fires, so a request does not re-arm a timer.
class HttpConnection : public QObject
{
public:
    HttpConnection(HttpServer *server, std::shared_ptr<IoMailbox> mailbox, QTcpSocket *socket, PeerInfo peer)
        : m_server(server)
        , m_mailbox(std::move(mailbox))
        , m_socket(socket)
        , m_parser(server->m_config.limits)
        , m_peer(std::move(peer))
        , m_direct(!qobject_cast<QSslSocket *>(socket))
    {
        m_socket->setParent(this);
        // Beyond this Qt stops reading from the kernel: a client that is not reading its answers
        // meets TCP back-pressure instead of growing our buffers. (Plain TCP only: QSslSocket has
        // had stalls with a bounded read buffer.)
        if (m_direct)
            m_socket->setReadBufferSize(4 * kReadChunk);
        m_input.resize(kReadChunk);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { onTimeout(); });
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_blockedOnOutput && m_socket->bytesToWrite() < kMaxBufferedOutput) {
                m_blockedOnOutput = false;
                onReadyRead();
            }
        });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { finish(); });
        connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                finish();
        });
        armTimer();
    }

    // A socket handed over after data may already have arrived (a TLS handshake done on another thread).
    void start()
    {
        if (m_socket->state() != QAbstractSocket::ConnectedState) {
            finish();
            return;
        }
        if (m_socket->bytesAvailable() > 0)
            onReadyRead();
    }

    void closeNow()
    {
        m_closing = true;
        m_socket->abort();
        finish();
    }

    // The answer to the request that returned a deferred response.
    void deliver(HttpResponse response)
    {
        if (!m_waiting || m_finished)
            return;
        m_waiting = false;
        const bool keepAlive = m_waitingKeepAlive && !response.close;
        response.serializeTo(m_output, keepAlive);
        if (!keepAlive) {
            closeAfterWrite();
            return;
        }
        onReadyRead(); // pipelined requests that waited behind this one, then what the socket holds
    }

private:
    void onReadyRead()
    {
        if (m_closing || m_streaming) {
            m_socket->skip(m_socket->bytesAvailable());
            return;
        }
        if (m_waiting)
            return; // read on when the deferred answer is out
        // Read into the fixed buffer and parse, until the socket is drained; what the parser leaves
        // over (only when answers are blocked on a slow reader) stays at the front of the buffer.
        for (;;) {
            if (m_inputUsed < m_input.size() && m_socket->bytesAvailable() > 0) {
                const qint64 n = m_socket->read(m_input.data() + m_inputUsed, m_input.size() - m_inputUsed);
                if (n > 0)
                    m_inputUsed += n;
            }
            const qsizetype before = m_inputUsed;
            process();
            if (m_closing || m_streaming || m_waiting || m_blockedOnOutput || m_socket->bytesAvailable() <= 0
                || (m_inputUsed == before && m_inputUsed == m_input.size()))
                break;
        }
        flushOutput();
        armTimer();
    }

    void process()
    {
        qsizetype offset = 0;
        while (!m_closing && !m_streaming && !m_waiting) {
            if (m_output.size() >= kOutputBatch)
                flushOutput();
            if (m_socket->bytesToWrite() >= kMaxBufferedOutput) {
                m_blockedOnOutput = true;
                break;
            }
            qsizetype used = 0;
            const auto status = m_parser.feed(m_input.constData() + offset, m_inputUsed - offset, &used);
            offset += used;
            if (status == HttpRequestParser::Status::RequestReady) {
                m_continueSent = false;
                respond(m_parser.takeRequest());
                continue;
            }
            if (status == HttpRequestParser::Status::Error) {
                const int code = HttpRequestParser::statusFor(m_parser.error());
                HttpResponse r = HttpResponse::text(code, QByteArray::number(code) + ' ' + reasonPhrase(code).toByteArray());
                r.close = true;
                reject(code, r);
                break;
            }
            if (m_parser.expectsContinue() && !m_continueSent) {
                // The body is wanted (the limits passed on the headers): tell the client to send it.
                m_continueSent = true;
                m_output.append("HTTP/1.1 100 Continue\r\n\r\n");
                flushOutput();
            }
            break;
        }
        if (offset > 0) {
            m_inputUsed -= offset;
            if (m_inputUsed > 0)
                std::memmove(m_input.data(), m_input.constData() + offset, static_cast<size_t>(m_inputUsed));
        }
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
        if (response.deferred) {
            m_waiting = true;
            m_waitingKeepAlive = request.keepAlive;
            response.deferred([mailbox = m_mailbox, self = QPointer<HttpConnection>(this)](HttpResponse answer) {
                // Any thread. The QPointer is only dereferenced back on the I/O thread.
                std::lock_guard lock(mailbox->mutex);
                if (!mailbox->target)
                    return; // the server is stopping: the connection is gone
                const bool first = mailbox->items.empty();
                mailbox->items.emplace_back(self, std::move(answer));
                if (first)
                    QMetaObject::invokeMethod(mailbox->target, [mailbox] { deliverAll(*mailbox); }, Qt::QueuedConnection);
            });
            return;
        }
        if (response.openStream) {
            // Subscribe before the head goes out: a client that reacts to the head must not miss
            // anything (stream chunks arrive queued on this thread, after this function returns).
            m_streaming = true;
            m_timer.stop();
            QPointer<HttpConnection> self = this;
            m_stream = response.openStream(this, [self](const QByteArray &chunk) {
                if (self && !self->m_finished) {
                    self->m_output.append(chunk);
                    self->flushOutput();
                }
            });
            response.serializeTo(m_output, false);
            flushOutput();
            return;
        }
        response.serializeTo(m_output, keepAlive);
        if (!keepAlive)
            closeAfterWrite();
    }

    void reject(int status, const HttpResponse &response)
    {
        if (m_server->m_rejectObserver)
            m_server->m_rejectObserver(status, m_peer);
        response.serializeTo(m_output, false);
        closeAfterWrite();
    }

    // Sends what the responses gathered: straight to the kernel when nothing is queued in the
    // socket (the usual case: no write notifier, no extra loop pass), else through QTcpSocket's
    // buffer, which keeps the order and handles a full send buffer.
    void flushOutput()
    {
        if (m_output.isEmpty())
            return;
        qsizetype sent = 0;
        if (m_direct && m_socket->bytesToWrite() == 0 && m_socket->state() == QAbstractSocket::ConnectedState) {
            const ssize_t n = ::send(static_cast<int>(m_socket->socketDescriptor()), m_output.constData(),
                                     static_cast<size_t>(m_output.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent = n; // errors (EAGAIN, a reset) fall through to QTcpSocket, which reports them
        }
        if (sent < m_output.size())
            m_socket->write(m_output.constData() + sent, m_output.size() - sent);
        m_output.resize(0);
        if (m_output.capacity() > 4 * kOutputBatch)
            m_output.squeeze();
        if (m_closeWhenFlushed) {
            m_closeWhenFlushed = false;
            m_socket->disconnectFromHost(); // flushes what Qt still holds, then closes
        }
    }

    void closeAfterWrite()
    {
        m_closing = true;
        m_timer.stop();
        m_closeWhenFlushed = true;
        flushOutput();
    }

    static void deliverAll(IoMailbox &mailbox)
    {
        std::vector<std::pair<QPointer<HttpConnection>, HttpResponse>> items;
        {
            std::lock_guard lock(mailbox.mutex);
            items.swap(mailbox.items);
        }
        for (auto &[connection, response] : items) {
            if (connection)
                connection->deliver(std::move(response));
        }
    }

    // The read deadline runs from the first byte of a request (a trickle does not extend it); the
    // idle deadline from the end of the last one. The timer is only re-armed when a deadline
    // comes earlier than the one it is set for; a timer that fires early re-arms for the rest.
    void armTimer()
    {
        if (m_closing || m_streaming || m_waiting)
            return;
        const qint64 now = nowMs();
        qint64 deadline;
        if (m_parser.inRequest() || m_inputUsed > 0) {
            if (m_requestStart < 0)
                m_requestStart = now;
            deadline = m_requestStart + m_server->m_config.readTimeoutMs;
        } else {
            m_requestStart = -1;
            deadline = now + m_server->m_config.idleTimeoutMs;
        }
        m_deadline = deadline;
        if (!m_timer.isActive() || deadline < m_timerDue) {
            m_timerDue = deadline;
            m_timer.start(static_cast<int>(std::max<qint64>(deadline - now, 0)));
        }
    }

    void onTimeout()
    {
        if (m_closing || m_streaming)
            return;
        if (m_waiting) { // our own work is slow, not the client: look again once it is done
            m_timerDue = nowMs() + m_server->m_config.idleTimeoutMs;
            m_timer.start(m_server->m_config.idleTimeoutMs);
            return;
        }
        const qint64 now = nowMs();
        if (now < m_deadline) {
            m_timerDue = m_deadline;
            m_timer.start(static_cast<int>(m_deadline - now));
            return;
        }
        if (m_parser.inRequest() || m_inputUsed > 0) {
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
    std::shared_ptr<IoMailbox> m_mailbox;
    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    PeerInfo m_peer;
    QByteArray m_input; // fixed size; the first m_inputUsed bytes are unparsed input
    qsizetype m_inputUsed = 0;
    QByteArray m_output; // responses not yet handed to the socket
    QTimer m_timer;
    qint64 m_requestStart = -1;
    qint64 m_deadline = 0;
    qint64 m_timerDue = 0;
    QMetaObject::Connection m_stream;
    const bool m_direct; // plain TCP: responses may bypass QTcpSocket's write buffer
    bool m_closing = false;
    bool m_closeWhenFlushed = false;
    bool m_streaming = false;
    bool m_waiting = false; // a deferred answer is on its way
    bool m_waitingKeepAlive = false;
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
        , m_mailbox(std::make_shared<IoMailbox>())
    {
        m_mailbox->target = this;
    }

    // Deferred answers completing from now on are dropped (their connections are being closed).
    void closeMailbox()
    {
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->target = nullptr;
    }

    // A plain TCP connection accepted by the acceptor thread.
    void adopt(qintptr descriptor)
    {
        auto *socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            ::close(static_cast<int>(descriptor));
            m_server->m_connections.fetch_sub(1, std::memory_order_relaxed);
            return;
        }
        adoptSocket(socket, false);
    }

    // A connected socket already moved to this thread (TLS: after QSslServer's handshake).
    void adoptSocket(QTcpSocket *socket, bool tls)
    {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        PeerInfo peer{socket->peerAddress(), socket->peerPort(), tls, {}};
        peer.addressText = peer.address.toString();
        auto *connection = new HttpConnection(m_server, m_mailbox, socket, std::move(peer));
        connection->setParent(this);
        connection->start();
    }

    void closeAll()
    {
        const auto connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
        for (auto *c : connections)
            c->closeNow();
    }

private:
    HttpServer *m_server;
    std::shared_ptr<IoMailbox> m_mailbox;
};

namespace {

// Connections over the limit are refused at once (closed, never queued).
bool admit(const HttpServerConfig &config, int pending, qintptr descriptor, const HttpRejectObserver &observer,
           const std::atomic<int> &connections)
{
    if (connections.load(std::memory_order_relaxed) + pending >= config.maxConnections) {
        ::close(static_cast<int>(descriptor));
        if (observer)
            observer(503, PeerInfo{});
        return false;
    }
    return true;
}

} // namespace

// Plain HTTP: accepts on one I/O thread and hands each descriptor to the next I/O thread.
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
        if (!admit(m_server->m_config, 0, descriptor, m_server->m_rejectObserver, m_server->m_connections))
            return;
        m_server->m_connections.fetch_add(1, std::memory_order_relaxed);
        IoWorker *worker = m_server->nextWorker();
        QMetaObject::invokeMethod(worker, [worker, descriptor] { worker->adopt(descriptor); }, Qt::QueuedConnection);
    }

private:
    HttpServer *m_server;
};

// HTTPS: QSslServer does the handshake (and drops clients that do not start one, or not in time),
// then each encrypted socket moves to the next I/O thread.
class TlsAcceptor : public QSslServer
{
public:
    explicit TlsAcceptor(HttpServer *server)
        : m_server(server)
    {
        const auto &cfg = server->m_config;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(cfg.certificate);
        tls.setPrivateKey(cfg.privateKey);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        setSslConfiguration(tls);
        setHandshakeTimeout(cfg.readTimeoutMs);
        setMaxPendingConnections(std::max(cfg.maxConnections, 1));
        connect(this, &QSslServer::sslErrors, this, [](QSslSocket *socket, const QList<QSslError> &) { socket->abort(); });
        // Queued: the signal comes from inside the socket's own `encrypted` emission, and the
        // socket's code keeps running on this thread after it; it may only move once that is done.
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] { handOver(); }, Qt::QueuedConnection);
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        // Sockets still in their handshake are this server's children until handed over.
        const int handshaking = static_cast<int>(findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly).size());
        if (!admit(m_server->m_config, handshaking, descriptor, m_server->m_rejectObserver, m_server->m_connections))
            return;
        QSslServer::incomingConnection(descriptor);
    }

private:
    void handOver()
    {
        while (hasPendingConnections()) {
            auto *socket = qobject_cast<QSslSocket *>(nextPendingConnection());
            if (!socket)
                continue;
            socket->setParent(nullptr);
            m_server->m_connections.fetch_add(1, std::memory_order_relaxed);
            IoWorker *worker = m_server->nextWorker();
            if (worker->thread() != thread())
                socket->moveToThread(worker->thread());
            QMetaObject::invokeMethod(worker, [worker, socket] { worker->adoptSocket(socket, true); }, Qt::QueuedConnection);
        }
    }

    HttpServer *m_server;
};

HttpServer::HttpServer(HttpHandler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::setRejectObserver(HttpRejectObserver observer) { m_rejectObserver = std::move(observer); }
void HttpServer::setPassEndHook(std::function<void()> hook) { m_passEndHook = std::move(hook); }

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
    const int n = config.ioThreads > 0 ? config.ioThreads : std::clamp(QThread::idealThreadCount(), 1, 8);
    for (int i = 0; i < n; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("bindery-http-io-%1").arg(i));
        auto *worker = new IoWorker(this);
        worker->moveToThread(thread);
        QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
        if (m_passEndHook) {
            // The dispatcher exists once the thread runs: connect from inside it. The glib and the
            // UNIX dispatchers both emit aboutToBlock once per pass, before waiting.
            QMetaObject::invokeMethod(
                worker,
                [this, worker] {
                    QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock, worker,
                                     [hook = m_passEndHook] { hook(); }, Qt::DirectConnection);
                },
                Qt::BlockingQueuedConnection);
        }
    }
    bool ok = false;
    QString listenError;
    QMetaObject::invokeMethod(
        m_workers.front(),
        [this, &ok, &listenError] {
            if (m_config.tlsEnabled())
                m_acceptor = new TlsAcceptor(this);
            else
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
        QMetaObject::invokeMethod(w, [w] { w->closeMailbox(); w->closeAll(); }, Qt::BlockingQueuedConnection);
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

IoWorker *HttpServer::nextWorker()
{
    return m_workers[m_nextWorker.fetch_add(1, std::memory_order_relaxed) % m_workers.size()];
}

} // namespace bindery::net
