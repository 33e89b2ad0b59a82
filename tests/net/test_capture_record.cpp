// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/capture_record.h"

using bindery::net::CaptureRecord;

class TestCaptureRecord : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("base64");
        QTest::newRow("json text") << QByteArray("{\"a\":\"\\u00e9\"}") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("binary") << QByteArray("\xff\xfe\x00x", 4) << true;
    }
    void roundTrip()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, base64);
        CaptureRecord r;
        r.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 120), Qt::UTC);
        r.ns = QStringLiteral("argo");
        r.discriminator = QStringLiteral("d");
        r.headers = {{"X-GitHub-Event", "push"}, {"X-Multi", "a"}, {"X-Multi", "b"}};
        r.body = body;
        r.id = QStringLiteral("7");
        const QByteArray line = r.toNdjsonLine();
        QVERIFY(!line.contains('\n'));
        QCOMPARE(line.contains("bodyBase64"), base64);
        QVERIFY(line.contains("\"time\":\"2026-01-02T03:04:05.12Z\""));
        QString error;
        const auto back = CaptureRecord::fromNdjsonLine(line, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->ns, r.ns);
        QCOMPARE(back->discriminator, r.discriminator);
        QCOMPARE(back->headers, r.headers);
        QCOMPARE(back->body, r.body);
        QCOMPARE(back->time, r.time);
        QCOMPARE(back->id, r.id);
        QVERIFY(!back->outcome);
    }
    void outcomeLine()
    {
        CaptureRecord r;
        r.kind = CaptureRecord::Kind::Outcome;
        r.id = QStringLiteral("9");
        r.outcome = QJsonObject{{QStringLiteral("status"), 200}};
        const auto back = CaptureRecord::fromNdjsonLine(r.toNdjsonLine());
        QVERIFY(back);
        QCOMPARE(back->kind, CaptureRecord::Kind::Outcome);
        QCOMPARE(back->outcome->value(QStringLiteral("status")).toInt(), 200);
    }
    void errors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not json") << QByteArray("{\"namespace\":") << QStringLiteral("invalid JSON at column");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("must be a JSON object");
        QTest::newRow("no namespace") << QByteArray("{\"body\":\"x\"}") << QStringLiteral("missing \"namespace\"");
        QTest::newRow("bad header") << QByteArray("{\"namespace\":\"a\",\"headers\":[[\"x\"]]}")
                                    << QStringLiteral("headers[0]");
        QTest::newRow("bad base64") << QByteArray("{\"namespace\":\"a\",\"bodyBase64\":\"@@@\"}")
                                    << QStringLiteral("not valid base64");
        QTest::newRow("bad time") << QByteArray("{\"namespace\":\"a\",\"time\":\"yesterday\"}")
                                  << QStringLiteral("RFC 3339");
    }
    void errors()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!CaptureRecord::fromNdjsonLine(line, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }
};

BINDERY_TEST_MAIN(TestCaptureRecord)
#include "test_capture_record.moc"
