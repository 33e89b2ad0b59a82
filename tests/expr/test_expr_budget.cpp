// SPDX-License-Identifier: Apache-2.0
// Runaway expressions end with an error: expr's memory budget and Bindery's step budget.
#include "bindery_test.h"
#include "expr_test_util.h"

using namespace bindery::expr;
using namespace bindery::expr::test;

class TestExprBudget : public QObject
{
    Q_OBJECT

private slots:
    void memoryBudget_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("range") << QStringLiteral("map(1..2000000, #)") << QByteArray("ERR: memory budget exceeded (1:6)");
        QTest::newRow("huge range") << QStringLiteral("len(1..1000000000)") << QByteArray("ERR: memory budget exceeded (1:6)");
        QTest::newRow("repeat") << QStringLiteral("repeat(\"a\", 2000000)") << QByteArray("ERR: memory budget exceeded (1:1)");
        QTest::newRow("map of range") << QStringLiteral("len(concat(map(1..600000, #), map(1..600000, #)))") << QByteArray("ERR: memory budget exceeded");
    }
    void memoryBudget()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        const QByteArray got = firstLine(outcome(source.toStdString(), env()));
        QVERIFY2(got.startsWith(expected), got.constData());
    }

    void stepBudget()
    {
        CompileResult c = compile("all(1..900, { let x = #; all(1..900, # != x || true) })", env());
        QVERIFY(c.ok());
        RunOptions options;
        options.stepBudget = 10000;
        RunResult r = c.program()->run(env(), options);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message(), std::string("step budget exceeded"));
        // The same program finishes with the default budget.
        QVERIFY(c.program()->run(env()).ok());
    }

    void customMemoryBudget()
    {
        CompileResult c = compile("1..100", env());
        QVERIFY(c.ok());
        RunOptions options;
        options.memoryBudget = 50;
        QVERIFY(!c.program()->run(env(), options).ok());
        options.memoryBudget = 1000;
        QVERIFY(c.program()->run(env(), options).ok());
    }
};

BINDERY_TEST_MAIN(TestExprBudget)
#include "test_expr_budget.moc"
