// SPDX-License-Identifier: Apache-2.0
// `bindery-cli test` end to end on a copy of the example workspace: the shipped suite passes, a
// selector regression fails with a diff and exit 1, --update freezes outcomes, --junit writes XML,
// a malformed test file is a usage error with its position.
#include "bindery_test.h"
#include "cli_runner.h"

#include <QDirIterator>
#include <QTemporaryDir>

using bindery::test::runCli;

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = QDir(to).filePath(QDir(from).relativeFilePath(src));
        QDir().mkpath(QFileInfo(dst).absolutePath());
        if (!QFile::copy(src, dst))
            return false;
    }
    return true;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

} // namespace

class TestCliTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString ws() const { return m_dir.filePath(QStringLiteral("ws")); }

private slots:
    void init()
    {
        QDir(ws()).removeRecursively();
        QVERIFY(copyTree(QStringLiteral(BINDERY_SOURCE_DIR_FOR_TESTS "/resources/example-workspace"), ws()));
    }

    void exampleSuitePasses()
    {
        const auto r = runCli({QStringLiteral("test"), ws()});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains("PASS tests/examples.yaml::hello world submits event-consumer with the appellation"));
        QVERIFY(r.out.contains(" passed, 0 failed"));
    }

    void selectorRegressionFailsWithADiff()
    {
        const QString binding = QDir(ws()).filePath(QStringLiteral("manifests/event-consumer.yaml"));
        QByteArray text = readAll(binding);
        QVERIFY(text.contains("selector: payload.appellation != \"\""));
        text.replace("selector: payload.appellation != \"\"", "selector: payload.appellation == \"\"");
        writeAll(binding, text);
        const QString junit = m_dir.filePath(QStringLiteral("junit.xml"));
        const auto r = runCli({QStringLiteral("test"), ws(), QStringLiteral("--junit"), junit});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("FAIL tests/examples.yaml:"), r.out.constData());
        QVERIFY2(r.out.contains("binding event-consumer: expected to fire, got not matched"), r.out.constData());
        QVERIFY2(r.out.contains("why: event-consumer: selector `payload.appellation == \"\"` → not matched"), r.out.constData());
        QVERIFY2(r.out.contains("payload.appellation → \"world\""), r.out.constData());
        const QByteArray xml = readAll(junit);
        QVERIFY(xml.contains("<testsuite name=\"tests/examples.yaml\""));
        QVERIFY(xml.contains("<failure message=\"binding event-consumer: expected to fire"));
    }

    void filterSelectsCases()
    {
        const auto r = runCli({QStringLiteral("test"), ws(), QStringLiteral("--filter"), QStringLiteral("*ping*")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("1 passed, 0 failed"), r.out.constData());
    }

    void updateFreezesActualOutcomes()
    {
        const QString suite = QDir(ws()).filePath(QStringLiteral("tests/examples.yaml"));
        QByteArray text = readAll(suite);
        text.replace("parameters: {appellation: world}", "parameters: {appellation: moon}");
        writeAll(suite, text);
        QCOMPARE(runCli({QStringLiteral("test"), ws()}).exitCode, 1);
        const auto updated = runCli({QStringLiteral("test"), ws(), QStringLiteral("--update")});
        QVERIFY2(updated.exitCode == 0, QByteArray(updated.out + updated.err).constData());
        QVERIFY(updated.out.contains("UPDATE tests/examples.yaml::hello world"));
        QVERIFY(readAll(suite).contains("appellation: \"world\""));
        QCOMPARE(runCli({QStringLiteral("test"), ws()}).exitCode, 0);
    }

    void malformedFileIsAUsageErrorWithPosition()
    {
        writeAll(QDir(ws()).filePath(QStringLiteral("tests/bad.yaml")), "cases:\n  - event: hello-world\n    expect: {status: ok}\n");
        const auto r = runCli({QStringLiteral("test"), ws()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("tests/bad.yaml:3:"), r.err.constData());
        QVERIFY(r.err.contains("status must be an HTTP status code"));
    }

    void loneFileWithManifests()
    {
        const QString dir = m_dir.filePath(QStringLiteral("lone"));
        QDir().mkpath(dir);
        QVERIFY(QFile::copy(QDir(ws()).filePath(QStringLiteral("manifests/event-consumer.yaml")),
                            QDir(dir).filePath(QStringLiteral("binding.yaml"))));
        writeAll(QDir(dir).filePath(QStringLiteral("t.yaml")),
                 "manifests: [binding.yaml]\n"
                 "cases:\n"
                 "  - name: inline\n"
                 "    event: {namespace: argo, discriminator: x, body: '{\"appellation\": \"you\"}'}\n"
                 "    expect: {fires: [event-consumer], workflows: [{parameters: {appellation: you}}]}\n");
        const auto r = runCli({QStringLiteral("test"), QDir(dir).filePath(QStringLiteral("t.yaml"))});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    }

    void usageErrors()
    {
        QCOMPARE(runCli({QStringLiteral("test"), QStringLiteral("--bogus")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("test"), m_dir.filePath(QStringLiteral("missing"))}).exitCode, 2);
        const auto help = runCli({QStringLiteral("test"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--junit FILE"));
    }
};

BINDERY_TEST_MAIN(TestCliTest)
#include "test_cli_test.moc"
