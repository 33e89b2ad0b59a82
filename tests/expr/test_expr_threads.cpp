// SPDX-License-Identifier: Apache-2.0
// A compiled program is immutable and runs from many threads at once with the same results.
#include "bindery_test.h"
#include "expr_test_util.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace bindery::expr;
using namespace bindery::expr::test;

class TestExprThreads : public QObject
{
    Q_OBJECT

private slots:
    void concurrentRuns()
    {
        const std::string src = "all(payload.items, .ok) && map(filter(payload.items, .n > 1), .name + \"!\") == [\"b!\"] "
                                "&& payload.message != \"\" && metadata[\"x-e\"] == [\"true\"]";
        const Value e = env("{\"message\": \"m\", \"items\": [{\"ok\": true, \"n\": 1, \"name\": \"a\"}, {\"ok\": true, \"n\": 2, "
                            "\"name\": \"b\"}]}",
                            "{\"x-e\": [\"true\"]}");
        CompileResult c = compile(src, e);
        QVERIFY(c.ok());
        const auto program = c.program();
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                // Each thread also uses its own environment copy (shared strings underneath).
                const Value mine = t % 2 ? e : env("{\"message\": \"\", \"items\": []}", "{}");
                for (int i = 0; i < 2000; ++i) {
                    RunResult r = program->run(mine);
                    const bool expected = t % 2 == 1;
                    if (!r.ok() || !r.value().isBool() || r.value().asBool() != expected)
                        ++failures;
                }
            });
        }
        for (auto &th : threads)
            th.join();
        QCOMPARE(failures.load(), 0);
    }

    void concurrentCompiles()
    {
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 300; ++i) {
                    RunResult r = evaluate("payload.x matches \"^a+$\" && len(payload.x) == 3", env("{\"x\": \"aaa\"}"));
                    if (!r.ok() || !r.value().asBool())
                        ++failures;
                }
            });
        for (auto &th : threads)
            th.join();
        QCOMPARE(failures.load(), 0);
    }
};

BINDERY_TEST_MAIN(TestExprThreads)
#include "test_expr_threads.moc"
