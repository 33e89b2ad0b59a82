// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/evaluation.h"

#include <QObject>
#include <QPointer>

namespace bindery::workspace {
class EvaluationRunner;
class Workspace;
} // namespace bindery::workspace

namespace bindery::ui {

class ExplainView;
class PlaygroundView;
class PreviewView;
class ResultsView;

// Wires the workspace to the live-result views: every edit re-evaluates the workspace off the UI
// thread (latest request wins), the matrix follows, and the selected cell is explained and
// previewed. Holds the selection (event, binding) that the docks share.
class LiveResults : public QObject
{
    Q_OBJECT
public:
    LiveResults(workspace::Workspace &workspace, QWidget *viewParent, QObject *parent = nullptr);
    ~LiveResults() override;

    ResultsView *resultsView() const { return m_results; }
    ExplainView *explainView() const { return m_explain; }
    PreviewView *previewView() const { return m_preview; }
    PlaygroundView *playgroundView() const { return m_playground; }
    workspace::EvaluationRunner &runner() const { return *m_runner; }
    std::shared_ptr<const workspace::Evaluation> latest() const;

    void selectEvent(const QString &path);
    void selectBinding(const QString &name);
    QString selectedEvent() const { return m_eventPath; }

signals:
    void evaluated(std::shared_ptr<const bindery::workspace::Evaluation> evaluation);
    // The selected event changed (or was edited): completion and the playground follow it.
    void completionWordsChanged(const QStringList &words);

private:
    void onEvaluated(std::shared_ptr<const workspace::Evaluation> evaluation);
    void showCell(int row, int column);
    void refreshSelectedEnvironment();

    workspace::Workspace &m_workspace;
    workspace::EvaluationRunner *m_runner;
    ResultsView *m_results;
    ExplainView *m_explain;
    PreviewView *m_preview;
    PlaygroundView *m_playground;
    QString m_eventPath;
    QString m_bindingName;
    QString m_environmentText; // the selected event's file text last used for the environment
};

} // namespace bindery::ui
