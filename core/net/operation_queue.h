// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
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

    // When an idle worker is woken for a job. Deferred: by the next wakeDeferred(), so that a
    // producer that commits many jobs in one pass (an I/O thread's event-loop iteration) wakes
    // each sleeping worker at most once per pass instead of once per job; the jobs still wait no
    // longer than that pass.
    enum class Wake { Now, Deferred };

    // Two-step admission so that the caller can journal an accepted event before any worker can
    // see it: tryReserve() takes a slot (false: full), then commit() or cancel() releases it.
    bool tryReserve();
    void commit(std::function<void()> job, Wake wake = Wake::Now);
    void cancel();
    // tryReserve() + commit() in one.
    bool tryPush(std::function<void()> job, Wake wake = Wake::Now);
    // Wakes as many idle workers as there are jobs committed with Wake::Deferred still waiting.
    // Cheap when there is nothing to do (one relaxed atomic load).
    void wakeDeferred();

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
    std::condition_variable m_started;
    std::deque<std::function<void()>> m_jobs;
    int m_reserved = 0;
    int m_idle = 0;
    int m_busy = 0;
    bool m_stopping = false;
    bool m_running = false; // every worker reached its first wait once
    std::atomic<bool> m_deferred{false}; // jobs were committed without waking anyone
    std::vector<std::thread> m_threads;
};

} // namespace bindery::net
