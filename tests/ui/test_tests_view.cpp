// SPDX-License-Identifier: Apache-2.0
// The Tests view over a real workspace folder: runs the suites off the UI thread, re-runs them
// live when a binding changes, shows the diff of a failing case, and adds an event as a test.
#include "bindery_test.h"
#include "ui/test_results_model.h"
#include "ui/tests_view.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

using namespace bindery;

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

} // namespace

class TestTestsView : public QObject
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

    void runsLiveAndExplainsFailures()
    {
        workspace::Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(ws(), &error), qPrintable(error));
        ui::TestsView view(workspace);
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QSignalSpy finished(&view, &ui::TestsView::runFinished);
        view.findChild<QPushButton *>(QStringLiteral("runAllTests"))->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toInt(), 8); // passed
        QCOMPARE(finished.last().at(1).toInt(), 0); // failed
        QCOMPARE(view.model()->rowCount(), 8);

        // A selector regression, typed in the editors (an unsaved edit), re-runs the suites.
        const QString binding = QStringLiteral("manifests/event-consumer.yaml");
        QByteArray text = workspace.text(binding);
        text.replace("payload.appellation != \"\"", "payload.appellation == \"\"");
        QVERIFY(workspace.setText(binding, text));
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.last().at(1).toInt() > 0);

        const int row = view.model()->rowOf(QStringLiteral("tests/examples.yaml"),
                                            QStringLiteral("hello world submits event-consumer with the appellation"));
        QVERIFY(row >= 0);
        QVERIFY(!view.model()->index(row, 0).data(ui::TestResultsModel::PassedRole).toBool());
        auto *table = view.findChild<QTableView *>(QStringLiteral("testResults"));
        table->selectRow(row);
        const QString detail = view.findChild<QPlainTextEdit *>(QStringLiteral("testDetail"))->toPlainText();
        QVERIFY2(detail.contains(QStringLiteral("binding event-consumer: expected to fire, got not matched")),
                 qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("payload.appellation → \"world\"")), qPrintable(detail));

        // Run selected keeps the other rows.
        view.findChild<QPushButton *>(QStringLiteral("runSelectedTest"))->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(view.model()->rowCount(), 8);
    }

    void addsAnEventAsATest()
    {
        workspace::Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(ws(), &error), qPrintable(error));
        ui::TestsView view(workspace);
        QSignalSpy finished(&view, &ui::TestsView::runFinished);
        auto *add = view.findChild<QPushButton *>(QStringLiteral("addEventAsTest"));
        QVERIFY(!add->isEnabled());
        view.setCurrentEvent(QStringLiteral("events/push-subpath-a.yaml"));
        QVERIFY(add->isEnabled());
        add->click();
        QVERIFY(finished.wait(10000));
        QVERIFY(workspace.isModified(QStringLiteral("tests/from-events.yaml")));
        QCOMPARE(finished.last().at(0).toInt(), 9);
        QCOMPARE(finished.last().at(1).toInt(), 0);
        const QByteArray suite = workspace.text(QStringLiteral("tests/from-events.yaml"));
        QVERIFY2(suite.contains("event: push-subpath-a"), suite.constData());
        QVERIFY2(suite.contains("fires: [event-consumer, github-path-filter]"), suite.constData());
    }
};

BINDERY_TEST_MAIN(TestTestsView)
#include "test_tests_view.moc"
