// SPDX-License-Identifier: Apache-2.0
#include "net/operation_queue.h"

namespace bindery::net {

OperationQueue::OperationQueue(int capacity, int workers)
    : m_capacity(capacity < 0 ? 0 : capacity)
{
    const int n = workers < 1 ? 1 : workers;
    m_threads.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        m_threads.emplace_back([this] { run(); });
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

void OperationQueue::commit(std::function<void()> job)
{
    {
        std::lock_guard lock(m_mutex);
        --m_reserved;
        m_jobs.push_back(std::move(job));
    }
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

bool OperationQueue::tryPush(std::function<void()> job)
{
    if (!tryReserve())
        return false;
    commit(std::move(job));
    return true;
}

void OperationQueue::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        ++m_idle;
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
