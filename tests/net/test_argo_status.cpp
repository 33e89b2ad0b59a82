// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/argo_status.h"

using bindery::net::GrpcCode;

class TestArgoStatus : public QObject
{
    Q_OBJECT
private slots:
    void body_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("http");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("queue full") << 14 << QStringLiteral("operation queue full") << 503
                                    << QByteArray("{\"code\":14,\"message\":\"operation queue full\"}");
        QTest::newRow("no route") << 12 << QStringLiteral("Not Implemented") << 501
                                  << QByteArray("{\"code\":12,\"message\":\"Not Implemented\"}");
        // Go's encoding/json escapes HTML characters and quotes.
        QTest::newRow("html escaped") << 13 << QStringLiteral("a < b & \"c\"") << 500
                                      << QByteArray("{\"code\":13,\"message\":\"a \\u003c b \\u0026 \\\"c\\\"\"}");
    }
    void body()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(int, http);
        QFETCH(QByteArray, body);
        QCOMPARE(bindery::net::httpStatusFor(static_cast<GrpcCode>(code)), http);
        QCOMPARE(bindery::net::grpcErrorBody(static_cast<GrpcCode>(code), message), body);
    }
};

BINDERY_TEST_MAIN(TestArgoStatus)
#include "test_argo_status.moc"
