// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/capture_headers.h"
#include "net/capture_import.h"

#include <QSignalSpy>

using namespace bindery::net;

namespace {

QString dataFile(const QString &name)
{
    return bindery::test::testSourceDir() + QStringLiteral("/net/data/capture/") + name;
}

ImportResult importFile(const QString &name, const QString &format)
{
    ImportOptions options;
    options.defaultPath = QStringLiteral("/api/v1/events/argo/gitlab-default");
    return importCaptureFile(dataFile(name), *captureFormatFromName(format), options);
}

QString skippedText(const ImportResult &r)
{
    QStringList lines;
    for (const auto &s : r.skipped)
        lines << s.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestCaptureImport : public QObject
{
    Q_OBJECT
private slots:
    // How many events each sample yields, and how many items are skipped (with a reason).
    void counts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("imported");
        QTest::addColumn<int>("skipped");
        QTest::newRow("docs curl") << "docs_examples.sh" << "curl" << 2 << 3; // export, 501 path, GET
        QTest::newRow("chrome bash") << "chrome_bash.sh" << "curl" << 1 << 0;
        QTest::newRow("chrome cmd") << "chrome_cmd.txt" << "curl" << 1 << 0;
        QTest::newRow("awkward curl") << "awkward.sh" << "curl" << 10 << 4; // GET, %2F, missing file, unterminated
        QTest::newRow("har") << "browser.har" << "har" << 3 << 2;
        QTest::newRow("raw http") << "requests.http" << "http" << 3 << 3;
        QTest::newRow("ndjson") << "journal.ndjson" << "ndjson" << 2 << 3;
        QTest::newRow("github") << "github_delivery.json" << "github" << 1 << 0;
        QTest::newRow("gitlab events") << "gitlab_hook_events.json" << "gitlab" << 1 << 1;
        QTest::newRow("gitlab payload") << "gitlab_push_payload.json" << "gitlab" << 1 << 0;
    }
    void counts()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(int, imported);
        QFETCH(int, skipped);
        const ImportResult r = importFile(file, format);
        QVERIFY2(!r.unreadable, qPrintable(skippedText(r)));
        QCOMPARE(r.records.size(), imported);
        QVERIFY2(r.skipped.size() == skipped, qPrintable(skippedText(r)));
        for (const auto &s : r.skipped)
            QVERIFY2(!s.reason.isEmpty(), "every skip has a reason");
        // Auto detection picks the same format and gives the same result.
        const ImportResult a = importFile(file, QStringLiteral("auto"));
        QCOMPARE(captureFormatName(a.format), format);
        QCOMPARE(a.records.size(), imported);
    }

