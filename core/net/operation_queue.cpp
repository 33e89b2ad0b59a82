// SPDX-License-Identifier: Apache-2.0
#include "net/operation_queue.h"

#include <algorithm>

namespace bindery::net {

OperationQueue::OperationQueue(int capacity, int workers)
    : m_capacity(capacity < 0 ? 0 : capacity)
{
    const int n = workers < 1 ? 1 : workers;
    m_threads.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        m_threads.emplace_back([this] { run(); });
    // Admission counts idle workers: do not report a full queue only because the threads have not
    // reached their first wait yet.
    std::unique_lock lock(m_mutex);
    m_started.wait(lock, [this, n] { return m_idle == n; });
    m_running = true;
}

OperationQueue::~OperationQueue() { stop(); }

bool OperationQueue::tryReserve()
{
    std::lock_guard lock(m_mutex);
    if (m_stopping)
        return false;
    const int waiting = static_cast<int>(m_jobs.size()) + m_reserved;
    if (waiting >= m_capacity + m_idle)
        return false;
    ++m_reserved;
    return true;
}

void OperationQueue::commit(std::function<void()> job, Wake wake)
{
    bool notify = false;
    {
        std::lock_guard lock(m_mutex);
        --m_reserved;
        m_jobs.push_back(std::move(job));
        // Busy workers come back for the next job on their own; only a sleeping one needs waking.
        if (m_idle > 0) {
            if (wake == Wake::Now)
                notify = true;
            else
                m_deferred.store(true, std::memory_order_relaxed);
        }
    }
    if (notify)
        m_cv.notify_one();
}

void OperationQueue::wakeDeferred()
{
    if (!m_deferred.load(std::memory_order_relaxed))
        return;
    int n = 0, idle = 0;
    {
        std::lock_guard lock(m_mutex);
        m_deferred.store(false, std::memory_order_relaxed);
        n = std::min(m_idle, static_cast<int>(m_jobs.size()));
        idle = m_idle;
    }
    if (n == 0)
        return;
    if (n >= idle)
        m_cv.notify_all();
    else
        for (int i = 0; i < n; ++i)
            m_cv.notify_one();
}

void OperationQueue::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        --m_reserved;
    }
    m_cv.notify_all(); // a stopping worker may be waiting for the last reservation
}

bool OperationQueue::tryPush(std::function<void()> job, Wake wake)
{
    if (!tryReserve())
        return false;
    commit(std::move(job), wake);
    return true;
}

void OperationQueue::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        ++m_idle;
        if (!m_running)
            m_started.notify_all();
        m_cv.wait(lock, [this] { return !m_jobs.empty() || (m_stopping && m_reserved == 0); });
        --m_idle;
        if (m_jobs.empty())
            return; // stopping and drained
        auto job = std::move(m_jobs.front());
        m_jobs.pop_front();
        ++m_busy;
        lock.unlock();
        job();
        lock.lock();
        --m_busy;
    }
}

void OperationQueue::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && m_threads.empty())
            return;
        m_stopping = true;
    }
    m_cv.notify_all();
    for (auto &t : m_threads) {
        if (t.joinable())
            t.join();
    }
    m_threads.clear();
}

int OperationQueue::depth() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_jobs.size()) + m_reserved;
}

int OperationQueue::busyWorkers() const
{
    std::lock_guard lock(m_mutex);
    return m_busy;
}

} // namespace bindery::net
