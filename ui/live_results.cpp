// SPDX-License-Identifier: Apache-2.0
#include "ui/live_results.h"

#include "ui/explain_view.h"
#include "ui/playground_view.h"
#include "ui/preview_view.h"
#include "ui/results_model.h"
#include "ui/results_view.h"
#include "workspace/evaluation_runner.h"
#include "workspace/workspace.h"

#include <QTableView>

#include <algorithm>

namespace bindery::ui {

LiveResults::LiveResults(workspace::Workspace &workspace, QWidget *viewParent, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_runner(new workspace::EvaluationRunner(this))
    , m_results(new ResultsView(viewParent))
    , m_explain(new ExplainView(viewParent))
    , m_preview(new PreviewView(viewParent))
    , m_playground(new PlaygroundView(viewParent))
{
    connect(&workspace, &workspace::Workspace::snapshotChanged, this, [this](const workspace::WorkspaceSnapshot &s) {
        m_runner->request(s);
        refreshSelectedEnvironment();
    });
    connect(m_runner, &workspace::EvaluationRunner::finished, this, &LiveResults::onEvaluated);
    connect(m_runner, &workspace::EvaluationRunner::busyChanged, m_results, &ResultsView::setBusy);
    connect(m_results, &ResultsView::cellSelected, this, &LiveResults::showCell);
}

LiveResults::~LiveResults() = default;

std::shared_ptr<const workspace::Evaluation> LiveResults::latest() const { return m_runner->latest(); }

void LiveResults::onEvaluated(std::shared_ptr<const workspace::Evaluation> evaluation)
{
    m_results->resetData(evaluation);
    // Start with something explained: a new user sees why the first event does or does not fire.
    if (!m_results->table()->currentIndex().isValid() && m_results->model()->rowCount() > 0
        && m_results->model()->columnCount() > 0) {
        if (!m_eventPath.isEmpty() && m_results->model()->rowOfEvent(m_eventPath) >= 0)
            selectEvent(m_eventPath);
        else
            m_results->selectCell(0, qMax(0, m_results->model()->columnOfBinding(m_bindingName)));
    }
    if (!m_results->model()->rowCount() || !m_results->model()->columnCount()) {
        m_explain->clear(tr("No events or no bindings to explain yet."));
        m_preview->clear(tr("No events or no bindings to preview yet."));
    }
    emit evaluated(evaluation);
}

void LiveResults::selectEvent(const QString &path)
{
    m_eventPath = path;
    refreshSelectedEnvironment();
    const int row = m_results->model()->rowOfEvent(path);
    if (row < 0)
        return;
    int column = m_results->model()->columnOfBinding(m_bindingName);
    if (column < 0) // prefer a binding that is listed for this event
        for (int c = 0; c < m_results->model()->columnCount() && column < 0; ++c)
            if (m_results->model()->status(row, c) != ResultsModel::CellStatus::NotListed)
                column = c;
    m_results->selectCell(row, qMax(0, column));
}

void LiveResults::selectBinding(const QString &name)
{
    m_bindingName = name;
    const int column = m_results->model()->columnOfBinding(name);
    if (column < 0)
        return;
    int row = m_results->model()->rowOfEvent(m_eventPath);
    if (row < 0) // prefer an event the binding is listed for
        for (int r = 0; r < m_results->model()->rowCount() && row < 0; ++r)
            if (m_results->model()->status(r, column) != ResultsModel::CellStatus::NotListed)
                row = r;
    m_results->selectCell(qMax(0, row), column);
}

void LiveResults::showCell(int row, int column)
{
    const std::shared_ptr<const workspace::Evaluation> evaluation = m_results->model()->evaluation();
    if (!evaluation || row < 0 || std::size_t(row) >= evaluation->events.size())
        return;
    const workspace::EventEvaluation &event = evaluation->events[std::size_t(row)];
    const argo::WorkflowEventBinding *binding = evaluation->binding(std::size_t(column));
    if (!binding)
        return;
    if (m_eventPath != event.path) {
        m_eventPath = event.path;
        refreshSelectedEnvironment();
    }
    m_bindingName = QString::fromStdString(binding->metadata.name);
    const argo::BindingOutcome *outcome = event.outcome(std::size_t(column));
    const QString title = tr("“%1” × %2").arg(event.name, m_bindingName);
    if (!outcome) {
        m_explain->clear(tr("%1: the binding is in namespace %2, the event in %3: Argo never looks at it.")
                             .arg(title, QString::fromStdString(binding->metadata.namespace_),
                                  QString::fromStdString(event.event.namespace_)));
        m_preview->showOutcome(title, event.result, nullptr);
        return;
    }
    if (event.result.environment.isNil()) {
        m_explain->clear(tr("%1: the event is rejected before any selector runs: %2")
                             .arg(title, QString::fromStdString(event.result.message)));
    } else {
        // The dispatcher's verdict comes from the same engine; the explanation reruns the selector
        // with a trace (microseconds) so that the matrix itself stays trace-free and fast.
        m_explain->showExplanation(title, workspace::explain(binding->selector, event.result.environment));
    }
    // The matrix keeps only Workflow names; the preview dispatches this one event again in full.
    const argo::DispatchResult full = workspace::fullResult(*evaluation, event);
    const auto fullOutcome = std::find_if(full.outcomes.begin(), full.outcomes.end(), [&](const argo::BindingOutcome &o) {
        return o.bindingIndex == std::size_t(column);
    });
    m_preview->showOutcome(title, full, fullOutcome == full.outcomes.end() ? outcome : &*fullOutcome);
}

void LiveResults::refreshSelectedEnvironment()
{
    const auto entry = m_workspace.snapshot().file(m_eventPath);
    if (!entry || !entry->event) {
        if (!m_environmentText.isNull()) {
            m_environmentText = QString();
            m_playground->setEnvironment({}, {});
        }
        return;
    }
    const QString text = QString::fromUtf8(entry->text);
    if (text == m_environmentText)
        return;
    m_environmentText = text;
    QString error;
    const expr::Value env = workspace::eventEnvironment(*entry->event, &error);
    m_playground->setEnvironment(env, entry->event->name);
    emit completionWordsChanged(workspace::completionWords(env));
}

} // namespace bindery::ui
