// SPDX-License-Identifier: Apache-2.0
// The builtin functions of expr v1.17.8 (LANGUAGE.md §7).
#include "bindery_test.h"
#include "expr_test_util.h"

using namespace bindery::expr;
using namespace bindery::expr::test;

class TestExprBuiltins : public QObject
{
    Q_OBJECT

private slots:
    void builtins_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("trim") << QStringLiteral("trim(\"  a \")") << QByteArray("\"a\"");
        QTest::newRow("trim cutset") << QStringLiteral("trim(\"xxaxx\", \"x\")") << QByteArray("\"a\"");
        QTest::newRow("trimPrefix") << QStringLiteral("trimPrefix(\"refs/heads/main\", \"refs/heads/\")") << QByteArray("\"main\"");
        QTest::newRow("trimSuffix default") << QStringLiteral("trimSuffix(\"a \")") << QByteArray("\"a\"");
        QTest::newRow("upper unicode") << QStringLiteral("upper(\"héllo\")") << QByteArray("\"HÉLLO\"");
        QTest::newRow("lower") << QStringLiteral("lower(\"ABC\")") << QByteArray("\"abc\"");
        QTest::newRow("split") << QStringLiteral("split(\"a/b/c\", \"/\")") << QByteArray("[\"a\",\"b\",\"c\"]");
        QTest::newRow("split n") << QStringLiteral("split(\"a/b/c\", \"/\", 2)") << QByteArray("[\"a\",\"b/c\"]");
        QTest::newRow("splitAfter") << QStringLiteral("splitAfter(\"a/b\", \"/\")") << QByteArray("[\"a/\",\"b\"]");
        QTest::newRow("replace") << QStringLiteral("replace(\"aaa\", \"a\", \"b\")") << QByteArray("\"bbb\"");
        QTest::newRow("replace n") << QStringLiteral("replace(\"aaa\", \"a\", \"b\", 2)") << QByteArray("\"bba\"");
        QTest::newRow("repeat") << QStringLiteral("repeat(\"ab\", 2)") << QByteArray("\"abab\"");
        QTest::newRow("join") << QStringLiteral("join([\"a\", \"b\"], \",\")") << QByteArray("\"a,b\"");
        QTest::newRow("indexOf bytes") << QStringLiteral("indexOf(\"héllo\", \"l\")") << QByteArray("3");
        QTest::newRow("lastIndexOf") << QStringLiteral("lastIndexOf(\"abab\", \"b\")") << QByteArray("3");
        QTest::newRow("hasPrefix") << QStringLiteral("hasPrefix(\"abc\", \"ab\")") << QByteArray("true");
        QTest::newRow("abs") << QStringLiteral("abs(-3)") << QByteArray("3");
        QTest::newRow("ceil") << QStringLiteral("ceil(1.2)") << QByteArray("2");
        QTest::newRow("round half away") << QStringLiteral("round(-2.5)") << QByteArray("-3");
        QTest::newRow("max") << QStringLiteral("max(1, [5, 2], 3)") << QByteArray("5");
        QTest::newRow("min empty") << QStringLiteral("min([])") << QByteArray("null");
        QTest::newRow("mean") << QStringLiteral("mean([1, 2])") << QByteArray("1.5");
        QTest::newRow("median") << QStringLiteral("median([3, 1, 2, 4])") << QByteArray("2.5");
        QTest::newRow("int") << QStringLiteral("int(\"42\") + int(2.9)") << QByteArray("44");
        QTest::newRow("int huge") << QStringLiteral("int(1e20)") << QByteArray("-9223372036854775808");
        QTest::newRow("float") << QStringLiteral("float(\"1.5\")") << QByteArray("1.5");
        QTest::newRow("string") << QStringLiteral("string([1, 2.5, nil])") << QByteArray("\"[1 2.5 \\u003cnil\\u003e]\"");
        QTest::newRow("string map") << QStringLiteral("string({\"b\": 1, \"a\": \"x\"})") << QByteArray("\"map[a:x b:1]\"");
        QTest::newRow("type") << QStringLiteral("[type(1), type(1.0), type(\"\"), type(nil), type([]), type({})]") << QByteArray("[\"int\",\"float\",\"string\",\"nil\",\"array\",\"map\"]");
        QTest::newRow("toJSON") << QStringLiteral("toJSON({\"a\": \"<b>\"})") << QByteArray("\"{\\n  \\\"a\\\": \\\"\\\\u003cb\\\\u003e\\\"\\n}\"");
        QTest::newRow("fromJSON") << QStringLiteral("fromJSON(\"{\\\"a\\\": [1]}\").a[0]") << QByteArray("1");
        QTest::newRow("base64") << QStringLiteral("fromBase64(toBase64(\"hello!?\"))") << QByteArray("\"hello!?\"");
        QTest::newRow("toBase64") << QStringLiteral("toBase64(\"ab\")") << QByteArray("\"YWI=\"");
        QTest::newRow("first last") << QStringLiteral("[first([1, 2]), last([1, 2]), first([])]") << QByteArray("[1,2,null]");
        QTest::newRow("get") << QStringLiteral("[get([1], 5), get({\"a\": 1}, \"a\"), get(nil, 1)]") << QByteArray("[null,1,null]");
        QTest::newRow("keys sorted") << QStringLiteral("sort(keys({\"b\": 1, \"a\": 2}))") << QByteArray("[\"a\",\"b\"]");
        QTest::newRow("toPairs") << QStringLiteral("toPairs({\"a\": 1})") << QByteArray("[[\"a\",1]]");
        QTest::newRow("fromPairs") << QStringLiteral("fromPairs([[\"a\", 1]])") << QByteArray("{\"a\":1}");
        QTest::newRow("take reverse") << QStringLiteral("reverse(take([1, 2, 3], 2))") << QByteArray("[2,1]");
        QTest::newRow("uniq") << QStringLiteral("uniq([1, 1.0, \"1\"])") << QByteArray("[1,\"1\"]");
        QTest::newRow("concat flatten") << QStringLiteral("flatten(concat([1], [[2, [3]]]))") << QByteArray("[1,2,3]");
        QTest::newRow("sort desc") << QStringLiteral("sort([2, 3, 1], \"desc\")") << QByteArray("[3,2,1]");
        QTest::newRow("bits") << QStringLiteral("[bitand(6, 3), bitor(4, 1), bitxor(5, 1), bitnand(7, 2), bitnot(0), bitshl(1, 3), bitshr(-8, 1), bitushr(8, 1)]") << QByteArray("[2,5,4,5,-1,8,-4,4]");
        QTest::newRow("duration") << QStringLiteral("duration(\"1h30m\")") << QByteArray("5400000000000");
        QTest::newRow("date") << QStringLiteral("date(\"2024-05-01\")") << QByteArray("\"2024-05-01T00:00:00Z\"");
        QTest::newRow("date method") << QStringLiteral("date(\"2024-05-01\").Year()") << QByteArray("2024");
        QTest::newRow("date arithmetic") << QStringLiteral("date(\"2024-05-02\") - date(\"2024-05-01\") == duration(\"24h\")") << QByteArray("true");
        QTest::newRow("now type") << QStringLiteral("type(now())") << QByteArray("\"time.Time\"");
    }
    void builtins()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        QCOMPARE(outcome(source.toStdString(), env()), expected);
    }

    void builtinErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("repeat negative") << QStringLiteral("repeat(\"a\", -1)") << QByteArray("invalid argument for repeat (expected positive integer, got -1)");
        QTest::newRow("int of text") << QStringLiteral("int(\"abc\")") << QByteArray("invalid operation: int(abc)");
        QTest::newRow("upper float") << QStringLiteral("upper(payload.n)") << QByteArray("interface conversion: interface {} is float64, not string");
        QTest::newRow("bit float") << QStringLiteral("bitand(payload.n, 1)") << QByteArray("cannot use float64 as argument (type int) to call bitand");
        QTest::newRow("negative shift") << QStringLiteral("bitshl(1, -1)") << QByteArray("invalid operation: negative shift count -1 (type int)");
        QTest::newRow("sort mixed") << QStringLiteral("sort([1, \"a\"])") << QByteArray("invalid operation: string < int");
        QTest::newRow("sort order") << QStringLiteral("sort([1], \"up\")") << QByteArray("invalid order up, expected asc or desc");
        QTest::newRow("sortBy order") << QStringLiteral("sortBy([1], #, \"up\")") << QByteArray("unknown order, use asc or desc");
        QTest::newRow("duration") << QStringLiteral("duration(\"bogus\")") << QByteArray("time: invalid duration \"bogus\"");
        QTest::newRow("date") << QStringLiteral("date(\"bogus\")") << QByteArray("invalid date bogus");
        QTest::newRow("len number") << QStringLiteral("len(payload.n)") << QByteArray("invalid argument for len (type float64)");
        QTest::newRow("fromBase64") << QStringLiteral("fromBase64(\"!!\")") << QByteArray("illegal base64 data at input byte 0");
    }
    void builtinErrors()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        const QByteArray got = firstLine(outcome(source.toStdString(), env("{\"n\": 1}")));
        QVERIFY2(got.startsWith(QByteArray("ERR: ").append(expected)), got.constData());
    }
};

BINDERY_TEST_MAIN(TestExprBuiltins)
#include "test_expr_builtins.moc"
