// SPDX-License-Identifier: Apache-2.0
#include "ui/tests_view.h"

#include "ui/test_results_model.h"
#include "workspace/workspace.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace bindery::ui {

TestsView::TestsView(workspace::Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new TestResultsModel(this))
    , m_table(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_summary(new QLabel(this))
    , m_runAll(new QPushButton(tr("Run all"), this))
    , m_runOne(new QPushButton(tr("Run selected"), this))
    , m_addEvent(new QPushButton(tr("Add event as test"), this))
    , m_debounce(new QTimer(this))
{
    // One evaluation at a time: a newer request cancels the running one instead of queueing.
    m_pool.setMaxThreadCount(1);
    m_runAll->setObjectName(QStringLiteral("runAllTests"));
    m_runOne->setObjectName(QStringLiteral("runSelectedTest"));
    m_addEvent->setObjectName(QStringLiteral("addEventAsTest"));
    m_addEvent->setToolTip(tr("Freeze what the selected event does today as a test case"));
    m_addEvent->setEnabled(false);
    m_runOne->setEnabled(false);

    m_table->setObjectName(QStringLiteral("testResults"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(TestResultsModel::CaseColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TestResultsModel::SuiteColumn, QHeaderView::ResizeToContents);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);

    m_detail->setObjectName(QStringLiteral("testDetail"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a case to see what was expected, what happened and why."));
    m_summary->setObjectName(QStringLiteral("testSummary"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runAll);
    buttons->addWidget(m_runOne);
    buttons->addWidget(m_addEvent);
    buttons->addStretch();
    buttons->addWidget(m_summary);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(split);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &TestsView::runAll);
    connect(m_runAll, &QPushButton::clicked, this, &TestsView::runAll);
    connect(m_runOne, &QPushButton::clicked, this, &TestsView::runSelected);
    connect(m_addEvent, &QPushButton::clicked, this, &TestsView::addCurrentEventAsTest);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TestsView::showSelected);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const auto *r = m_model->result(index.row()))
            emit openRequested(r->suitePath, r->line);
    });
    // Live: every edit (bindings, events, the suites themselves) re-runs the tests.
    connect(&m_workspace, &workspace::Workspace::snapshotChanged, this, [this] { m_debounce->start(); });
    updateSummary();
}

TestsView::~TestsView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pool.waitForDone();
}

void TestsView::setCurrentEvent(const QString &eventPath)
{
    m_currentEvent = eventPath;
    m_addEvent->setEnabled(!eventPath.isEmpty());
}

void TestsView::runAll()
{
    m_debounce->stop();
    start({}, {});
}

void TestsView::runSelected()
{
    const auto *r = m_model->result(m_table->currentIndex().row());
    if (r)
        start(r->suitePath, r->caseName);
}

void TestsView::start(const QString &onlySuite, const QString &onlyCase)
{
    if (!m_workspace.isOpen())
        return;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = ++m_generation;
    ++m_running;
    updateSummary();
    const workspace::WorkspaceSnapshot snapshot = m_workspace.snapshot();
    m_pool.start([this, snapshot, generation, cancel = m_cancel, onlySuite, onlyCase] {
        auto run = workspace::runWorkspaceTests(snapshot, cancel.get(), onlySuite, onlyCase);
        QMetaObject::invokeMethod(this, [this, generation, run, onlySuite, onlyCase] {
            finish(generation, run, onlySuite, onlyCase);
        });
    });
}

void TestsView::finish(quint64 generation, std::shared_ptr<const workspace::TestRun> run, const QString &onlySuite,
                       const QString &onlyCase)
{
    --m_running;
    if (generation != m_generation || run->cancelled) {
        updateSummary();
        return; // a newer request superseded this one
    }
    const auto *current = m_model->result(m_table->currentIndex().row());
    const QString selSuite = current ? current->suitePath : onlySuite;
    const QString selCase = current ? current->caseName : onlyCase;
    if (!onlyCase.isEmpty() && m_model->run()) {
        // Re-running one case replaces its row and keeps the others.
        auto merged = std::make_shared<workspace::TestRun>(*m_model->run());
        for (const auto &r : run->results) {
            const int row = m_model->rowOf(r.suitePath, r.caseName);
            if (row >= 0)
                merged->results[row] = r;
            else
                merged->results.append(r);
        }
        run = merged;
    }
    m_model->resetData(run);
    const int row = m_model->rowOf(selSuite, selCase);
    if (row >= 0)
        m_table->selectRow(row);
    showSelected();
    updateSummary();
    emit runFinished(run->passed(), run->failed());
}

void TestsView::showSelected()
{
    const auto *r = m_model->result(m_table->currentIndex().row());
    m_runOne->setEnabled(r != nullptr);
    m_detail->setPlainText(r ? TestResultsModel::detailText(*r) : QString());
}

void TestsView::updateSummary()
{
    const auto &run = m_model->run();
    QString text;
    if (m_running > 0)
        text = tr("Running…");
    else if (!run)
        text = tr("Not run yet");
    else if (run->results.isEmpty())
        text = tr("No test cases: add one from an event, or write tests/*.yaml");
    else
        text = tr("%1 passed, %2 failed").arg(run->passed()).arg(run->failed());
    if (run && !run->problems.isEmpty())
        text += tr(" · %n problem(s) in test files", nullptr, static_cast<int>(run->problems.size()));
    m_summary->setText(text);
}

void TestsView::addCurrentEventAsTest()
{
    QString error;
    const auto name = workspace::addEventAsTest(m_workspace, m_currentEvent, &error);
    if (!name) {
        m_detail->setPlainText(tr("Could not add a test: %1").arg(error));
        return;
    }
    m_detail->setPlainText(tr("Added the case \"%1\". Save the workspace to keep it.").arg(*name));
    runAll();
}

} // namespace bindery::ui
