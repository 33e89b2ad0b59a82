// SPDX-License-Identifier: Apache-2.0
// The checker types the environment's top-level values as expr.Env(env) does, so the same
// selector compiles on one payload shape and fails on another (LANGUAGE.md §0, §5, §9).
#include "bindery_test.h"
#include "expr_test_util.h"

using namespace bindery::expr;
using namespace bindery::expr::test;

class TestExprChecker : public QObject
{
    Q_OBJECT

private slots:
    void compileErrors_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("null payload") << QStringLiteral("null") << QStringLiteral("payload.message != \"\"") << QByteArray("type nil has no field message (1:9)");
        QTest::newRow("array payload") << QStringLiteral("[1]") << QStringLiteral("payload.message") << QByteArray("array elements can only be selected using an integer (got string) (1:9)");
        QTest::newRow("string payload") << QStringLiteral("\"s\"") << QStringLiteral("payload.message") << QByteArray("type string has no field message (1:9)");
        QTest::newRow("typed mismatch") << QStringLiteral("{}") << QStringLiteral("discriminator == 1") << QByteArray("invalid operation: == (mismatched types string and int) (1:15)");
        QTest::newRow("unknown name") << QStringLiteral("{}") << QStringLiteral("nope") << QByteArray("unknown name nope (1:1)");
        QTest::newRow("unknown $env name") << QStringLiteral("{}") << QStringLiteral("$env.nope") << QByteArray("unknown name nope (1:6)");
        QTest::newRow("not binds tight") << QStringLiteral("{}") << QStringLiteral("not 1 == 2") << QByteArray("invalid operation: not (mismatched type int) (1:1)");
        QTest::newRow("unary minus string") << QStringLiteral("{}") << QStringLiteral("-namespace") << QByteArray("invalid operation: - (mismatched type string) (1:1)");
        QTest::newRow("nil plus") << QStringLiteral("{}") << QStringLiteral("nil + 1") << QByteArray("invalid operation: + (mismatched types unknown and int) (1:5)");
        QTest::newRow("mod float") << QStringLiteral("{}") << QStringLiteral("7.0 % 2") << QByteArray("invalid operation: % (mismatched types float64 and int) (1:5)");
        QTest::newRow("mod zero") << QStringLiteral("{}") << QStringLiteral("5 % 0") << QByteArray("integer divide by zero (1:3)");
        QTest::newRow("regexp") << QStringLiteral("{}") << QStringLiteral("namespace matches \"[\"") << QByteArray("error parsing regexp: missing closing ]: `[` (1:11)");
        QTest::newRow("redeclare env") << QStringLiteral("{}") << QStringLiteral("let payload = 1; payload") << QByteArray("cannot redeclare payload (1:5)");
        QTest::newRow("redeclare builtin") << QStringLiteral("{}") << QStringLiteral("let len = 1; len") << QByteArray("cannot redeclare builtin len (1:5)");
        QTest::newRow("redeclare variable") << QStringLiteral("{}") << QStringLiteral("let x = 1; let x = 2; x") << QByteArray("cannot redeclare variable x (1:16)");
        QTest::newRow("#acc outside reduce") << QStringLiteral("{}") << QStringLiteral("map([1], #acc)") << QByteArray("unknown pointer #acc (1:10)");
        QTest::newRow("#index in filter") << QStringLiteral("{}") << QStringLiteral("filter([1], #index > 0)") << QByteArray("unknown pointer #index (1:13)");
        QTest::newRow("len arity") << QStringLiteral("{}") << QStringLiteral("len()") << QByteArray("invalid number of arguments (expected 1, got 0) (1:1)");
        QTest::newRow("len nil") << QStringLiteral("{}") << QStringLiteral("len(nil)") << QByteArray("invalid argument for len (type %!s(<nil>)) (1:1)");
        QTest::newRow("typed builtin") << QStringLiteral("{}") << QStringLiteral("upper(1)") << QByteArray("cannot use int as argument (type string) to call upper  (1:7)");
        QTest::newRow("too many") << QStringLiteral("{}") << QStringLiteral("string(1, 2)") << QByteArray("too many arguments to call string (1:1)");
        QTest::newRow("not enough") << QStringLiteral("{}") << QStringLiteral("trim()") << QByteArray("not enough arguments to call trim (1:1)");
        QTest::newRow("non-bool condition") << QStringLiteral("{}") << QStringLiteral("namespace ? 1 : 2") << QByteArray("non-bool expression (type string) used as condition (1:1)");
        QTest::newRow("predicate on string") << QStringLiteral("{}") << QStringLiteral("all(namespace, true)") << QByteArray("builtin all takes only array (got string) (1:5)");
    }
    void compileErrors()
    {
        QFETCH(QString, payload);
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        CompileResult c = compile(source.toStdString(), env(payload.toStdString()));
        QVERIFY(!c.ok());
        QCOMPARE(firstLine(QByteArray::fromStdString(c.error().format())), expected);
    }

    void unknownNaturesDeferToRunTime_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        // payload.* is interface{}: type errors surface at run time, or not at all.
        QTest::newRow("payload compare") << QStringLiteral("payload.s == 1") << QByteArray("false");
        QTest::newRow("$env optional") << QStringLiteral("$env?.nope") << QByteArray("null");
        QTest::newRow("$env index") << QStringLiteral("$env[\"payload\"].s") << QByteArray("\"x\"");
        QTest::newRow("optimizer nil in list") << QStringLiteral("payload.nul in [\"\", \"x\"]") << QByteArray("true");
        QTest::newRow("optimizer and true") << QStringLiteral("payload.s && true") << QByteArray("\"x\"");
        QTest::newRow("optimizer or false") << QStringLiteral("payload.nul || false") << QByteArray("null");
        QTest::newRow("optimizer or true") << QStringLiteral("payload.nul || true") << QByteArray("true");
    }
    void unknownNaturesDeferToRunTime()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        QCOMPARE(outcome(source.toStdString(), env("{\"s\": \"x\", \"nul\": null}")), expected);
    }

    void sameSelectorDifferentShapes()
    {
        const std::string selector = "payload.message != \"\"";
        QVERIFY(compile(selector, env("{\"message\": \"hi\"}")).ok());
        QVERIFY(compile(selector, env("{}")).ok());
        QVERIFY(!compile(selector, env("null")).ok());
        QVERIFY(!compile(selector, env("[1, 2]")).ok());
    }
};

BINDERY_TEST_MAIN(TestExprChecker)
#include "test_expr_checker.moc"
