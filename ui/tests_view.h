// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/binding_tests.h"

#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class TestResultsModel;

// The workspace's binding tests: run all or one, results with pass/fail, the diff and the
// selector's explanation of the selected case, "add as test" for the current event. Runs off the
// UI thread; every edit of the workspace re-runs the suites (debounced, latest request wins).
class TestsView : public QWidget
{
    Q_OBJECT
public:
    explicit TestsView(workspace::Workspace &workspace, QWidget *parent = nullptr);
    ~TestsView() override;

    TestResultsModel *model() const { return m_model; }
    // The event "add as test" uses (a workspace-relative path; "" = none).
    void setCurrentEvent(const QString &eventPath);
    bool isRunning() const { return m_running > 0; }

public slots:
    void runAll();
    void runSelected();
    void addCurrentEventAsTest();

signals:
    void runFinished(int passed, int failed);
    // The user asked to see a suite file (double click on a case): path and 1-based line.
    void openRequested(const QString &path, int line);

private:
    void start(const QString &onlySuite, const QString &onlyCase);
    void finish(quint64 generation, std::shared_ptr<const workspace::TestRun> run, const QString &onlySuite,
                const QString &onlyCase);
    void showSelected();
    void updateSummary();

    workspace::Workspace &m_workspace;
    TestResultsModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QLabel *m_summary;
    QPushButton *m_runAll;
    QPushButton *m_runOne;
    QPushButton *m_addEvent;
    QTimer *m_debounce;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    int m_running = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QString m_currentEvent;
};

} // namespace bindery::ui
