// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/capture_export.h"
#include "net/capture_headers.h"
#include "net/capture_import.h"
#include "net/webhook_signer.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

using namespace bindery::net;

namespace {

CaptureRecord sample(QByteArray body, HeaderList headers = {})
{
    CaptureRecord r;
    r.time = QDateTime::fromString(QStringLiteral("2024-03-05T10:15:30.250Z"), Qt::ISODateWithMs);
    r.ns = QStringLiteral("argo");
    r.discriminator = QStringLiteral("my-d");
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

// Accepts one HTTP/1.1 request, keeps its bytes, answers 200 {}.
class RecordingServer : public QObject
{
public:
    QTcpServer server;
    QByteArray request;
    bool complete = false;
    RecordingServer()
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [this, s] {
                request += s->readAll();
                const qsizetype end = request.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                qsizetype length = 0;
                for (const QByteArray &line : request.left(end).split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (request.size() < end + 4 + length)
                    return;
                complete = true;
                s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                s->disconnectFromHost();
            });
        });
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()); }
};

} // namespace

class TestCaptureExport : public QObject
{
    Q_OBJECT
private slots:
    void redactHeaders_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("bearer keeps its scheme") << QByteArray("Authorization") << QByteArray("Bearer abc.def")
                                                 << QByteArray("Bearer REDACTED");
        QTest::newRow("bare token") << QByteArray("authorization") << QByteArray("abc") << QByteArray("REDACTED");
        QTest::newRow("github 256") << QByteArray("X-Hub-Signature-256") << QByteArray("sha256=00")
                                    << QByteArray("REDACTED");
        QTest::newRow("github 1") << QByteArray("X-Hub-Signature") << QByteArray("sha1=00") << QByteArray("REDACTED");
        QTest::newRow("gitlab") << QByteArray("X-Gitlab-Token") << QByteArray("shh") << QByteArray("REDACTED");
        QTest::newRow("bitbucket uuid") << QByteArray("X-Hook-UUID") << QByteArray("uuid-4711") << QByteArray("REDACTED");
        QTest::newRow("gitea") << QByteArray("X-Gitea-Signature") << QByteArray("ab") << QByteArray("REDACTED");
        QTest::newRow("cookie") << QByteArray("Cookie") << QByteArray("a=b") << QByteArray("REDACTED");
        QTest::newRow("configured") << QByteArray("X-Custom") << QByteArray("custom-4711") << QByteArray("REDACTED");
        QTest::newRow("event header kept") << QByteArray("X-GitHub-Event") << QByteArray("push") << QByteArray("push");
        QTest::newRow("content type kept") << QByteArray("Content-Type") << QByteArray("application/json")
                                           << QByteArray("application/json");
    }
    void redactHeaders()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, expected);
        RedactionOptions options;
        options.extraHeaders = {"x-custom"};
        const CaptureRecord r = redactRecord(sample("{}", {{name, value}}), options);
        QCOMPARE(headerValue(r.headers, name), expected);
        // Every export redacts.
        const QByteArray curl = exportCurl(sample("{}", {{name, value}}), {}, options);
        QCOMPARE(curl.contains(value), value == expected);
        const QByteArray har = exportHar({sample("{}", {{name, value}})}, {}, options);
        QCOMPARE(har.contains(value), value == expected);
        QCOMPARE(exportCaptureLines({sample("{}", {{name, value}})}, options).contains(value), value == expected);
        options.enabled = false;
        QCOMPARE(headerValue(redactRecord(sample("{}", {{name, value}}), options).headers, name), value);
    }

    void redactBody_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("warnings");
        const QByteArray body = "{\"a\": {\"secret\": \"x\", \"keep\": 1}, \"list\": [{\"t\": \"1\"}, {\"t\": 2}]}";
        QTest::newRow("member") << body << QStringList{QStringLiteral("$.a.secret")}
                                << QByteArray("{\"a\": {\"secret\": \"REDACTED\", \"keep\": 1}, \"list\": [{\"t\": \"1\"}, {\"t\": 2}]}")
                                << 0;
        QTest::newRow("wildcard, no $") << body << QStringList{QStringLiteral("list[*].t")}
                                        << QByteArray("{\"a\": {\"secret\": \"x\", \"keep\": 1}, \"list\": [{\"t\": \"REDACTED\"}, {\"t\": \"REDACTED\"}]}")
                                        << 0;
        QTest::newRow("nested paths") << body << QStringList{QStringLiteral("$.a"), QStringLiteral("$.a.secret")}
                                      << QByteArray("{\"a\": \"REDACTED\", \"list\": [{\"t\": \"1\"}, {\"t\": 2}]}") << 0;
        QTest::newRow("quoted name, index") << QByteArray("{\"x y\": [1, 2]}") << QStringList{QStringLiteral("$['x y'][1]")}
                                            << QByteArray("{\"x y\": [1, \"REDACTED\"]}") << 0;
        QTest::newRow("absent path") << body << QStringList{QStringLiteral("$.nope")} << body << 0;
        QTest::newRow("bad path") << body << QStringList{QStringLiteral("$.a[")} << body << 1;
        QTest::newRow("not json") << QByteArray("a=1") << QStringList{QStringLiteral("$.a")} << QByteArray("a=1") << 1;
    }
    void redactBody()
    {
        QFETCH(QByteArray, body);
        QFETCH(QStringList, paths);
        QFETCH(QByteArray, expected);
        QFETCH(int, warnings);
        RedactionOptions options;
        options.jsonPaths = paths;
        QStringList w;
        QCOMPARE(redactRecord(sample(body), options, &w).body, expected);
        QCOMPARE(w.size(), warnings);
    }

    void shellQuoting_data()
    {
        QTest::addColumn<QByteArray>("word");
        QTest::addColumn<QByteArray>("quoted");
        QTest::newRow("bare") << QByteArray("http://h:1/a") << QByteArray("http://h:1/a");
        QTest::newRow("space") << QByteArray("a b") << QByteArray("'a b'");
        QTest::newRow("single quote") << QByteArray("it's") << QByteArray("'it'\\''s'");
        QTest::newRow("dollar and backtick stay literal") << QByteArray("$HOME`x`") << QByteArray("'$HOME`x`'");
        QTest::newRow("newline in single quotes") << QByteArray("a\nb") << QByteArray("'a\nb'");
        QTest::newRow("control") << QByteArray("a\tb\x01") << QByteArray("$'a\\tb\\x01'");
        QTest::newRow("not utf-8") << QByteArray("\xff'") << QByteArray("$'\\xff\\''");
        QTest::newRow("empty") << QByteArray("") << QByteArray("''");
    }
    void shellQuoting()
    {
        QFETCH(QByteArray, word);
        QFETCH(QByteArray, quoted);
        QCOMPARE(shellQuote(word), quoted);
        // The importer's tokenizer reads it back.
        const auto commands = splitShellCommands(quoted, false);
        QCOMPARE(commands.size(), 1);
        QCOMPARE(commands[0].words.size(), 1);
        QCOMPARE(commands[0].words[0].text, word);
    }

    // Exported curl commands are read back by the curl importer, and run by the real curl.
    void curlRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<HeaderList>("headers");
        QTest::newRow("json") << QByteArray("{\"a\":\"it's \\\"q\\\"\",\"u\":\"\xc3\xa9\"}")
                              << HeaderList{{"Content-Type", "application/json"}, {"X-GitHub-Event", "push"}};
        QTest::newRow("newlines, tabs, $") << QByteArray("{\n\t\"a\": \"$HOME\"\n}\n")
                                           << HeaderList{{"Content-Type", "application/json"}};
        QTest::newRow("starts with @") << QByteArray("@etc/passwd") << HeaderList{{"X-Empty", ""}};
        QTest::newRow("binary") << QByteArray("\xff\xfe\x01 %s \\", 8) << HeaderList{{"Content-Type", "application/octet-stream"}};
        QTest::newRow("nul byte") << QByteArray("a\0b'%\\", 6) << HeaderList{{"Content-Type", "text/plain"}};
        QTest::newRow("empty") << QByteArray() << HeaderList{{"X-Argo-E2E", "true"}};
    }
    void curlRoundTrip()
    {
        QFETCH(QByteArray, body);
        QFETCH(HeaderList, headers);
        const CaptureRecord r = sample(body, headers);
        const QByteArray cmd = exportCurl(r, QStringLiteral("http://127.0.0.1:9"));
        if (!cmd.startsWith("printf")) {
            const ImportResult back = importCapture(cmd, CaptureFormat::Auto);
            QCOMPARE(back.format, CaptureFormat::Curl);
            QCOMPARE(back.records.size(), 1);
            QCOMPARE(back.records[0].body, body);
            QCOMPARE(back.records[0].ns, r.ns);
            QCOMPARE(back.records[0].discriminator, r.discriminator);
            for (const auto &h : headers)
                QCOMPARE(headerValue(back.records[0].headers, h.first), h.second);
        }
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("sh")).isEmpty())
            QSKIP("curl or sh is not installed");
        RecordingServer server;
        QProcess sh;
        QSignalSpy done(&sh, &QProcess::finished);
        sh.start(QStringLiteral("sh"), {QStringLiteral("-c"), QString::fromUtf8(exportCurl(r, server.base()))});
        QVERIFY(done.wait(10000));
        QVERIFY2(sh.exitCode() == 0, sh.readAllStandardError().constData());
        QVERIFY(server.complete);
        const ImportResult got = importCapture(server.request, CaptureFormat::Http);
        QCOMPARE(got.records.size(), 1);
        QCOMPARE(got.records[0].body, body);
        QCOMPARE(got.records[0].discriminator, r.discriminator);
        for (const auto &h : headers)
            QCOMPARE(headerValue(got.records[0].headers, h.first), h.second);
        if (!hasHeader(headers, "Content-Type"))
            QVERIFY(!hasHeader(got.records[0].headers, "Content-Type"));
    }

    void harAndLinesRoundTrip()
    {
        QList<CaptureRecord> records{sample("{\"a\":1}", {{"Content-Type", "application/json"}, {"X-A", "1"}}),
                                     sample(QByteArray("\xff\x00", 2), {{"X-B", "2"}})};
        records[1].discriminator = QString();
        records[1].outcome = QJsonObject{{QStringLiteral("status"), 503}};
        RedactionOptions none;
        none.enabled = false;
        const ImportResult har = importCapture(exportHar(records, QStringLiteral("https://h:2746/"), none), CaptureFormat::Auto);
        QCOMPARE(har.format, CaptureFormat::Har);
        QCOMPARE(har.records.size(), 2);
        const ImportResult lines = importCapture(exportCaptureLines(records, none), CaptureFormat::Auto);
        QCOMPARE(lines.format, CaptureFormat::Ndjson);
        QCOMPARE(lines.records.size(), 2);
        for (int i = 0; i < 2; ++i) {
            for (const ImportResult *back : {&har, &lines}) {
                QCOMPARE(back->records[i].body, records[i].body);
                QCOMPARE(back->records[i].headers, records[i].headers);
                QCOMPARE(back->records[i].ns, records[i].ns);
                QCOMPARE(back->records[i].discriminator, records[i].discriminator);
                QCOMPARE(back->records[i].time, records[i].time);
            }
        }
        QCOMPARE(lines.records[1].outcome, records[1].outcome);
        QVERIFY(exportHar(records, {}, none).contains("\"status\": 503"));
    }

    // Known answers: GitHub's documented example, and the RFC 2104-style "quick brown fox" vectors.
    void signatures_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("sha256");
        QTest::addColumn<QByteArray>("sha1");
        QTest::newRow("github docs") << QByteArray("It's a Secret to Everybody") << QByteArray("Hello, World!")
                                     << QByteArray("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
                                     << QByteArray();
        QTest::newRow("fox") << QByteArray("key") << QByteArray("The quick brown fox jumps over the lazy dog")
                             << QByteArray("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
                             << QByteArray("sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9");
    }
    void signatures()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, sha256);
        QFETCH(QByteArray, sha1);
        QCOMPARE(githubSignature256(secret, body), sha256);
        if (!sha1.isEmpty())
            QCOMPARE(githubSignature1(secret, body), sha1);
    }

    // Re-signing agrees with an independent HMAC (the openssl CLI) and touches only matching events.
    void resign()
    {
        CaptureRecord gh = sample("{\"edited\":true}", {{"X-GitHub-Event", "push"}, {"X-Hub-Signature-256", "sha256=stale"}});
        CaptureRecord gl = sample("{}", {{"X-Gitlab-Event", "Push Hook"}});
        CaptureRecord plain = sample("{}", {{"Content-Type", "application/json"}});
        ResignOptions options;
        options.githubSecret = QByteArray("shh!");
        options.gitlabToken = QByteArray("tok");
        QCOMPARE(resignRecord(gh, options), (QList<QByteArray>{"X-Hub-Signature-256", "X-Hub-Signature"}));
        QCOMPARE(resignRecord(gl, options), QList<QByteArray>{"X-Gitlab-Token"});
        QVERIFY(resignRecord(plain, options).isEmpty());
        QCOMPARE(headerValue(gl.headers, "X-Gitlab-Token"), QByteArray("tok"));
        QCOMPARE(gh.headers.size(), 3); // replaced, not duplicated
        options.addToAll = true;
        QCOMPARE(resignRecord(plain, options).size(), 3);

        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed");
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-hmac"),
                                                  QStringLiteral("shh!"), QStringLiteral("-r")});
        openssl.write(gh.body);
        openssl.closeWriteChannel();
        QVERIFY(openssl.waitForFinished(10000));
        const QByteArray hex = openssl.readAllStandardOutput().split(' ').first().trimmed();
        QCOMPARE(headerValue(gh.headers, "X-Hub-Signature-256"), "sha256=" + hex);
    }
};

BINDERY_TEST_MAIN(TestCaptureExport)
#include "test_capture_export.moc"
