// SPDX-License-Identifier: Apache-2.0
#include "net/metrics.h"

namespace bindery::net {

void Metrics::countRequest(int status)
{
    if (status >= 0 && status < static_cast<int>(m_byStatus.size()))
        m_byStatus[static_cast<size_t>(status)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::observeDispatch(double seconds)
{
    size_t i = 0;
    while (i < kBuckets.size() && seconds > kBuckets[i])
        ++i;
    m_buckets[i].fetch_add(1, std::memory_order_relaxed);
    m_dispatchCount.fetch_add(1, std::memory_order_relaxed);
    m_dispatchNanos.fetch_add(static_cast<quint64>(seconds * 1e9), std::memory_order_relaxed);
}

quint64 Metrics::requests(int status) const
{
    if (status < 0 || status >= static_cast<int>(m_byStatus.size()))
        return 0;
    return m_byStatus[static_cast<size_t>(status)].load(std::memory_order_relaxed);
}

quint64 Metrics::totalRequests() const
{
    quint64 total = 0;
    for (const auto &c : m_byStatus)
        total += c.load(std::memory_order_relaxed);
    return total;
}

QByteArray Metrics::render(int queueDepth, int queueCapacity, int busyWorkers) const
{
    QByteArray out;
    auto head = [&out](const char *name, const char *type, const char *help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    };
    auto sample = [&out](const char *name, QByteArrayView labels, const QByteArray &value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    };
    head("bindery_http_requests_total", "counter", "HTTP requests answered, by status code.");
    for (size_t s = 0; s < m_byStatus.size(); ++s) {
        const quint64 n = m_byStatus[s].load(std::memory_order_relaxed);
        if (n)
            sample("bindery_http_requests_total", QByteArray("{code=\"").append(QByteArray::number(qulonglong(s))).append("\"}"),
                   QByteArray::number(n));
    }
    head("bindery_event_queue_depth", "gauge", "Operations accepted and waiting for a worker.");
    sample("bindery_event_queue_depth", {}, QByteArray::number(queueDepth));
    head("bindery_event_queue_capacity", "gauge", "Size of the operation queue.");
    sample("bindery_event_queue_capacity", {}, QByteArray::number(queueCapacity));
    head("bindery_event_workers_busy", "gauge", "Workers dispatching an event now.");
    sample("bindery_event_workers_busy", {}, QByteArray::number(busyWorkers));
    head("bindery_dispatch_duration_seconds", "histogram", "Time to dispatch one event.");
    quint64 cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += m_buckets[i].load(std::memory_order_relaxed);
        sample("bindery_dispatch_duration_seconds_bucket",
               QByteArray("{le=\"").append(QByteArray::number(kBuckets[i], 'g', 6)).append("\"}"), QByteArray::number(cumulative));
    }
    cumulative += m_buckets[kBuckets.size()].load(std::memory_order_relaxed);
    sample("bindery_dispatch_duration_seconds_bucket", "{le=\"+Inf\"}", QByteArray::number(cumulative));
    sample("bindery_dispatch_duration_seconds_sum", {},
           QByteArray::number(double(m_dispatchNanos.load(std::memory_order_relaxed)) / 1e9, 'g', 9));
    sample("bindery_dispatch_duration_seconds_count", {}, QByteArray::number(dispatches()));
    head("bindery_workflows_created_total", "counter", "Workflows created by event bindings.");
    sample("bindery_workflows_created_total", {}, QByteArray::number(workflowsCreated()));
    head("bindery_binding_errors_total", "counter", "Per-binding dispatch errors (Warning events).");
    sample("bindery_binding_errors_total", {}, QByteArray::number(bindingErrors()));
    return out;
}

} // namespace bindery::net
