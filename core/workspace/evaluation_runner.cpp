// SPDX-License-Identifier: Apache-2.0
#include "workspace/evaluation_runner.h"

namespace bindery::workspace {

EvaluationRunner::EvaluationRunner(QObject *parent)
    : QObject(parent)
    , m_debounce(new QTimer(this))
    , m_evaluator(std::make_shared<Evaluator>())
{
    qRegisterMetaType<std::shared_ptr<const bindery::workspace::Evaluation>>();
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(std::chrono::milliseconds(100));
    m_pool.setMaxThreadCount(1); // one evaluation at a time: the stale one is cancelled anyway
    connect(m_debounce, &QTimer::timeout, this, &EvaluationRunner::start);
}

EvaluationRunner::~EvaluationRunner()
{
    if (m_cancelCurrent)
        m_cancelCurrent->store(true);
    m_pool.waitForDone();
}

void EvaluationRunner::setDebounce(std::chrono::milliseconds interval) { m_debounce->setInterval(interval); }

void EvaluationRunner::request(const WorkspaceSnapshot &snapshot)
{
    m_pending = snapshot;
    // A running evaluation of older text is worthless now: stop it early.
    if (m_cancelCurrent)
        m_cancelCurrent->store(true);
    const bool wasBusy = isBusy();
    m_debounce->start();
    if (!wasBusy)
        emit busyChanged(true);
}

void EvaluationRunner::requestNow(const WorkspaceSnapshot &snapshot)
{
    request(snapshot);
    m_debounce->stop();
    start();
}

void EvaluationRunner::start()
{
    if (m_pending.isNull())
        return;
    const quint64 generation = ++m_generation;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancelCurrent = cancel;
    ++m_running;
    EvaluationRunner *self = this; // alive while jobs run: the destructor waits for them
    const WorkspaceSnapshot snapshot = std::exchange(m_pending, {});
    const auto evaluator = m_evaluator;
    m_pool.start([self, generation, cancel, snapshot, evaluator] {
        std::shared_ptr<const Evaluation> result = evaluator->evaluate(snapshot, cancel.get());
        // Queued to the runner's thread; dropped by Qt if the runner is gone by then.
        QMetaObject::invokeMethod(
            self,
            [self, generation, result] {
                --self->m_running;
                // Only the newest evaluation is shown; older ones finish silently.
                if (generation == self->m_generation && !result->cancelled) {
                    self->m_latest = result;
                    emit self->finished(result);
                }
                if (!self->isBusy())
                    emit self->busyChanged(false);
            },
            Qt::QueuedConnection);
    });
}

void EvaluationRunner::waitForIdle()
{
    m_pool.waitForDone();
}

} // namespace bindery::workspace
