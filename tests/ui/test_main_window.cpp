// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "bindery_version.h"
#include "ui/about_dialog.h"
#include "ui/app_settings.h"
#include "ui/empty_state_view.h"
#include "ui/main_window.h"

#include <QDockWidget>
#include <QLabel>
#include <QTemporaryDir>

using namespace bindery::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void docksAreThereWithHonestEmptyStates()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QStringList expected{QStringLiteral("workspaceDock"), QStringLiteral("explainDock"),
                                   QStringLiteral("resultsDock"), QStringLiteral("previewDock"),
                                   QStringLiteral("problemsDock")};
        for (const QString &name : expected) {
            auto *dock = w.findChild<QDockWidget *>(name);
            QVERIFY2(dock, qPrintable(name));
            // Until a view lands, the dock says so instead of showing fake data.
            if (auto *empty = qobject_cast<EmptyStateView *>(dock->widget()))
                QVERIFY(empty->explanation().contains(QStringLiteral("not yet available")));
        }
    }

    void geometryAndStatePersistAcrossRuns()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            AppSettings settings(ini);
            MainWindow w(settings);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.resize(1000, 700);
            w.findChild<QDockWidget *>(QStringLiteral("explainDock"))->hide();
            w.close();
        }
        AppSettings settings(ini);
        QVERIFY(!settings.windowGeometry().isEmpty());
        QVERIFY(!settings.windowState().isEmpty());
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1000, 700));
        QVERIFY(!w.findChild<QDockWidget *>(QStringLiteral("explainDock"))->isVisible());
    }

    void staleWindowStateIsIgnored()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings raw(ini, QSettings::IniFormat);
            raw.setValue(QStringLiteral("window/state"), QByteArray("old layout"));
            raw.setValue(QStringLiteral("window/stateVersion"), AppSettings::WindowStateVersion - 1);
        }
        AppSettings settings(ini);
        QVERIFY(settings.windowState().isEmpty());
    }

    void recentWorkspacesAreMostRecentFirstWithoutDuplicates()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.addRecentWorkspace(QStringLiteral("/a"));
        settings.addRecentWorkspace(QStringLiteral("/b"));
        settings.addRecentWorkspace(QStringLiteral("/a"));
        QCOMPARE(settings.recentWorkspaces(), (QStringList{QStringLiteral("/a"), QStringLiteral("/b")}));
    }

    void openWorkspaceRejectsPlainFolders()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        QVERIFY(!w.openWorkspace(dir.path()));
        QVERIFY(w.workspacePath().isEmpty());
    }

    void aboutDialogNamesVersionAndArgo()
    {
        AboutDialog d;
        auto *text = d.findChild<QLabel *>(QStringLiteral("aboutText"));
        QVERIFY(text);
        QVERIFY(text->text().contains(QStringLiteral(BINDERY_VERSION_STRING)));
        QVERIFY(text->text().contains(QStringLiteral("v4.1.2")));
    }
};

BINDERY_TEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
