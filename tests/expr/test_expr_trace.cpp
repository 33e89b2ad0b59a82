// SPDX-License-Identifier: Apache-2.0
// The explanation trace: one entry per syntax node with its source span and its value, error, or
// "not reached" when short-circuiting skipped it.
#include "bindery_test.h"
#include "expr_test_util.h"

using namespace bindery::expr;
using namespace bindery::expr::test;

namespace {

const TraceEntry *entryFor(const Trace &t, const std::string &source, const std::string &text)
{
    for (const TraceEntry &e : t.entries)
        if (source.substr(e.begin, e.end - e.begin) == text)
            return &e;
    return nullptr;
}

} // namespace

class TestExprTrace : public QObject
{
    Q_OBJECT

private slots:
    void valuesAndSkips()
    {
        const std::string src = "payload.a == 1 && payload.b == 2 || payload.c";
        const Value e = env("{\"a\": 0, \"b\": 2, \"c\": true}");
        CompileResult c = compile(src, e);
        QVERIFY(c.ok());
        Trace trace;
        RunOptions options;
        options.trace = &trace;
        RunResult r = c.program()->run(e, options);
        QVERIFY(r.ok());
        QCOMPARE(r.value().asBool(), true);
        QCOMPARE(trace.entries.size(), c.program()->nodeCount());
        QCOMPARE(trace.entries[0].parent, -1);
        QCOMPARE(trace.entries[0].state, TraceEntry::State::Value);

        const TraceEntry *a = entryFor(trace, src, "payload.a == 1");
        QVERIFY(a);
        QCOMPARE(a->state, TraceEntry::State::Value);
        QCOMPARE(a->value.asBool(), false);
        const TraceEntry *b = entryFor(trace, src, "payload.b == 2");
        QVERIFY(b);
        QCOMPARE(b->state, TraceEntry::State::NotReached); // skipped by &&
        const TraceEntry *pc = entryFor(trace, src, "payload.c");
        QVERIFY(pc);
        QCOMPARE(pc->state, TraceEntry::State::Value);
        // Parents come before children.
        for (std::size_t i = 0; i < trace.entries.size(); ++i)
            QVERIFY(trace.entries[i].parent < int(i));
    }

    void errorsAreRecorded()
    {
        const std::string src = "payload.nul.x == 1";
        const Value e = env("{\"nul\": null}");
        CompileResult c = compile(src, e);
        QVERIFY(c.ok());
        Trace trace;
        RunOptions options;
        options.trace = &trace;
        RunResult r = c.program()->run(e, options);
        QVERIFY(!r.ok());
        const TraceEntry *m = entryFor(trace, src, "payload.nul.x");
        QVERIFY(m);
        QCOMPARE(m->state, TraceEntry::State::Error);
        QCOMPARE(m->error, std::string("cannot fetch x from <nil>"));
        QCOMPARE(trace.entries[0].state, TraceEntry::State::Error);
    }

    void predicatesCountEvaluations()
    {
        const std::string src = "filter([1, 2, 3], # > 1)";
        CompileResult c = compile(src, env());
        QVERIFY(c.ok());
        Trace trace;
        RunOptions options;
        options.trace = &trace;
        QVERIFY(c.program()->run(env(), options).ok());
        const TraceEntry *p = entryFor(trace, src, "# > 1");
        QVERIFY(p);
        QCOMPARE(p->evaluations, 3);
    }

    void traceDoesNotChangeResults()
    {
        const std::string src = "map(payload.items, .n * 2)";
        const Value e = env("{\"items\": [{\"n\": 1}, {\"n\": 2}]}");
        CompileResult c = compile(src, e);
        QVERIFY(c.ok());
        Trace trace;
        RunOptions options;
        options.trace = &trace;
        QCOMPARE(resultValueJson(c.program()->run(e, options).value()), resultValueJson(c.program()->run(e).value()));
    }
};

BINDERY_TEST_MAIN(TestExprTrace)
#include "test_expr_trace.moc"
