// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

#include <array>
#include <atomic>
#include <functional>

namespace bindery::net {

// Counters the endpoint updates lock-free from any thread, rendered in Prometheus' text format.
class Metrics
{
public:
    void countRequest(int status);
    void observeDispatch(double seconds);
    void addWorkflows(int n) { m_workflows.fetch_add(static_cast<quint64>(n), std::memory_order_relaxed); }
    void addBindingErrors(int n) { m_bindingErrors.fetch_add(static_cast<quint64>(n), std::memory_order_relaxed); }

    quint64 requests(int status) const;
    quint64 totalRequests() const;
    quint64 workflowsCreated() const { return m_workflows.load(std::memory_order_relaxed); }
    quint64 bindingErrors() const { return m_bindingErrors.load(std::memory_order_relaxed); }
    quint64 dispatches() const { return m_dispatchCount.load(std::memory_order_relaxed); }

    // queueDepth and queueCapacity are sampled at render time.
    QByteArray render(int queueDepth, int queueCapacity, int busyWorkers) const;

    static constexpr std::array<double, 12> kBuckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                     0.01,   0.025,   0.05,   0.1,   0.5,    1.0};

private:
    std::array<std::atomic<quint64>, 600> m_byStatus{};
    std::array<std::atomic<quint64>, kBuckets.size() + 1> m_buckets{};
    std::atomic<quint64> m_dispatchCount{0};
    std::atomic<quint64> m_dispatchNanos{0};
    std::atomic<quint64> m_workflows{0};
    std::atomic<quint64> m_bindingErrors{0};
};

} // namespace bindery::net
