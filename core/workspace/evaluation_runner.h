// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/evaluation.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <memory>

namespace bindery::workspace {

// Re-evaluates the workspace off the UI thread after each edit, latest request wins: requests
// within the debounce interval collapse into one, a newer request cancels the running evaluation,
// and only the newest result is ever delivered (hotspot's job-tracker idea). Evaluations are
// incremental (Evaluator): an edited selector re-runs its column, an edited event its row.
class EvaluationRunner : public QObject
{
    Q_OBJECT
public:
    explicit EvaluationRunner(QObject *parent = nullptr);
    ~EvaluationRunner() override;

    void setDebounce(std::chrono::milliseconds interval);
    // Schedules an evaluation of `snapshot` (replacing any not yet started).
    void request(const WorkspaceSnapshot &snapshot);
    // Starts at once, without the debounce (opening a workspace).
    void requestNow(const WorkspaceSnapshot &snapshot);

    std::shared_ptr<const Evaluation> latest() const { return m_latest; }
    bool isBusy() const { return m_running > 0 || m_debounce->isActive(); }
    // Waits for running jobs (tests, shutdown).
    void waitForIdle();

signals:
    void finished(std::shared_ptr<const bindery::workspace::Evaluation> evaluation);
    void busyChanged(bool busy);

private:
    void start();

    QTimer *m_debounce;
    QThreadPool m_pool;
    WorkspaceSnapshot m_pending;
    quint64 m_generation = 0;
    int m_running = 0;
    std::shared_ptr<std::atomic_bool> m_cancelCurrent;
    // Used by one job at a time (the pool has one thread): each evaluation re-runs only what the
    // edit since the last complete one changed.
    std::shared_ptr<Evaluator> m_evaluator;
    std::shared_ptr<const Evaluation> m_latest;
};

} // namespace bindery::workspace