    // One event of a sample: its route, one header, its body.
    void records_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("d");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("docs: trailing slash, $ARGO_TOKEN literal")
            << "docs_examples.sh" << 0 << "argo" << "" << QByteArray("Authorization") << QByteArray("$ARGO_TOKEN")
            << QByteArray("{\"message\": \"hello\"}");
        QTest::newRow("docs: prompt, curl's default content type")
            << "docs_examples.sh" << 1 << "argo" << "my-discriminator" << QByteArray("Content-Type")
            << QByteArray("application/x-www-form-urlencoded") << QByteArray("{\"message\": \"hello\"}");
        QTest::newRow("chrome bash: $'...' with \\' and \\u")
            << "chrome_bash.sh" << 0 << "ci" << "github" << QByteArray("x-note")
            << QByteArray("it's \xc3\xa9t\xc3\xa9") << QByteArray("{\"msg\":\"line1\\nline2\",\"quote\":\"it's\",\"tab\":\"\t\"}");
        QTest::newRow("chrome cmd: ^ escapes and \\^\"")
            << "chrome_cmd.txt" << 0 << "ci" << "win" << QByteArray("content-type") << QByteArray("application/json")
            << QByteArray("{\"branch\":\"main\",\"pct\":\"50%\"}");
        QTest::newRow("'\\'' idiom") << "awkward.sh" << 0 << "argo" << "q" << QByteArray("Content-Type")
                                    << QByteArray("application/json") << QByteArray("{\"name\":\"O'Brien\"}");
        QTest::newRow("double quotes, -XPOST, -Hvalue") << "awkward.sh" << 1 << "argo" << "dq" << QByteArray("X-Token")
                                                       << QByteArray("$HOME `x`") << QByteArray("{\"a\":\"b\\\\c\"}");
        QTest::newRow("--data-binary @file keeps newlines")
            << "awkward.sh" << 2 << "argo" << "file" << QByteArray("Content-Type") << QByteArray("application/json")
            << QByteArray("{\n  \"ref\": \"refs/heads/main\",\n  \"multi\": \"line\"\n}\n");
        QTest::newRow("-d @file strips CR LF") << "awkward.sh" << 3 << "argo" << "file2" << QByteArray() << QByteArray()
                                               << QByteArray("a=1b=2");
        QTest::newRow("--data-urlencode") << "awkward.sh" << 4 << "argo" << "enc" << QByteArray() << QByteArray()
                                          << QByteArray("msg=a%20b%26c&x%20y&z=1");
        QTest::newRow("-u, 'Content-Type:' removes the default")
            << "awkward.sh" << 5 << "argo" << "basic" << QByteArray("Authorization")
            << QByteArray("Basic YWxpY2U6czNjcjN0") << QByteArray("{}");
        QTest::newRow("--json") << "awkward.sh" << 6 << "argo" << "json" << QByteArray("Content-Type")
                                << QByteArray("application/json") << QByteArray("{\"k\":[1,2]}");
        QTest::newRow("empty discriminator, comment") << "awkward.sh" << 7 << "argo" << "" << QByteArray()
                                                      << QByteArray() << QByteArray("{\"x\":1}");
        QTest::newRow("ANSI-C escapes") << "awkward.sh" << 8 << "argo" << "ansi" << QByteArray() << QByteArray()
                                        << QByteArray("AB\xc3\xa9\n");
        QTest::newRow("after an unterminated quote") << "awkward.sh" << 9 << "argo" << "after" << QByteArray()
                                                     << QByteArray() << QByteArray("{\"ok\":true}");
        QTest::newRow("har json, pseudo-headers dropped")
            << "browser.har" << 0 << "argo" << "my-d" << QByteArray("authorization") << QByteArray("Bearer abc.def")
            << QByteArray("{\"message\":\"hi\"}");
        QTest::newRow("har base64") << "browser.har" << 1 << "argo" << "bin" << QByteArray() << QByteArray()
                                    << QByteArray("\xff\x00\x01\x02", 4);
        QTest::newRow("har params") << "browser.har" << 2 << "argo" << "form" << QByteArray() << QByteArray()
                                    << QByteArray("a%20b=1%262");
        QTest::newRow("http content-length") << "requests.http" << 0 << "argo" << "cl" << QByteArray("X-GitHub-Event")
                                             << QByteArray("push") << QByteArray("{\"a\":\"b c\"}");
        QTest::newRow("http chunked") << "requests.http" << 1 << "argo" << "chunked" << QByteArray() << QByteArray()
                                      << QByteArray("{\"a\":true}");
        QTest::newRow("http LF only, folded header")
            << "requests.http" << 2 << "argo" << "lf" << QByteArray("X-Folded") << QByteArray("one two")
            << QByteArray("{\n  \"x\": 1\n}");
        QTest::newRow("ndjson") << "journal.ndjson" << 0 << "argo" << "" << QByteArray("X-Argo-E2E") << QByteArray("true")
                                << QByteArray("{\"message\":\"hello\"}");
        QTest::newRow("ndjson base64") << "journal.ndjson" << 1 << "argo" << "bin" << QByteArray() << QByteArray()
                                       << QByteArray("\xff\x00\x01\x02", 4);
        QTest::newRow("github: payload compact, key order kept")
            << "github_delivery.json" << 0 << "argo" << "github" << QByteArray("X-GitHub-Event") << QByteArray("push")
            << QByteArray("{\"ref\":\"refs/heads/main\",\"before\":\"0000000000000000000000000000000000000000\","
                          "\"repository\":{\"full_name\":\"octo/hello\",\"private\":false},"
                          "\"commits\":[{\"id\":\"abc\",\"message\":\"Fix \\\"quotes\\\" and spaces\"}]}");
        QTest::newRow("gitlab hook event") << "gitlab_hook_events.json" << 0 << "argo" << "gitlab"
                                           << QByteArray("X-Gitlab-Event") << QByteArray("Push Hook")
                                           << QByteArray("{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}");
        QTest::newRow("gitlab bare payload") << "gitlab_push_payload.json" << 0 << "argo" << "gitlab-default"
                                             << QByteArray("X-Gitlab-Event") << QByteArray("Push Hook")
                                             << QByteArray("{\"object_kind\":\"push\",\"event_name\":\"push\",\"ref\":"
                                                           "\"refs/heads/main\",\"project\":{\"path_with_namespace\":"
                                                           "\"group/proj\"},\"total_commits_count\":1}");
    }
    void records()
    {
        QFETCH(QString, file);
        QFETCH(int, index);
        QFETCH(QString, ns);
        QFETCH(QString, d);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, body);
        const ImportResult r = importFile(file, QStringLiteral("auto"));
        QVERIFY2(index < r.records.size(), qPrintable(skippedText(r)));
        const CaptureRecord &rec = r.records[index];
        QCOMPARE(rec.ns, ns);
        QCOMPARE(rec.discriminator, d);
        if (!header.isEmpty())
            QCOMPARE(headerValue(rec.headers, header), value);
        QCOMPARE(rec.body, body);
        QVERIFY(rec.time.isValid());
        // Transport headers are never kept.
        QVERIFY(!hasHeader(rec.headers, "Host"));
        QVERIFY(!hasHeader(rec.headers, "Content-Length"));
        QVERIFY(!hasHeader(rec.headers, ":authority"));
    }

    void specifics()
    {
        // curl -H 'Content-Type:' removed the default content type.
        const ImportResult awk = importFile(QStringLiteral("awkward.sh"), QStringLiteral("curl"));
        QVERIFY(!hasHeader(awk.records[5].headers, "Content-Type"));
        // Skips carry positions: the unterminated quote is on line 27, at its opening quote.
        bool found = false;
        for (const auto &s : awk.skipped) {
            if (s.reason.contains(QLatin1String("unterminated single quote"))) {
                QCOMPARE(s.line, 27);
                QCOMPARE(s.column, 54);
                found = true;
            }
        }
        QVERIFY2(found, qPrintable(skippedText(awk)));
        // HAR times keep their offset; the journal's nanoseconds are read (to the millisecond).
        const ImportResult har = importFile(QStringLiteral("browser.har"), QStringLiteral("har"));
        QCOMPARE(har.records[0].time, QDateTime::fromString(QStringLiteral("2024-03-05T10:15:30.123Z"), Qt::ISODateWithMs));
        const ImportResult nd = importFile(QStringLiteral("journal.ndjson"), QStringLiteral("ndjson"));
        QCOMPARE(nd.records[0].time.toMSecsSinceEpoch() % 1000, 123);
        // The outcome line completed the event with id e1.
        QVERIFY(nd.records[0].outcome.has_value());
        QCOMPARE(nd.records[0].outcome->value(QLatin1String("status")).toInt(), 200);
        // Raw HTTP positions: the garbage line and the short body.
        const ImportResult http = importFile(QStringLiteral("requests.http"), QStringLiteral("http"));
        QStringList reasons;
        for (const auto &s : http.skipped)
            reasons << QStringLiteral("%1:%2 %3").arg(s.line).arg(s.column).arg(s.reason);
        QVERIFY2(reasons.filter(QStringLiteral("not POST")).size() == 1, qPrintable(reasons.join(u'\n')));
        QVERIFY2(reasons.filter(QStringLiteral("expected a request line")).size() == 1, qPrintable(reasons.join(u'\n')));
        QVERIFY2(reasons.filter(QStringLiteral("Content-Length is 100 but only 2 bytes follow")).size() == 1,
                 qPrintable(reasons.join(u'\n')));
    }

    void unreadable_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("empty") << QByteArray("  \n") << "auto" << 1 << 1;
        QTest::newRow("unknown") << QByteArray("hello world\n") << "auto" << 1 << 1;
        QTest::newRow("broken har") << QByteArray("{\"log\": {\"entries\": [\n  {,}]}}") << "har" << 2 << 5; // Qt reports the byte after the bad one
        QTest::newRow("har without entries") << QByteArray("{\"log\": {}}") << "har" << 1 << 1;
        QTest::newRow("broken github") << QByteArray("[{\"request\":") << "github" << 1 << 13;
    }
    void unreadable()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, format);
        QFETCH(int, line);
        QFETCH(int, column);
        const ImportResult r = importCapture(input, *captureFormatFromName(format));
        QVERIFY(r.unreadable);
        QVERIFY(r.records.isEmpty());
        QCOMPARE(r.skipped.size(), 1);
        QCOMPARE(r.skipped[0].line, line);
        QCOMPARE(r.skipped[0].column, column);
    }

    void routes_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("d");
        QTest::newRow("trailing slash") << "https://h:2746/api/v1/events/argo/" << true << "argo" << "";
        QTest::newRow("discriminator") << "http://h/api/v1/events/argo/x?y=1#f" << true << "argo" << "x";
        QTest::newRow("scheme-less") << "localhost:2746/api/v1/events/a/b" << true << "a" << "b";
        QTest::newRow("path only") << "/api/v1/events/a/b" << true << "a" << "b";
        QTest::newRow("encoded char") << "http://h/api/v1/events/a/b%20c" << true << "a" << "b c";
        QTest::newRow("no slash") << "http://h/api/v1/events/argo" << false << "" << "";
        QTest::newRow("too deep") << "http://h/api/v1/events/a/b/c" << false << "" << "";
        QTest::newRow("encoded slash") << "http://h/api/v1/events/a/b%2Fc" << false << "" << "";
        QTest::newRow("empty namespace") << "http://h/api/v1/events//b" << false << "" << "";
        QTest::newRow("verb") << "http://h/api/v1/events/a/b:c" << false << "" << "";
        QTest::newRow("other api") << "http://h/api/v1/workflows/a" << false << "" << "";
    }
    void routes()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        QFETCH(QString, ns);
        QFETCH(QString, d);
        QString why;
        const auto route = eventRouteFromUrl(url, &why);
        QCOMPARE(route.has_value(), ok);
        if (ok) {
            QCOMPARE(route->ns, ns);
            QCOMPARE(route->discriminator, d);
        } else {
            QVERIFY(!why.isEmpty());
        }
    }

    // The shell tokenizer on its own, for the quoting cases other importers get wrong.
    void shellWords_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("windows");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("mixed quoting") << QByteArray("a'b'\"c\"$'d\\n'e") << false << QStringList{QStringLiteral("abc"
                                                                                                                  "d\ne")};
        QTest::newRow("continuation") << QByteArray("a \\\n  b\\\r\nc") << false << QStringList{QStringLiteral("a"),
                                                                                                QStringLiteral("bc")};
        QTest::newRow("escaped space") << QByteArray("a\\ b") << false << QStringList{QStringLiteral("a b")};
        QTest::newRow("double quote keeps other backslashes") << QByteArray("\"\\n\\$\"") << false
                                                             << QStringList{QStringLiteral("\\n$")};
        QTest::newRow("empty quotes are a word") << QByteArray("a '' b") << false
                                                 << QStringList{QStringLiteral("a"), QString(), QStringLiteral("b")};
        QTest::newRow("hash inside a word") << QByteArray("a#b #c") << false << QStringList{QStringLiteral("a#b")};
        QTest::newRow("cmd caret") << QByteArray("a^ b ^\"c d^\" ^%x") << true
                                   << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c d"),
                                                  QStringLiteral("%x")};
        QTest::newRow("cmd msvcrt backslashes") << QByteArray("\"a\\\\\" \"b\\\"c\"") << true
                                                << QStringList{QStringLiteral("a\\"), QStringLiteral("b\"c")};
        QTest::newRow("cmd continuation") << QByteArray("a ^\r\n b") << true
                                          << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    }
    void shellWords()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, windows);
        QFETCH(QStringList, words);
        const auto commands = splitShellCommands(text, windows);
        QCOMPARE(commands.size(), 1);
        QStringList got;
        for (const auto &w : commands[0].words)
            got << QString::fromUtf8(w.text);
        QCOMPARE(got, words);
    }
};

BINDERY_TEST_MAIN(TestCaptureImport)
#include "test_capture_import.moc"
