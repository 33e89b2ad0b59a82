// SPDX-License-Identifier: Apache-2.0
#include "net/fault_injection_sink.h"

#include <QJsonObject>

#include <chrono>
#include <thread>

namespace bindery::net {

namespace {
const QString kBindingLabel = QStringLiteral("workflows.argoproj.io/workflow-event-binding");
}

FaultInjectionSink::FaultInjectionSink(std::shared_ptr<EventSink> inner)
    : m_inner(std::move(inner))
{
}

FaultInjectionSink::~FaultInjectionSink()
{
    setFaults({});
}

void FaultInjectionSink::setInner(std::shared_ptr<EventSink> inner)
{
    std::lock_guard lock(m_mutex);
    m_inner = std::move(inner);
}

void FaultInjectionSink::setFaults(const FaultSettings &faults)
{
    {
        std::lock_guard lock(m_mutex);
        m_faults = faults;
    }
    m_released.notify_all();
}

FaultSettings FaultInjectionSink::faults() const
{
    std::lock_guard lock(m_mutex);
    return m_faults;
}

bool FaultInjectionSink::mayBlock() const
{
    std::shared_ptr<EventSink> inner;
    {
        std::lock_guard lock(m_mutex);
        if (m_faults.stallDispatch || m_faults.addedLatencyMs > 0)
            return true;
        inner = m_inner;
    }
    return inner && inner->mayBlock();
}

void FaultInjectionSink::setObserver(Observer observer)
{
    std::lock_guard lock(m_mutex);
    m_observer = std::move(observer);
}

int FaultInjectionSink::stalledCount() const
{
    std::lock_guard lock(m_mutex);
    return m_stalled;
}

QString FaultInjectionSink::simulatedFailure(const QString &binding)
{
    return QStringLiteral("simulated fault: binding %1 failed").arg(binding);
}

DispatchOutcome FaultInjectionSink::dispatch(const IncomingEvent &event, const EventContext &context)
{
    std::shared_ptr<EventSink> inner;
    FaultSettings faults;
    {
        std::unique_lock lock(m_mutex);
        if (m_faults.stallDispatch) {
            ++m_stalled;
            m_released.wait(lock, [this] { return !m_faults.stallDispatch; });
            --m_stalled;
        }
        inner = m_inner;
        faults = m_faults;
    }
    if (faults.addedLatencyMs > 0) // the fault itself is the wait; it runs on a worker/I/O thread
        std::this_thread::sleep_for(std::chrono::milliseconds(faults.addedLatencyMs));

    DispatchOutcome outcome = inner ? inner->dispatch(event, context) : DispatchOutcome{};
    if (!faults.failingBinding.isEmpty() && outcome.matchedBindings.contains(faults.failingBinding)) {
        QList<QJsonObject> kept;
        for (const QJsonObject &w : std::as_const(outcome.workflows)) {
            const QJsonObject labels = w.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("labels")).toObject();
            if (labels.value(kBindingLabel).toString() != faults.failingBinding)
                kept << w;
        }
        outcome.workflows = kept;
        const QString message = simulatedFailure(faults.failingBinding);
        outcome.bindingErrors << QStringLiteral("failed to dispatch event: ") + message;
        outcome.ok = false;
        outcome.error = outcome.error.isEmpty() ? QStringLiteral("failed to dispatch event: [%1]").arg(message)
                                                : outcome.error.chopped(1) + QLatin1Char(' ') + message + QLatin1Char(']');
    }
    Observer observer;
    {
        std::lock_guard lock(m_mutex);
        observer = m_observer;
    }
    if (observer)
        observer(event, outcome);
    return outcome;
}

} // namespace bindery::net
