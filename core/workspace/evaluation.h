// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "argo/catalog.h"
#include "argo/dispatcher.h"
#include "argo/event.h"
#include "argo/lint.h"
#include "expr/program.h"
#include "workspace/workspace_snapshot.h"

#include <QList>
#include <QString>

#include <atomic>
#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

namespace bindery::workspace {

// One workspace event and what Argo would do with it.
struct EventEvaluation {
    QString path;
    QString name;
    argo::Event event;
    // What Argo answers, slimmed for thousands of cells: `result.workflows` is left empty and each
    // outcome's Workflow holds only its name, generateName, namespace, template and binding (what
    // the matrix shows). fullResult() gives one event's result in full.
    argo::DispatchResult result;
    // The outcome for the binding at `bindingIndex` of Catalog::allBindings(); null when the
    // binding is not listed for this event (another namespace).
    const argo::BindingOutcome *outcome(std::size_t bindingIndex) const;
};

// The rows of an Evaluation, in the snapshot's event order. Each row is immutable and shared: an
// evaluation after an edit hands on the rows of the events the edit did not touch instead of
// copying them. Reads like a vector of EventEvaluation.
class EventEvaluations
{
public:
    using Row = std::shared_ptr<const EventEvaluation>;

    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = EventEvaluation;
        using difference_type = std::ptrdiff_t;
        using pointer = const EventEvaluation *;
        using reference = const EventEvaluation &;

        const_iterator() = default;
        explicit const_iterator(std::vector<Row>::const_iterator at)
            : m_at(at)
        {
        }
        reference operator*() const { return **m_at; }
        pointer operator->() const { return m_at->get(); }
        const_iterator &operator++()
        {
            ++m_at;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++m_at;
            return before;
        }
        bool operator==(const const_iterator &) const = default;

    private:
        std::vector<Row>::const_iterator m_at;
    };

    std::size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }
    const EventEvaluation &operator[](std::size_t i) const { return *m_rows[i]; }
    const Row &row(std::size_t i) const { return m_rows[i]; }
    const_iterator begin() const { return const_iterator(m_rows.cbegin()); }
    const_iterator end() const { return const_iterator(m_rows.cend()); }

    void reserve(std::size_t n) { m_rows.reserve(n); }
    void push_back(Row row) { m_rows.push_back(std::move(row)); }

private:
    std::vector<Row> m_rows;
};

// How much of an evaluation was computed and how much was handed on from the previous one.
struct EvaluationStats {
    enum class Kind {
        Full,    // every event against every binding (first evaluation, templates or settings edited)
        Columns, // bindings edited: only their columns re-run, the other cells kept
        Rows,    // only events edited: only their rows re-run
    };
    Kind kind = Kind::Full;
    std::size_t rowsEvaluated = 0; // events dispatched against every binding
    std::size_t rowsUpdated = 0;   // events whose edited columns were re-run, the other cells kept
    std::size_t rowsReused = 0;    // rows handed on untouched
    std::size_t columnsEvaluated = 0; // bindings re-run (Columns), else all of them
    std::size_t documentsParsed = 0;  // manifest documents read (the others were kept from before)
};

// Every event of one workspace snapshot dispatched against its manifests: immutable, shared with
// the views. Built off the UI thread.
struct Evaluation {
    quint64 revision = 0;
    argo::Catalog catalog;
    EventEvaluations events; // in the snapshot's event order; events that do not parse are left out
    std::vector<argo::LintFinding> lint;
    QList<Diagnostic> problems; // manifest errors Argo reports and lint findings, positions in characters
    bool cancelled = false;
    EvaluationStats stats;
    std::shared_ptr<argo::SelectorCache> cache; // compiled expressions, for fullResult()

    const argo::WorkflowEventBinding *binding(std::size_t index) const;
    std::size_t bindingCount() const;
};

argo::Event toArgoEvent(const EventDocument &event);
// The environment the selectors see for `event` ({namespace, discriminator, metadata, payload}),
// or nil with `error` set when Argo would reject the event first (invalid JSON body, ...).
expr::Value eventEnvironment(const EventDocument &event, QString *error = nullptr);

// Dispatches every event of `snapshot`. Stops early (and says so) once `cancelled` is set: a newer
// edit has made this evaluation stale.
std::shared_ptr<const Evaluation> evaluate(const WorkspaceSnapshot &snapshot, const std::atomic_bool *cancelled = nullptr,
                                           std::shared_ptr<argo::SelectorCache> cache = {});

// Evaluates successive snapshots of one workspace and re-runs only what an edit changed: an edited
// event re-runs its row; an edited binding re-runs its column while every other cell is handed on
// (Argo dispatches each binding on its own, except that a Workflow name fixed by
// `submit.metadata.name` can collide with an earlier binding's: such edits, and edits of templates,
// Workflows or settings, re-run everything). The result always equals evaluate(snapshot).
// Full runs spread the events over `threadCount` threads. One evaluation at a time.
class Evaluator
{
public:
    explicit Evaluator(std::shared_ptr<argo::SelectorCache> cache = {});
    ~Evaluator();
    Evaluator(const Evaluator &) = delete;
    Evaluator &operator=(const Evaluator &) = delete;

    void setThreadCount(int threads); // default: QThread::idealThreadCount()
    int threadCount() const;

    // A cancelled evaluation leaves the state as it was: the next one starts from the last complete one.
    std::shared_ptr<const Evaluation> evaluate(const WorkspaceSnapshot &snapshot, const std::atomic_bool *cancelled = nullptr);
    // Forgets the previous evaluation: the next one is full.
    void reset();

private:
    struct State;
    std::unique_ptr<State> d;
};

// `event`'s result in full (Workflows with labels, annotations and parameters, `workflows` filled)
// for the cell the user looks at: the event dispatched again against the evaluation's catalog.
argo::DispatchResult fullResult(const Evaluation &evaluation, const EventEvaluation &event);

// A selector or expression run once with its explanation trace.
struct Explanation {
    QString source;
    bool compiled = false;
    bool ok = false;
    expr::Value value;
    expr::Error error; // when !ok: the compile or run error
    expr::Trace trace;
};
Explanation explain(const std::string &source, const expr::Value &environment);

// Names the editors offer for completion in an environment: the top-level names, every payload
// path (`payload.repository.full_name`, up to `limit`), each header key
// (`metadata["x-github-event"]`) and the builtins.
QStringList completionWords(const expr::Value &environment, int limit = 2000);

} // namespace bindery::workspace
