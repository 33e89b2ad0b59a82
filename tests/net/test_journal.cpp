// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "http_test_client.h"
#include "net/journal.h"

#include <QHash>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <atomic>
#include <mutex>
#include <thread>

#include <csignal>

using namespace bindery::net;
using bindery::test::HttpTestClient;
using bindery::test::post;

namespace {

// Starts `bindery-cli serve` and waits for its "listening on" line; returns the port (0: failed).
quint16 startServe(QProcess &p, const QStringList &args, QByteArray *log)
{
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(QStringLiteral(BINDERY_CLI_PATH), QStringList{QStringLiteral("serve")} + args);
    if (!p.waitForStarted(10000))
        return 0;
    static const QRegularExpression re(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    p.setReadChannel(QProcess::StandardError);
    while (p.waitForReadyRead(20000) || p.bytesAvailable()) {
        *log += p.readAllStandardError();
        const auto m = re.match(QString::fromUtf8(*log));
        if (m.hasMatch())
            return static_cast<quint16>(m.captured(1).toUInt());
        if (p.state() != QProcess::Running)
            break;
    }
    return 0;
}

struct JournalContents {
    QHash<QString, QByteArray> bodyById;
    QHash<QString, int> outcomesById;
};

JournalContents readJournal(const QString &path)
{
    JournalContents c;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return c;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        const auto r = CaptureRecord::fromNdjsonLine(line);
        if (!r)
            continue;
        if (r->kind == CaptureRecord::Kind::Outcome)
            c.outcomesById[r->id] += 1;
        else
            c.bodyById.insert(r->id, r->body);
    }
    return c;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT
private slots:
    void reopenFindsUnprocessed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.ndjson"));
        QString error;
        {
            auto j = Journal::open(path, &error);
            QVERIFY2(j, qPrintable(error));
            CaptureRecord a, b, c;
            a.ns = b.ns = c.ns = QStringLiteral("argo");
            a.body = "1";
            b.body = "2";
            c.body = "3";
            QVERIFY(j->appendEvent(a));
            QVERIFY(j->appendEvent(b));
            QVERIFY(j->appendEvent(c));
            QVERIFY(a.id != b.id);
            QVERIFY(j->appendOutcome(b.id, QJsonObject{{QStringLiteral("ok"), true}}));
        }
        {
            QFile f(path); // a torn last line, as a kill in the middle of a write leaves it
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"namespace\":\"argo\",\"bo");
        }
        auto j = Journal::open(path, &error);
        QVERIFY(j);
        QCOMPARE(j->unprocessed().size(), 2);
        QCOMPARE(j->unprocessed()[0].body, QByteArray("1"));
        QCOMPARE(j->unprocessed()[1].body, QByteArray("3"));
        QCOMPARE(j->skippedLines(), 1);
        CaptureRecord d;
        d.ns = QStringLiteral("argo");
        QVERIFY(j->appendEvent(d));
        j.reset();
        auto again = Journal::open(path, &error);
        QCOMPARE(again->unprocessed().size(), 3); // the new line starts on its own line
        QCOMPARE(again->skippedLines(), 1);
    }

    void unwritableJournal()
    {
        QString error;
        QVERIFY(!Journal::open(QStringLiteral("/nonexistent-dir/j.ndjson"), &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/j.ndjson")));
    }

    // Kills a real server process in the middle of a load and proves that every acknowledged event
    // is in the journal and is processed, exactly once, by the next start.
    void killMidLoadLosesNothing()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("journal.ndjson"));
        QProcess server;
        QByteArray log;
        const quint16 port = startServe(server, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--async"),
                                                 QStringLiteral("--queue-size"), QStringLiteral("100000"), QStringLiteral("--workers"),
                                                 QStringLiteral("1"), QStringLiteral("--dispatch-delay-ms"), QStringLiteral("5"),
                                                 QStringLiteral("--journal"), journal, QStringLiteral("--quiet")},
                                        &log);
        QVERIFY2(port, log.constData());

        std::mutex mutex;
        QSet<int> acknowledged;
        std::atomic<int> ackCount{0};
        std::atomic<int> next{0};
        std::vector<std::thread> clients;
        for (int t = 0; t < 4; ++t) {
            clients.emplace_back([&, port] {
                HttpTestClient client(port);
                for (;;) {
                    const int n = next.fetch_add(1);
                    const auto r = client.roundTrip(post("/api/v1/events/argo/", "{\"n\":" + QByteArray::number(n) + "}"));
                    if (!r)
                        return; // the server died
                    if (r->status == 200) {
                        std::lock_guard lock(mutex);
                        acknowledged.insert(n);
                        ++ackCount;
                    }
                }
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(ackCount.load() >= 400, 30000);
        ::kill(static_cast<pid_t>(server.processId()), SIGKILL); // no chance to drain or flush anything
        QVERIFY(server.waitForFinished(10000));
        for (auto &c : clients)
            c.join();

        const JournalContents before = readJournal(journal);
        QSet<int> journaled;
        for (const QByteArray &body : before.bodyById) {
            const QJsonDocument d = QJsonDocument::fromJson(body);
            journaled.insert(d.object().value(QStringLiteral("n")).toInt());
        }
        for (int n : std::as_const(acknowledged))
            QVERIFY2(journaled.contains(n), qPrintable(QStringLiteral("acknowledged event %1 is not in the journal").arg(n)));
        int unprocessed = 0;
        for (auto it = before.bodyById.cbegin(); it != before.bodyById.cend(); ++it)
            unprocessed += before.outcomesById.value(it.key()) == 0 ? 1 : 0;
        QVERIFY2(unprocessed > 0, "the kill came after the queue had drained: nothing was tested");

        QProcess restarted;
        QByteArray log2;
        QVERIFY2(startServe(restarted, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--journal"),
                                        journal, QStringLiteral("--quiet")},
                            &log2),
                 log2.constData());
        QVERIFY2(log2.contains(QStringLiteral("re-dispatched %1 unprocessed journal entries").arg(unprocessed).toUtf8()), log2.constData());
        restarted.terminate(); // SIGTERM: clean shutdown
        QVERIFY(restarted.waitForFinished(10000));
        QCOMPARE(restarted.exitStatus(), QProcess::NormalExit);
        QCOMPARE(restarted.exitCode(), 0);

        const JournalContents after = readJournal(journal);
        for (auto it = after.bodyById.cbegin(); it != after.bodyById.cend(); ++it)
            QCOMPARE(after.outcomesById.value(it.key()), 1); // processed exactly once
        QString error;
        QCOMPARE(Journal::open(journal, &error)->unprocessed().size(), 0);
    }
};

BINDERY_TEST_MAIN(TestJournal)
#include "test_journal.moc"
