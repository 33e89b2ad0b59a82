// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "expr/source_position.h"

class TestSourcePosition : public QObject
{
    Q_OBJECT
private slots:
    void position_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("start") << QByteArray("a == b") << 0 << 1 << 0;
        QTest::newRow("middle") << QByteArray("a == b") << 5 << 1 << 5;
        QTest::newRow("second line") << QByteArray("a ==\n  b") << 7 << 2 << 2;
        // "é" is two bytes but one column, as expr counts runes.
        QTest::newRow("utf8 counts characters") << QByteArray("\"\xC3\xA9\" + x") << 6 << 1 << 5;
        QTest::newRow("past the end clamps") << QByteArray("ab") << 99 << 1 << 2;
    }
    void position()
    {
        QFETCH(QByteArray, source);
        QFETCH(int, offset);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto pos = bindery::expr::positionOf(std::string_view(source.constData(), source.size()),
                                                   static_cast<std::size_t>(offset));
        QCOMPARE(pos.line, line);
        QCOMPARE(pos.column, column);
    }
};

BINDERY_TEST_MAIN(TestSourcePosition)
#include "test_source_position.moc"
