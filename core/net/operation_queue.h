// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bindery::net {

// Argo's async dispatch: a buffered channel of `capacity` operations drained by `workers` threads.
// Admission is a non-blocking send: it succeeds while fewer than capacity + idle-worker operations
// wait, so with capacity 0 an event is taken only when a worker is idle at that instant. Nothing is
// ever buffered beyond that: back-pressure is the caller's 503.
class OperationQueue
{
public:
    OperationQueue(int capacity, int workers);
    ~OperationQueue(); // drains what was accepted, then joins
    OperationQueue(const OperationQueue &) = delete;
    OperationQueue &operator=(const OperationQueue &) = delete;

    // Two-step admission so that the caller can journal an accepted event before any worker can
    // see it: tryReserve() takes a slot (false: full), then commit() or cancel() releases it.
    bool tryReserve();
    void commit(std::function<void()> job);
    void cancel();
    // tryReserve() + commit() in one.
    bool tryPush(std::function<void()> job);

    // Closes the queue: later reservations fail; accepted jobs still run. Joins the workers.
    void stop();

    int capacity() const { return m_capacity; }
    int workerCount() const { return static_cast<int>(m_threads.size()); }
    int depth() const;       // accepted, not yet taken by a worker
    int busyWorkers() const;

private:
    void run();

    const int m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::function<void()>> m_jobs;
    int m_reserved = 0;
    int m_idle = 0;
    int m_busy = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace bindery::net
