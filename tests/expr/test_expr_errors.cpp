// SPDX-License-Identifier: Apache-2.0
// expr's error text: `MSG (line:col)`, the source line (tabs as spaces) and a caret; columns in
// characters; message only when the line is empty or characters before the caret are multi-byte.
#include "bindery_test.h"
#include "expr_test_util.h"

using namespace bindery::expr;
using namespace bindery::expr::test;

class TestExprErrors : public QObject
{
    Q_OBJECT

private slots:
    void format_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first column") << QStringLiteral("abc") << 0 << QStringLiteral("m (1:1)\n | abc\n | ^");
        QTest::newRow("middle") << QStringLiteral("a + b") << 2 << QStringLiteral("m (1:3)\n | a + b\n | ..^");
        QTest::newRow("second line") << QStringLiteral("a\n  b") << 4 << QStringLiteral("m (2:3)\n |   b\n | ..^");
        QTest::newRow("tab") << QStringLiteral("\tx") << 1 << QStringLiteral("m (1:2)\n |  x\n | .^");
        QTest::newRow("empty source") << QString() << 0 << QStringLiteral("m");
        QTest::newRow("multibyte before caret") << QStringLiteral("\"é\" + 1") << 5 << QStringLiteral("m (1:5)\n | \"é\" + 1");
    }
    void format()
    {
        QFETCH(QString, source);
        QFETCH(int, offset);
        QFETCH(QString, expected);
        const std::string src = source.toStdString();
        const Error e("m", src, std::uint32_t(offset));
        QCOMPARE(QString::fromStdString(e.format()), expected);
    }

    void positions()
    {
        const Error e("m", "x\ny", 2);
        QCOMPARE(e.line(), 2);
        QCOMPARE(e.column(), 1);
        QCOMPARE(e.message(), std::string("m"));
    }

    void fullTexts_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("run error") << QStringLiteral("payload.nul.x") << QByteArray("ERR: cannot fetch x from <nil> (1:13)\n | payload.nul.x\n | ............^");
        QTest::newRow("blank source") << QStringLiteral(" ") << QByteArray("ERR: unexpected token EOF (1:1)\n |  \n | ^");
        QTest::newRow("multi-line") << QStringLiteral("payload.nul &&\n  payload.nul") << QByteArray("ERR: interface conversion: interface {} is nil, not bool (1:13)\n | payload.nul &&\n | ............^");
    }
    void fullTexts()
    {
        QFETCH(QString, source);
        QFETCH(QByteArray, expected);
        QCOMPARE(outcome(source.toStdString(), env("{\"nul\": null}")), expected);
    }
};

BINDERY_TEST_MAIN(TestExprErrors)
#include "test_expr_errors.moc"
