// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/operation_queue.h"

#include <QScopeGuard>
#include <QSemaphore>

#include <atomic>

using bindery::net::OperationQueue;

class TestOperationQueue : public QObject
{
    Q_OBJECT
private slots:
    // Argo's non-blocking send on a buffered channel: capacity + idle workers, never more.
    void admission_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("workers");
        QTest::newRow("unbuffered, one worker") << 0 << 1;
        QTest::newRow("argo defaults") << 16 << 4;
        QTest::newRow("buffer 3, two workers") << 3 << 2;
    }
    void admission()
    {
        QFETCH(int, capacity);
        QFETCH(int, workers);
        QSemaphore gate, started;
        std::atomic<int> ran{0};
        OperationQueue queue(capacity, workers);
        auto unblock = qScopeGuard([&] { gate.release(1000); }); // a failed check must not hang the drain
        auto job = [&] {
            started.release();
            gate.acquire();
            ran.fetch_add(1);
        };
        // Fill every worker first (each takes one job and blocks), then the buffer.
        for (int i = 0; i < workers; ++i) {
            QVERIFY(queue.tryPush(job));
            QVERIFY(started.tryAcquire(1, 10000));
        }
        QCOMPARE(queue.busyWorkers(), workers);
        for (int i = 0; i < capacity; ++i)
            QVERIFY2(queue.tryPush(job), qPrintable(QString::number(i)));
        QVERIFY(!queue.tryPush(job)); // full: the caller answers 503
        QCOMPARE(queue.depth(), capacity);
        // A reservation holds a slot until it is cancelled.
        gate.release(1);
        QVERIFY(capacity == 0 || started.tryAcquire(1, 10000)); // a worker takes a buffered job
        gate.release(workers + capacity);
        queue.stop(); // drains what was accepted
        QCOMPARE(ran.load(), workers + capacity);
        QVERIFY(!queue.tryReserve()); // closed
    }
    // Deferred wakes: jobs committed during a pass are all run once the pass ends
    // (wakeDeferred), by as many idle workers as there are jobs; a pass with nothing deferred is a
    // no-op; admission still counts the sleeping workers.
    void deferredWake_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("jobs");
        QTest::newRow("one worker, one job") << 1 << 1;
        QTest::newRow("four workers, two jobs") << 4 << 2;
        QTest::newRow("two workers, six jobs") << 2 << 6;
    }
    void deferredWake()
    {
        QFETCH(int, workers);
        QFETCH(int, jobs);
        QSemaphore done;
        OperationQueue queue(jobs, workers);
        queue.wakeDeferred(); // nothing deferred: nothing happens
        QCOMPARE(queue.depth(), 0);
        for (int i = 0; i < jobs; ++i)
            QVERIFY(queue.tryPush([&] { done.release(); }, OperationQueue::Wake::Deferred));
        queue.wakeDeferred();
        QVERIFY(done.tryAcquire(jobs, 10000));
        QCOMPARE(queue.depth(), 0);
    }

    void reserveAndCancel()
    {
        QSemaphore gate, started;
        OperationQueue queue(1, 1);
        auto unblock = qScopeGuard([&] { gate.release(1000); });
        QVERIFY(queue.tryPush([&] { started.release(); gate.acquire(); }));
        QVERIFY(started.tryAcquire(1, 10000));
        QVERIFY(queue.tryReserve());
        QVERIFY(!queue.tryReserve());
        queue.cancel();
        QVERIFY(queue.tryReserve());
        std::atomic<bool> ran{false};
        queue.commit([&] { ran = true; });
        gate.release();
        queue.stop();
        QVERIFY(ran.load());
    }
};

BINDERY_TEST_MAIN(TestOperationQueue)
#include "test_operation_queue.moc"
