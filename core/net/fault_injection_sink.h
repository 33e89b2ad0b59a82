// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/event_sink.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace bindery::net {

// Faults the studio's "simulate faults" section rehearses. The endpoint has no hook for them, so
// they live in a decorator around its dispatch step (EventServer::setSink) and never touch routing.
struct FaultSettings {
    // Every dispatch waits until this is cleared: in async mode the operation queue then fills and
    // the endpoint answers 503 (real back-pressure, not a faked status).
    bool stallDispatch = false;
    int addedLatencyMs = 0;  // each dispatch takes this much longer
    QString failingBinding;  // this binding fails whenever it matches (its Workflow is not created)
    bool operator==(const FaultSettings &) const = default;
};

// Wraps the real sink (swappable while hosting: a new catalog replaces `inner` only) and reports
// every dispatched event with its outcome to an observer (called on the dispatching thread).
class FaultInjectionSink : public EventSink
{
public:
    using Observer = std::function<void(const IncomingEvent &, const DispatchOutcome &)>;

    explicit FaultInjectionSink(std::shared_ptr<EventSink> inner = {});
    ~FaultInjectionSink() override;

    void setInner(std::shared_ptr<EventSink> inner);
    void setFaults(const FaultSettings &faults); // clearing stallDispatch releases waiting dispatches
    FaultSettings faults() const;
    void setObserver(Observer observer);
    int stalledCount() const;

    DispatchOutcome dispatch(const IncomingEvent &event, const EventContext &context) override;
    bool mayBlock() const override; // while a stall or added latency is set, or when the inner sink may

    // The message a failing binding reports (Argo's Warning-event wording around it).
    static QString simulatedFailure(const QString &binding);

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    std::shared_ptr<EventSink> m_inner;
    FaultSettings m_faults;
    Observer m_observer;
    int m_stalled = 0;
};

} // namespace bindery::net
