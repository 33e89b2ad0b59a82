// SPDX-License-Identifier: Apache-2.0
// A blocking test client over a real socket: writes raw bytes, reads whole responses.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QSslSocket>
#include <QTcpSocket>

#include <memory>
#include <optional>

namespace bindery::test {

struct RawResponse {
    int status = 0;
    QByteArray head;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port, bool tls = false)
    {
        if (tls) {
            auto *ssl = new QSslSocket;
            ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
            ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
            m_ok = ssl->waitForEncrypted(10000);
            m_socket.reset(ssl);
        } else {
            m_socket = std::make_unique<QTcpSocket>();
            m_socket->connectToHost(QStringLiteral("127.0.0.1"), port);
            m_ok = m_socket->waitForConnected(10000);
        }
    }
    bool connected() const { return m_ok; }
    QTcpSocket &socket() { return *m_socket; }

    void send(const QByteArray &bytes)
    {
        m_socket->write(bytes);
        m_socket->waitForBytesWritten(10000);
    }

    // Reads one response (Content-Length delimited, or until close when absent).
    std::optional<RawResponse> read(int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                RawResponse r;
                r.head = m_buffer.left(end);
                const qsizetype eol = r.head.indexOf('\r');
                const QList<QByteArray> first = (eol < 0 ? r.head : r.head.left(eol)).split(' ');
                r.status = first.size() > 1 ? first[1].toInt() : 0;
                const QByteArray len = r.header("Content-Length");
                if (!len.isEmpty()) {
                    const qsizetype need = end + 4 + len.toLongLong();
                    if (m_buffer.size() >= need) {
                        r.body = m_buffer.mid(end + 4, len.toLongLong());
                        m_buffer.remove(0, need);
                        return r;
                    }
                } else if (r.status == 100) {
                    m_buffer.remove(0, end + 4);
                    return r;
                } else if (m_socket->state() != QAbstractSocket::ConnectedState) {
                    r.body = m_buffer.mid(end + 4);
                    m_buffer.clear();
                    return r;
                }
            }
            if (t.elapsed() > timeoutMs)
                return std::nullopt;
            if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(timeoutMs - int(t.elapsed()))) {
                m_buffer += m_socket->readAll();
                if (m_socket->state() != QAbstractSocket::ConnectedState && m_buffer.indexOf("\r\n\r\n") < 0)
                    return std::nullopt;
                if (m_socket->state() == QAbstractSocket::ConnectedState && t.elapsed() > timeoutMs)
                    return std::nullopt;
            }
            m_buffer += m_socket->readAll();
        }
    }

    std::optional<RawResponse> roundTrip(const QByteArray &bytes)
    {
        send(bytes);
        return read();
    }

    // True when the server closes the connection within the timeout.
    bool waitClosed(int timeoutMs = 10000)
    {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            return true;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (!m_socket->waitForReadyRead(timeoutMs - int(t.elapsed())))
                return m_socket->state() != QAbstractSocket::ConnectedState;
            m_buffer += m_socket->readAll();
        }
        return false;
    }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    bool m_ok = false;
};

inline QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
           + extraHeaders + "\r\n" + body;
}

} // namespace bindery::test
