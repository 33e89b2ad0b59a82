// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "bindery_version.h"
#include "cli_runner.h"

using bindery::test::runCli;

class TestCliContract : public QObject
{
    Q_OBJECT
private slots:
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("stdoutContains");
        QTest::addColumn<QByteArray>("stderrContains");
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << 0 << QByteArray("Usage: bindery-cli")
                                << QByteArray();
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << 0
                                   << QByteArray("bindery-cli " BINDERY_VERSION_STRING) << QByteArray();
        QTest::newRow("no arguments") << QStringList{} << 2 << QByteArray() << QByteArray("Usage: bindery-cli");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << QByteArray()
                                         << QByteArray("unknown command 'frobnicate'");
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, stdoutContains);
        QFETCH(QByteArray, stderrContains);
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.out.contains(stdoutContains), r.out.constData());
        QVERIFY2(r.err.contains(stderrContains), r.err.constData());
    }
};

BINDERY_TEST_MAIN(TestCliContract)
#include "test_cli_contract.moc"
