// SPDX-License-Identifier: Apache-2.0
// The parser: precedence, associativity, chained comparisons, pipes, ternaries, let, predicates
// and syntax errors with expr's positions (LANGUAGE.md §2). Shapes are observed through values.
#include "bindery_test.h"
#include "expr/parser.h"
#include "expr_test_util.h"

using namespace bindery::expr;
using namespace bindery::expr::test;

class TestExprParser : public QObject
{
    Q_OBJECT

private slots:
    void precedence_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("mul over add") << QStringLiteral("1 + 2 * 3") << QByteArray("7");
        QTest::newRow("pow right assoc") << QStringLiteral("2 ** 3 ** 2") << QByteArray("512");
        QTest::newRow("caret") << QStringLiteral("2 ^ 3") << QByteArray("8");
        QTest::newRow("unary minus below pow") << QStringLiteral("-2 ** 2") << QByteArray("-4");
        QTest::newRow("parens") << QStringLiteral("(-2) ** 2") << QByteArray("4");
        QTest::newRow("sub left assoc") << QStringLiteral("10 - 4 - 3") << QByteArray("3");
        QTest::newRow("chained") << QStringLiteral("1 < 2 < 3") << QByteArray("true");
        QTest::newRow("chained mixed") << QStringLiteral("1 < 2 > 1") << QByteArray("true");
        QTest::newRow("chained false") << QStringLiteral("3 > 2 > 1 > 1") << QByteArray("false");
        QTest::newRow("in then ==") << QStringLiteral("\"a\" in [\"a\"] == true") << QByteArray("true");
        QTest::newRow("and over or") << QStringLiteral("true || false && false") << QByteArray("true");
        QTest::newRow("coalesce tight") << QStringLiteral("1 + payload.nul ?? 2") << QByteArray("3");
        QTest::newRow("ternary nests right") << QStringLiteral("true ? false ? 1 : 2 : 3") << QByteArray("2");
        QTest::newRow("elvis") << QStringLiteral("false ?: 5") << QByteArray("5");
        QTest::newRow("if else") << QStringLiteral("if 1 > 2 { \"a\" } else if 2 > 1 { \"b\" } else { \"c\" }") << QByteArray("\"b\"");
        QTest::newRow("pipe") << QStringLiteral("\"a\" | upper() + \"b\"") << QByteArray("\"Ab\"");
        QTest::newRow("pipe args") << QStringLiteral("\"a,b\" | split(\",\")") << QByteArray("[\"a\",\"b\"]");
        QTest::newRow("let") << QStringLiteral("let x = 1; let y = 2; x + y") << QByteArray("3");
        QTest::newRow("sequence") << QStringLiteral("1; 2; 3") << QByteArray("3");
        QTest::newRow("trailing commas") << QStringLiteral("[1, 2,] == [1, 2]") << QByteArray("true");
        QTest::newRow("map keys") << QStringLiteral("{a: 1, \"b\": 2, 3: 3, (\"c\" + \"d\"): 4}") << QByteArray("{\"3\":3,\"a\":1,\"b\":2,\"cd\":4}");
        QTest::newRow("predicate brackets") << QStringLiteral("map([1, 2], { let y = # * 2; y })") << QByteArray("[2,4]");
        QTest::newRow("dot pointer") << QStringLiteral("map([{\"a\": 1}], .a)") << QByteArray("[1]");
        QTest::newRow("slice") << QStringLiteral("[1, 2, 3][1:]") << QByteArray("[2,3]");
        QTest::newRow("optional chain") << QStringLiteral("payload.nul?.x.y") << QByteArray("null");
        QTest::newRow("not in") << QStringLiteral("2 not in [1, 3]") << QByteArray("true");
        QTest::newRow("range") << QStringLiteral("1..3") << QByteArray("[1,2,3]");
        QTest::newRow("hex binary octal") << QStringLiteral("0x10 + 0b11 + 0o10 + 1_000") << QByteArray("1027");
    }
    void precedence()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        QCOMPARE(outcome(source.toStdString(), env("{\"nul\": null}")), expected);
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("eof") << QStringLiteral("1 +") << QByteArray("unexpected token EOF (1:3)");
        QTest::newRow("empty") << QStringLiteral("") << QByteArray("unexpected token EOF");
        QTest::newRow("triple equals") << QStringLiteral("1 === 1") << QByteArray("unexpected token Operator(\"=\") (1:5)");
        QTest::newRow("coalesce mix") << QStringLiteral("payload ?? 1 + 1") << QByteArray("Operator (+) and coalesce expressions (?\?) cannot be mixed. Wrap either by parentheses. (1:14)");
        QTest::newRow("pipe needs call") << QStringLiteral("\"a\" | upper") << QByteArray("unexpected token EOF (1:11)");
        QTest::newRow("bare predicate with ;") << QStringLiteral("all([1], # > 0; true)") << QByteArray("wrap predicate with brackets { and } (1:15)");
        QTest::newRow("missing predicate") << QStringLiteral("filter([1])") << QByteArray("expected at least 2 arguments (1:11)");
        QTest::newRow("pointer outside") << QStringLiteral("# + 1") << QByteArray("cannot use pointer accessor outside predicate (1:1)");
        QTest::newRow("expected name") << QStringLiteral("payload.\"x\"") << QByteArray("expected name (1:11)");
        QTest::newRow("int range") << QStringLiteral("999999999999999999999") << QByteArray("invalid integer literal: strconv.ParseInt: parsing \"999999999999999999999\": value out of range (1:21)");
        QTest::newRow("slice with step") << QStringLiteral("[1][1:2:3]") << QByteArray("unexpected token Operator(\":\") (1:8)");
        QTest::newRow("unclosed paren") << QStringLiteral("(1 + 2") << QByteArray("unexpected token EOF (1:6)");
    }
    void syntaxErrors()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        QCOMPARE(firstLine(outcome(source.toStdString(), env())), QByteArray("ERR: ") + expected);
    }

    void treeShape()
    {
        NodeArena arena;
        SyntaxError error;
        Node *root = parse("a < b < c", arena, error);
        QVERIFY(root);
        // Chained comparisons become an && of two comparisons sharing the middle operand.
        QCOMPARE(root->kind, NodeKind::Binary);
        QCOMPARE(root->op, Op::And);
        QCOMPARE(root->args[0]->args[1], root->args[1]->args[0]);
        root = parse("x | f(1)", arena, error);
        QVERIFY(root);
        QCOMPARE(root->kind, NodeKind::Call);
        QCOMPARE(root->args.size(), std::size_t(3)); // callee, piped value, 1
    }
};

BINDERY_TEST_MAIN(TestExprParser)
#include "test_expr_parser.moc"
