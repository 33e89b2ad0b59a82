// SPDX-License-Identifier: Apache-2.0
// Run-time semantics of Go's expr (LANGUAGE.md §3-§6): JSON numbers are float64, int wrap-around,
// `/` always float, deep equality, nil handling, byte indexing, short-circuits, predicates.
#include "bindery_test.h"
#include "expr_test_util.h"

using namespace bindery::expr;
using namespace bindery::expr::test;

namespace {
const char *kPayload = "{\"int\": 1, \"float\": 2.5, \"nul\": null, \"s\": \"abc\", \"b\": true, \"f\": false, "
                       "\"list\": [1, 2, 3], \"obj\": {\"a\": 1, \"b\": {\"c\": [10, 20]}}, \"unicode\": \"héllo\", "
                       "\"items\": [{\"n\": 3, \"name\": \"a\"}, {\"n\": 1, \"name\": \"b\"}], \"mixed\": [1, \"1\", true, null]}";
const char *kMeta = "{\"x-one\": [\"1\"], \"x-multi\": [\"a\", \"b\"]}";
} // namespace

class TestExprEval : public QObject
{
    Q_OBJECT

private slots:
    void values_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("json number float") << QStringLiteral("type(payload.int)") << QByteArray("\"float\"");
        QTest::newRow("div float") << QStringLiteral("7 / 2") << QByteArray("3.5");
        QTest::newRow("div zero") << QStringLiteral("1 / 0") << QByteArray("\"+Inf\"");
        QTest::newRow("int wrap") << QStringLiteral("9223372036854775807 + 1") << QByteArray("-9223372036854775808");
        QTest::newRow("int mul wrap") << QStringLiteral("9223372036854775807 * 2") << QByteArray("-2");
        QTest::newRow("mod sign") << QStringLiteral("-7 % 3") << QByteArray("-1");
        QTest::newRow("mixed arith") << QStringLiteral("payload.int + 1") << QByteArray("2");
        QTest::newRow("num eq across types") << QStringLiteral("payload.int == 1") << QByteArray("true");
        QTest::newRow("list eq coerces") << QStringLiteral("payload.list == [1, 2, 3]") << QByteArray("true");
        QTest::newRow("metadata eq") << QStringLiteral("metadata[\"x-one\"] == [\"1\"]") << QByteArray("true");
        QTest::newRow("metadata eq int") << QStringLiteral("metadata[\"x-one\"] == [1]") << QByteArray("false");
        QTest::newRow("map eq strict") << QStringLiteral("payload.obj == {\"a\": 1, \"b\": {\"c\": [10, 20]}}") << QByteArray("false");
        QTest::newRow("map eq float") << QStringLiteral("payload.obj == {\"a\": 1.0, \"b\": {\"c\": [10.0, 20.0]}}") << QByteArray("true");
        QTest::newRow("nil eq") << QStringLiteral("payload.nul == nil") << QByteArray("true");
        QTest::newRow("nil ne false") << QStringLiteral("payload.nul == false") << QByteArray("false");
        QTest::newRow("missing key nil") << QStringLiteral("payload.missing") << QByteArray("null");
        QTest::newRow("byte index") << QStringLiteral("payload.unicode[1]") << QByteArray("195");
        QTest::newRow("rune len") << QStringLiteral("len(payload.unicode)") << QByteArray("5");
        QTest::newRow("byte slice") << QStringLiteral("payload.unicode[0:3]") << QByteArray("\"hé\"");
        QTest::newRow("neg index") << QStringLiteral("payload.list[-1]") << QByteArray("3");
        QTest::newRow("float index") << QStringLiteral("payload.list[1.9]") << QByteArray("2");
        QTest::newRow("slice clamp") << QStringLiteral("payload.list[10:]") << QByteArray("[]");
        QTest::newRow("and returns right") << QStringLiteral("true && payload.s") << QByteArray("\"abc\"");
        QTest::newRow("and short") << QStringLiteral("payload.f && payload.nul.x") << QByteArray("false");
        QTest::newRow("or returns right") << QStringLiteral("false || payload.s") << QByteArray("\"abc\"");
        QTest::newRow("coalesce false") << QStringLiteral("payload.f ?? true") << QByteArray("false");
        QTest::newRow("coalesce nil") << QStringLiteral("payload.nul ?? \"d\"") << QByteArray("\"d\"");
        QTest::newRow("in list") << QStringLiteral("payload.int in [1, 2]") << QByteArray("true");
        QTest::newRow("in map") << QStringLiteral("\"a\" in payload.obj") << QByteArray("true");
        QTest::newRow("in nil") << QStringLiteral("1 in payload.nul") << QByteArray("false");
        QTest::newRow("contains nil") << QStringLiteral("payload.nul contains \"x\"") << QByteArray("false");
        QTest::newRow("startsWith") << QStringLiteral("payload.s startsWith \"ab\"") << QByteArray("true");
        QTest::newRow("matches") << QStringLiteral("payload.s matches \"^a.c$\"") << QByteArray("true");
        QTest::newRow("string compare") << QStringLiteral("\"B\" < \"a\"") << QByteArray("true");
        QTest::newRow("range float") << QStringLiteral("1..payload.float") << QByteArray("[1,2]");
        QTest::newRow("empty range") << QStringLiteral("5..1") << QByteArray("[]");
        QTest::newRow("all") << QStringLiteral("all(payload.items, .n > 0)") << QByteArray("true");
        QTest::newRow("filter map") << QStringLiteral("map(filter(payload.items, .n > 1), .name)") << QByteArray("[\"a\"]");
        QTest::newRow("index pointer") << QStringLiteral("map(payload.list, #index)") << QByteArray("[0,1,2]");
        QTest::newRow("reduce") << QStringLiteral("reduce(payload.list, #acc + #, 10)") << QByteArray("16");
        QTest::newRow("find index nil") << QStringLiteral("findIndex(payload.list, # > 5)") << QByteArray("null");
        QTest::newRow("count no predicate") << QStringLiteral("count([true, false, true])") << QByteArray("2");
        QTest::newRow("sum ints") << QStringLiteral("sum([1, 2, 3])") << QByteArray("6");
        QTest::newRow("sum empty") << QStringLiteral("sum([])") << QByteArray("0");
        QTest::newRow("groupBy") << QStringLiteral("groupBy([1, 2, 3], # % 2 == 0)") << QByteArray("{\"false\":[1,3],\"true\":[2]}");
        QTest::newRow("sortBy desc") << QStringLiteral("map(sortBy(payload.items, .n, \"desc\"), .name)") << QByteArray("[\"a\",\"b\"]");
        QTest::newRow("nested let") << QStringLiteral("let a = payload.items; any(a, { let it = #; it.n == 1 })") << QByteArray("true");
        QTest::newRow("optional index") << QStringLiteral("payload.nul?.[0]") << QByteArray("null");
        QTest::newRow("string concat") << QStringLiteral("namespace + \"-\" + discriminator") << QByteArray("\"argo-disc\"");
        QTest::newRow("pow float") << QStringLiteral("2 ** 0.5") << QByteArray("1.4142135623730951");
        QTest::newRow("env") << QStringLiteral("\"payload\" in $env") << QByteArray("true");
        QTest::newRow("uint8 negation") << QStringLiteral("-payload.s[0]") << QByteArray("159");
        QTest::newRow("map literal first key wins") << QStringLiteral("{a: 1, a: 2}") << QByteArray("{\"a\":1}");
    }
    void values()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        QCOMPARE(outcome(source.toStdString(), env(kPayload, kMeta)), expected);
    }

    void runErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("mod float") << QStringLiteral("payload.int % 2") << QByteArray("invalid operation: float64 % int (1:13)");
        QTest::newRow("fetch nil") << QStringLiteral("payload.nul.x") << QByteArray("cannot fetch x from <nil> (1:13)");
        QTest::newRow("not nil") << QStringLiteral("!payload.nul") << QByteArray("interface conversion: interface {} is nil, not bool (1:1)");
        QTest::newRow("and left nil") << QStringLiteral("payload.nul && payload.b") << QByteArray("interface conversion: interface {} is nil, not bool (1:13)");
        QTest::newRow("index range") << QStringLiteral("payload.list[-4]") << QByteArray("index out of range: -1 (array length is 3)");
        QTest::newRow("index string key") << QStringLiteral("payload.list.x") << QByteArray("invalid operation: int(string) (1:14)");
        QTest::newRow("map key type") << QStringLiteral("1 in payload.obj") << QByteArray("reflect.Value.MapIndex: value of type int is not assignable to type string (1:3)");
        QTest::newRow("in const set") << QStringLiteral("payload.int in [\"1\"]") << QByteArray("reflect.Value.MapIndex: value of type float64 is not assignable to type string (1:13)");
        QTest::newRow("in string") << QStringLiteral("\"e\" in payload.s") << QByteArray("operator \"in\" not defined on string (1:5)");
        QTest::newRow("call nil") << QStringLiteral("payload.method()") << QByteArray("invalid operation: cannot call nil (1:9)");
        QTest::newRow("call number") << QStringLiteral("payload.int()") << QByteArray("invalid operation: cannot call non-function of type float64 (1:9)");
        QTest::newRow("ternary condition") << QStringLiteral("payload.nul ? 1 : 2") << QByteArray("interface conversion: interface {} is nil, not bool (1:19)");
        QTest::newRow("predicate nil") << QStringLiteral("all(payload.nul, true)") << QByteArray("reflect: call of reflect.Value.Len on zero Value (1:1)");
        QTest::newRow("predicate not bool") << QStringLiteral("filter(payload.list, #)") << QByteArray("interface conversion: interface {} is float64, not bool (1:1)");
        QTest::newRow("reduce empty") << QStringLiteral("reduce([], #acc)") << QByteArray("reduce of empty array with no initial value (1:1)");
        QTest::newRow("compare mixed") << QStringLiteral("payload.s < 1") << QByteArray("invalid operation: string < int (1:11)");
        QTest::newRow("string op type") << QStringLiteral("payload.int contains \"1\"") << QByteArray("interface conversion: interface {} is float64, not string (1:13)");
    }
    void runErrors()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        const QByteArray got = firstLine(outcome(source.toStdString(), env(kPayload, kMeta)));
        QVERIFY2(got.startsWith(QByteArray("ERR: ").append(expected)), got.constData());
    }
};

BINDERY_TEST_MAIN(TestExprEval)
#include "test_expr_eval.moc"
