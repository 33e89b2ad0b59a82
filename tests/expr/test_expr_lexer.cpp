// SPDX-License-Identifier: Apache-2.0
// The tokenizer: literal forms, operators, keywords, comments and its errors (LANGUAGE.md §1).
#include "bindery_test.h"
#include "expr/lexer.h"

using namespace bindery::expr;

class TestExprLexer : public QObject
{
    Q_OBJECT

private:
    static QString describe(const std::string &source)
    {
        std::vector<Token> tokens;
        SyntaxError error;
        if (!tokenize(source, tokens, error))
            return QStringLiteral("ERR %1 @%2").arg(QString::fromStdString(error.message)).arg(error.offset);
        QStringList parts;
        for (const Token &t : tokens)
            parts << QString::fromStdString(t.describe());
        return parts.join(QLatin1Char(' '));
    }

private slots:
    void tokens_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ident") << QStringLiteral("payload.ref") << QStringLiteral("Identifier(\"payload\") Operator(\".\") Identifier(\"ref\") EOF");
        QTest::newRow("ints") << QStringLiteral("42 0x2A 0o52 0b101 1_000") << QStringLiteral("Number(\"42\") Number(\"0x2A\") Number(\"0o52\") Number(\"0b101\") Number(\"1_000\") EOF");
        QTest::newRow("floats") << QStringLiteral(".5 1.5e-3 1e3") << QStringLiteral("Number(\".5\") Number(\"1.5e-3\") Number(\"1e3\") EOF");
        QTest::newRow("range") << QStringLiteral("1..3") << QStringLiteral("Number(\"1\") Operator(\"..\") Number(\"3\") EOF");
        QTest::newRow("escapes") << QStringLiteral("\"a\\tb\\u00e9\\x41\\101\"") << QStringLiteral("String(\"a\\tbéAA\") EOF");
        QTest::newRow("single quotes") << QStringLiteral("'it\\'s'") << QStringLiteral("String(\"it's\") EOF");
        QTest::newRow("raw") << QStringLiteral("`a``b\\n`") << QStringLiteral("String(\"a`b\\\\n\") EOF");
        QTest::newRow("not in") << QStringLiteral("a not in b") << QStringLiteral("Identifier(\"a\") Operator(\"not\") Operator(\"in\") Identifier(\"b\") EOF");
        QTest::newRow("not alone") << QStringLiteral("not a") << QStringLiteral("Operator(\"not\") Identifier(\"a\") EOF");
        QTest::newRow("ops") << QStringLiteral("a ?? b?.c || d ** e != f") << QStringLiteral("Identifier(\"a\") Operator(\"??\") Identifier(\"b\") Operator(\"?.\") Identifier(\"c\") Operator(\"||\") Identifier(\"d\") Operator(\"**\") Identifier(\"e\") Operator(\"!=\") Identifier(\"f\") EOF");
        QTest::newRow("pointer") << QStringLiteral("#index") << QStringLiteral("Operator(\"#\") Identifier(\"index\") EOF");
        QTest::newRow("comments") << QStringLiteral("1 // x\n+ /* y */ 2") << QStringLiteral("Number(\"1\") Operator(\"+\") Number(\"2\") EOF");
        QTest::newRow("keywords") << QStringLiteral("let if else matches") << QStringLiteral("Operator(\"let\") Operator(\"if\") Operator(\"else\") Operator(\"matches\") EOF");
        QTest::newRow("bytes") << QStringLiteral("b\"\\xff\"") << QStringLiteral("Bytes(\"\\xff\") EOF");
        QTest::newRow("unterminated") << QStringLiteral("\"abc") << QStringLiteral("ERR literal not terminated @4");
        QTest::newRow("bad escape") << QStringLiteral("\"bad \\q\"") << QStringLiteral("ERR invalid char escape @6");
        QTest::newRow("bad number") << QStringLiteral("1e5e") << QStringLiteral("ERR bad number syntax: \"1e5e\" @3");
        QTest::newRow("unrecognized") << QStringLiteral("a @ b") << QStringLiteral("ERR unrecognized character: U+0040 '@' @2");
        QTest::newRow("unclosed comment") << QStringLiteral("1 /* x") << QStringLiteral("ERR unclosed comment @6");
    }
    void tokens()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(describe(source.toStdString()), expected);
    }

    void eofSitsOnLastCharacter()
    {
        std::vector<Token> tokens;
        SyntaxError error;
        QVERIFY(tokenize("1 +", tokens, error));
        QCOMPARE(tokens.back().kind, TokenKind::Eof);
        QCOMPARE(tokens.back().offset, 2u);
    }
};

BINDERY_TEST_MAIN(TestExprLexer)
#include "test_expr_lexer.moc"
