// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/go_json.h"
#include "net/http_request_parser.h"

using namespace bindery::net;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT
private slots:
    void pipelined()
    {
        HttpRequestParser p;
        const QByteArray in = "POST /a/b%20c?x=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 2\r\n\r\n{}"
                              "GET /z HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
        qsizetype used = 0;
        QCOMPARE(p.feed(in.constData(), in.size(), &used), HttpRequestParser::Status::RequestReady);
        const HttpRequest a = p.takeRequest();
        QCOMPARE(a.method, QByteArray("POST"));
        QCOMPARE(a.path, QByteArray("/a/b c"));
        QCOMPARE(a.rawQuery, QByteArray("x=1"));
        QCOMPARE(a.body, QByteArray("{}"));
        QCOMPARE(a.headers.size(), 4);
        QCOMPARE(a.headers[2].second, QByteArray("2"));
        QVERIFY(a.keepAlive);
        qsizetype used2 = 0;
        QCOMPARE(p.feed(in.constData() + used, in.size() - used, &used2), HttpRequestParser::Status::RequestReady);
        QCOMPARE(used + used2, in.size());
        const HttpRequest b = p.takeRequest();
        QCOMPARE(b.path, QByteArray("/z"));
        QVERIFY(!b.keepAlive);
    }
    void byteByByte()
    {
        HttpRequestParser p;
        const QByteArray in = "POST /e HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        int ready = 0;
        bool sawContinue = false;
        for (qsizetype i = 0; i < in.size(); ++i) {
            qsizetype used = 0;
            const auto s = p.feed(in.constData() + i, 1, &used);
            QCOMPARE(used, 1);
            sawContinue = sawContinue || p.expectsContinue();
            if (s == HttpRequestParser::Status::RequestReady) {
                ++ready;
                QCOMPARE(p.takeRequest().body, QByteArray("{}"));
            }
        }
        QCOMPARE(ready, 1);
        QVERIFY(sawContinue);
    }
    // Header names and values arrive in pieces when a read ends inside them: every split point
    // must give the same header list (empty values and repeated names included), method and path.
    void splitAnywhere_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("headers"); // "name=value;" per header
        QTest::newRow("plain") << QByteArray("POST /api/v1/events/argo/ HTTP/1.1\r\nHost: h\r\nX-Long-Name: some value\r\nContent-Length: 2\r\n\r\n{}")
                               << QByteArray("/api/v1/events/argo/") << QByteArray("Host=h;X-Long-Name=some value;Content-Length=2;");
        QTest::newRow("empty value") << QByteArray("GET /x HTTP/1.1\r\nX-Empty:\r\nX-B: b\r\nX-Sp:   \r\n\r\n")
                                     << QByteArray("/x") << QByteArray("X-Empty=;X-B=b;X-Sp=;");
        QTest::newRow("escaped path and query") << QByteArray("GET /a%2Fb/%41?q=%41 HTTP/1.1\r\nA: 1\r\nA: 2\r\n\r\n")
                                                << QByteArray("/a/b/A") << QByteArray("A=1;A=2;");
    }
    void splitAnywhere()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, headers);
        for (qsizetype cut = 0; cut <= input.size(); ++cut) {
            HttpRequestParser p;
            qsizetype used = 0;
            auto status = p.feed(input.constData(), cut, &used);
            QCOMPARE(used, cut);
            if (status != HttpRequestParser::Status::RequestReady) {
                QCOMPARE(status, HttpRequestParser::Status::NeedMore);
                status = p.feed(input.constData() + cut, input.size() - cut, &used);
                QCOMPARE(used, input.size() - cut);
            }
            QCOMPARE(status, HttpRequestParser::Status::RequestReady);
            const HttpRequest r = p.takeRequest();
            QCOMPARE(r.path, path);
            QCOMPARE(r.method, input.left(input.indexOf(' ')));
            QByteArray got;
            for (const auto &[n, v] : r.headers)
                got += n + '=' + v + ';';
            QCOMPARE(got, headers);
        }
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("\x01\x02\r\n\r\n") << 400;
        QTest::newRow("bad version") << QByteArray("GET / HTTP/9\r\n\r\n") << 400;
        QTest::newRow("content-length too big") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n") << 413;
        QTest::newRow("chunked too big") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n01234567890\r\n") << 413;
        QTest::newRow("headers too big") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(200, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
        QTest::newRow("bad escape") << QByteArray("GET /%g0 HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("upgrade") << QByteArray("GET / HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n") << 400;
        QTest::newRow("two content-lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
    }
    void errors()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        HttpRequestParser p(HttpLimits{10, 100});
        qsizetype used = 0;
        QCOMPARE(p.feed(input.constData(), input.size(), &used), HttpRequestParser::Status::Error);
        QCOMPARE(HttpRequestParser::statusFor(p.error()), status);
    }
    void goJson_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // "" empty, "=<value>" the first value, else the error
        QTest::newRow("empty") << QByteArray("  \n") << QString();
        QTest::newRow("object + garbage") << QByteArray(" {\"a\":[1,2]} xyz") << QStringLiteral("={\"a\":[1,2]}");
        QTest::newRow("number then garbage") << QByteArray("12x") << QStringLiteral("=12");
        QTest::newRow("leading zero") << QByteArray("01") << QStringLiteral("=0");
        QTest::newRow("string") << QByteArray("\"a\\u00e9\"tail") << QStringLiteral("=\"a\\u00e9\"");
        QTest::newRow("literal") << QByteArray("true false") << QStringLiteral("=true");
        QTest::newRow("number at eof") << QByteArray("-1.5e+3") << QStringLiteral("=-1.5e+3");
        QTest::newRow("bad start") << QByteArray("x") << QStringLiteral("invalid character 'x' looking for beginning of value");
        QTest::newRow("truncated") << QByteArray("{\"a\":") << QStringLiteral("unexpected EOF");
        QTest::newRow("bad key") << QByteArray("{a}") << QStringLiteral("invalid character 'a' looking for beginning of object key string");
        QTest::newRow("after key") << QByteArray("{\"a\" 1}") << QStringLiteral("invalid character '1' after object key");
        QTest::newRow("after value") << QByteArray("{\"a\":1 2}") << QStringLiteral("invalid character '2' after object key:value pair");
        QTest::newRow("after element") << QByteArray("[1 2]") << QStringLiteral("invalid character '2' after array element");
        QTest::newRow("control in string") << QByteArray("\"a\nb\"") << QStringLiteral("invalid character '\\n' in string literal");
        QTest::newRow("bad escape") << QByteArray("\"\\x\"") << QStringLiteral("invalid character 'x' in string escape code");
        QTest::newRow("bad literal") << QByteArray("tru e") << QStringLiteral("invalid character ' ' in literal true (expecting 'e')");
        QTest::newRow("bad number") << QByteArray("-a") << QStringLiteral("invalid character 'a' in numeric literal");
        QTest::newRow("bad fraction") << QByteArray("1.x") << QStringLiteral("invalid character 'x' after decimal point in numeric literal");
        QTest::newRow("bad exponent") << QByteArray("1ex") << QStringLiteral("invalid character 'x' in exponent of numeric literal");
        QTest::newRow("trailing comma") << QByteArray("[1,]") << QStringLiteral("invalid character ']' looking for beginning of value");
        QTest::newRow("single quote") << QByteArray("'a'") << QStringLiteral("invalid character '\\'' looking for beginning of value");
    }
    void goJson()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const FirstJsonValue v = scanFirstJsonValue(body);
        if (expected.isEmpty()) {
            QCOMPARE(v.kind, FirstJsonValue::Kind::Empty);
        } else if (expected.startsWith(QLatin1Char('='))) {
            QCOMPARE(v.kind, FirstJsonValue::Kind::Value);
            QCOMPARE(QString::fromUtf8(body.mid(v.begin, v.end - v.begin)), expected.mid(1));
        } else {
            QCOMPARE(v.kind, FirstJsonValue::Kind::Error);
            QCOMPARE(v.error, expected);
        }
    }
};

BINDERY_TEST_MAIN(TestHttpRequestParser)
#include "test_http_request_parser.moc"
