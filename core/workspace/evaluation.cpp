// SPDX-License-Identifier: Apache-2.0
#include "workspace/evaluation.h"

#include "workspace/evaluation_manifests.h"

#include "argo/go_text.h"
#include "expr/builtins.h"
#include "workspace/lint_fix.h"

#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

namespace bindery::workspace {

namespace {

// Argo reports columns in bytes; the editors count characters.
int characterColumn(const QByteArray &text, int line, int byteColumn)
{
    if (line <= 0 || byteColumn <= 1)
        return byteColumn;
    qsizetype start = 0;
    for (int l = 1; l < line; ++l) {
        start = text.indexOf('\n', start);
        if (start < 0)
            return byteColumn;
        ++start;
    }
    return int(QString::fromUtf8(text.mid(start, byteColumn - 1)).size()) + 1;
}

Diagnostic toDiagnostic(const WorkspaceSnapshot &snapshot, argo::Severity severity, const argo::SourceLocation &at,
                        const QString &message)
{
    Diagnostic d;
    d.file = QString::fromStdString(at.file);
    d.line = at.line;
    const auto entry = snapshot.file(d.file);
    d.column = entry ? characterColumn(entry->text, at.line, at.column) : at.column;
    d.message = message;
    d.severity = severity == argo::Severity::Error ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning;
    return d;
}

// Where character `column` of line `line` of a selector lies in its manifest file: exact for every
// YAML style the loader could match up (see WorkflowEventBinding::selectorSegments), otherwise the
// selector's start.
std::pair<int, int> selectorPosition(const WorkspaceSnapshot &snapshot, const argo::WorkflowEventBinding &binding,
                                     int line, int column)
{
    const std::string &selector = binding.selector;
    std::size_t offset = 0;
    for (int l = 1; l < line && offset < selector.size(); ++l) {
        const std::size_t next = selector.find('\n', offset);
        offset = next == std::string::npos ? selector.size() : next + 1;
    }
    for (int c = 1; c < column && offset < selector.size(); ++c) { // characters to UTF-8 bytes
        ++offset;
        while (offset < selector.size() && (static_cast<unsigned char>(selector[offset]) & 0xC0) == 0x80)
            ++offset;
    }
    const argo::SourceLocation at = binding.selectorOffsetLocation(offset);
    const auto entry = snapshot.file(QString::fromStdString(at.file));
    return {at.line, entry ? characterColumn(entry->text, at.line, at.column) : at.column};
}

// Whether a selector compiles against an environment, remembered from one evaluation to the next:
// an unchanged event keeps its environment object (the entry holds it, so its address stays its own).
class SelectorCompiles
{
public:
    // The compile error, or nullopt when `selector` compiles against `environment`.
    std::optional<expr::Error> check(const std::string &selector, const expr::Value &environment)
    {
        const void *identity = environment.heapIdentity();
        if (!identity)
            return compile(selector, environment);
        const auto key = std::make_pair(selector, identity);
        if (const auto it = m_current.find(key); it != m_current.end())
            return it->second.error;
        if (const auto it = m_previous.find(key); it != m_previous.end())
            return m_current.emplace(key, std::move(it->second)).first->second.error;
        return m_current.emplace(key, Entry{environment, compile(selector, environment)}).first->second.error;
    }
    void sweep()
    {
        m_previous = std::move(m_current);
        m_current.clear();
    }

private:
    static std::optional<expr::Error> compile(const std::string &selector, const expr::Value &environment)
    {
        const expr::CompileResult compiled = expr::compile(selector, environment);
        return compiled.ok() ? std::nullopt : std::optional<expr::Error>(compiled.error());
    }
    struct Entry {
        expr::Value environment;
        std::optional<expr::Error> error;
    };
    std::map<std::pair<std::string, const void *>, Entry> m_previous, m_current;
};

// A selector that does not compile for some event, as a problem at the exact spot in the file.
void addSelectorProblems(const WorkspaceSnapshot &snapshot, Evaluation &evaluation, SelectorCompiles &compiles)
{
    for (std::size_t b = 0; b < evaluation.bindingCount(); ++b) {
        const argo::WorkflowEventBinding &binding = *evaluation.binding(b);
        if (!binding.hasSelector || binding.selectorLocation.file.empty())
            continue;
        for (const EventEvaluation &e : evaluation.events) {
            const argo::BindingOutcome *o = e.outcome(b);
            if (!o || o->status != argo::BindingStatus::Error || e.result.environment.isNil())
                continue;
            const std::optional<expr::Error> error = compiles.check(binding.selector, e.result.environment);
            if (!error)
                break; // this binding fails later (template, parameters): not its selector's fault
            const auto [line, column] = selectorPosition(snapshot, binding, error->line(), error->column());
            Diagnostic d;
            d.file = QString::fromStdString(binding.selectorLocation.file);
            d.line = line;
            d.column = column;
            d.message = QStringLiteral("selector: %1 (for event “%2”)")
                            .arg(QString::fromStdString(error->message()), e.name);
            d.rule = QStringLiteral("selector-compile");
            evaluation.problems.append(d);
            break;
        }
    }
}

} // namespace

const argo::BindingOutcome *EventEvaluation::outcome(std::size_t bindingIndex) const
{
    // Every binding listed (one namespace): the outcome sits at its own index.
    if (bindingIndex < result.outcomes.size() && result.outcomes[bindingIndex].bindingIndex == bindingIndex)
        return &result.outcomes[bindingIndex];
    for (const argo::BindingOutcome &o : result.outcomes)
        if (o.bindingIndex == bindingIndex)
            return &o;
    return nullptr;
}

const argo::WorkflowEventBinding *Evaluation::binding(std::size_t index) const
{
    const auto &all = catalog.allBindings();
    return index < all.size() ? &all[index] : nullptr;
}

std::size_t Evaluation::bindingCount() const { return catalog.allBindings().size(); }

argo::Event toArgoEvent(const EventDocument &event)
{
    argo::Event e;
    e.namespace_ = event.namespaceName.toStdString();
    e.discriminator = event.discriminator.toStdString();
    for (const EventHeader &h : event.headers)
        e.headers.push_back({h.name.toStdString(), h.value.trimmed().toStdString()});
    e.body = event.body.toStdString();
    return e;
}

expr::Value eventEnvironment(const EventDocument &event, QString *error)
{
    const argo::Environment env = argo::buildEnvironment(toArgoEvent(event), argo::RequestContext());
    if (!env.ok() && error)
        *error = QString::fromStdString(env.message);
    return env.value;
}

namespace {

// ---- which bindings an edit touched ---------------------------------------------------------------

// A binding's document as written, for telling which bindings an edit touched.
struct BindingSource {
    std::string namespace_; // as written ("" = the default namespace)
    std::string name;
    std::string file;
    std::string text; // from its document's first line to the next object's
    bool fixedName = false; // submit.metadata.name set: its Workflow name can collide with another binding's

    bool sameObject(const BindingSource &o) const
    {
        return namespace_ == o.namespace_ && name == o.name && file == o.file;
    }
};

// The manifests split in two: the bindings' documents, and everything else (templates, Workflows,
// the text between documents, unreadable files, the settings). Every byte of every manifest file
// lands in exactly one of them, so an edit that leaves `context` alone touched only the bindings
// whose text changed.
struct ManifestSources {
    std::string context;
    std::vector<BindingSource> bindings; // in document order

    // The bindings touched between `before` and this, as (namespace as written, name) — or nullopt
    // when the edit reaches further (context, bindings added, removed, renamed, or one with a fixed
    // Workflow name changed).
    std::optional<std::set<std::pair<std::string, std::string>>> touchedSince(const ManifestSources &before) const
    {
        if (context != before.context || bindings.size() != before.bindings.size())
            return std::nullopt;
        std::set<std::pair<std::string, std::string>> touched;
        for (std::size_t i = 0; i < bindings.size(); ++i) {
            const BindingSource &now = bindings[i];
            const BindingSource &then = before.bindings[i];
            if (!now.sameObject(then))
                return std::nullopt;
            if (now.text == then.text)
                continue;
            if (now.fixedName || then.fixedName)
                return std::nullopt;
            touched.emplace(now.namespace_, now.name);
        }
        return touched;
    }
};

void addSources(ManifestSources &sources, const FileEntry &file, const argo::ManifestSet &set)
{
    const std::string path = file.path.toStdString();
    const std::string_view text(file.text.constData(), std::size_t(file.text.size()));
    sources.context += '\x1c';
    sources.context += path;
    sources.context += '\x1d';
    // Documents start at their first line; a file that does not load cleanly is context as a whole.
    std::vector<int> starts;
    bool clean = true;
    for (const argo::Diagnostic &d : set.diagnostics)
        clean = clean && d.severity != argo::Severity::Error;
    for (const auto &t : set.templates)
        starts.push_back(t.location.line);
    for (const auto &b : set.bindings)
        starts.push_back(b.location.line);
    for (const auto &w : set.workflows)
        starts.push_back(w.location.line);
    for (const auto &u : set.unknown)
        starts.push_back(u.location.line);
    std::sort(starts.begin(), starts.end());
    clean = clean && !starts.empty() && starts.front() > 0 && std::adjacent_find(starts.begin(), starts.end()) == starts.end();
    if (!clean || set.bindings.empty()) {
        sources.context += text;
        return;
    }
    std::vector<std::size_t> lineOffsets{0, 0}; // 1-based: line l starts at lineOffsets[l]
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n')
            lineOffsets.push_back(i + 1);
    const auto offsetOf = [&](int line) {
        return std::size_t(line) < lineOffsets.size() ? lineOffsets[std::size_t(line)] : text.size();
    };
    std::vector<std::pair<std::size_t, std::size_t>> cuts; // binding ranges, in file order
    for (const argo::WorkflowEventBinding &b : set.bindings) {
        const int line = b.location.line;
        const auto next = std::upper_bound(starts.begin(), starts.end(), line);
        const std::size_t from = offsetOf(line);
        const std::size_t to = next == starts.end() ? text.size() : offsetOf(*next);
        BindingSource source;
        source.namespace_ = b.metadata.namespace_;
        source.name = b.metadata.name;
        source.file = path;
        source.text = std::string(text.substr(from, to - from));
        source.fixedName = b.submit && !b.submit->metadata.name.empty();
        sources.bindings.push_back(std::move(source));
        cuts.emplace_back(from, to);
    }
    std::sort(cuts.begin(), cuts.end());
    std::size_t at = 0;
    for (const auto &[from, to] : cuts) {
        sources.context += text.substr(at, from - at);
        sources.context += '\x1e'; // a binding was here
        at = to;
    }
    sources.context += text.substr(at);
}

// ---- the rows -------------------------------------------------------------------------------------

std::string errorBody(int code, const std::string &message)
{
    std::string body = "{\"code\":" + std::to_string(code) + ",\"message\":";
    argo::gotext::appendJsonString(body, message);
    body += '}';
    return body;
}

// The parts of a DispatchResult that follow from its outcomes, as Dispatcher::dispatch sums them
// up: a Warning per failed binding and the answer (the tests check that an updated row equals a
// fresh dispatch). The rows leave `workflows` empty (see EventEvaluation).
void summarize(argo::DispatchResult &result)
{
    result.events.clear();
    std::string errors;
    for (const argo::BindingOutcome &o : result.outcomes) {
        if (o.status == argo::BindingStatus::Error) {
            result.events.push_back(argo::WarningEvent{o.bindingName, o.bindingNamespace, "Warning",
                                                       "WorkflowEventBindingError", "failed to dispatch event: " + o.error});
            if (result.events.size() > 1)
                errors += ' ';
            errors += o.error;
        }
    }
    if (result.events.empty()) {
        result.httpStatus = 200;
        result.grpcCode = 0;
        result.message.clear();
        result.responseBody = "{}";
        return;
    }
    result.httpStatus = 500;
    result.grpcCode = 13;
    result.message = "failed to dispatch event: [" + errors + ']';
    result.responseBody = errorBody(13, result.message);
}

// What the rows keep of a Workflow (see EventEvaluation): copying and keeping labels, annotations
// and parameters for every cell would cost more than the whole re-evaluation.
void slim(argo::BindingOutcome &outcome)
{
    if (!outcome.workflow)
        return;
    argo::Workflow &full = *outcome.workflow;
    argo::Workflow kept;
    kept.name = std::move(full.name);
    kept.generateName = std::move(full.generateName);
    kept.namespace_ = std::move(full.namespace_);
    kept.templateName = std::move(full.templateName);
    kept.clusterScope = full.clusterScope;
    kept.bindingName = std::move(full.bindingName);
    full = std::move(kept);
}

void slim(argo::DispatchResult &result)
{
    result.workflows = {};
    for (argo::BindingOutcome &o : result.outcomes)
        slim(o);
}

// Runs fn(0) … fn(count - 1) on up to `threads` threads (the caller's included), in chunks, until
// done or cancelled.
template <typename Fn>
void parallelFor(std::size_t count, int threads, const std::atomic_bool *cancelled, Fn &&fn)
{
    constexpr std::size_t chunk = 16;
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (;;) {
            if (cancelled && cancelled->load(std::memory_order_relaxed))
                return;
            const std::size_t begin = next.fetch_add(chunk, std::memory_order_relaxed);
            if (begin >= count)
                return;
            for (std::size_t i = begin; i < std::min(count, begin + chunk); ++i)
                fn(i);
        }
    };
    // A thread costs tens of microseconds: only worth it for a few chunks each.
    const std::size_t helpers = std::min<std::size_t>(std::size_t(std::max(threads, 1)) - 1, count / (4 * chunk));
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
}

} // namespace

// ---- Evaluator ------------------------------------------------------------------------------------

struct Evaluator::State {
    std::shared_ptr<argo::SelectorCache> cache;
    int threads = std::max(1, QThread::idealThreadCount());

    // The last complete evaluation and what it was made from (the snapshot keeps the entries
    // alive, so an entry's address identifies its text).
    WorkspaceSnapshot snapshot;
    std::shared_ptr<const Evaluation> evaluation;
    std::unordered_map<const FileEntry *, EventEvaluations::Row> rows;
    std::shared_ptr<const argo::Dispatcher> dispatcher;
    ManifestSources sources;
    QList<Diagnostic> manifestProblems; // Argo's diagnostics and lint findings
    ManifestDocuments documents; // manifest documents as last loaded
    SelectorCompiles compiles;
};

Evaluator::Evaluator(std::shared_ptr<argo::SelectorCache> cache)
    : d(std::make_unique<State>())
{
    d->cache = cache ? std::move(cache) : std::make_shared<argo::SelectorCache>();
}

Evaluator::~Evaluator() = default;

void Evaluator::setThreadCount(int threads) { d->threads = std::max(1, threads); }
int Evaluator::threadCount() const { return d->threads; }

void Evaluator::reset()
{
    const auto cache = d->cache;
    const int threads = d->threads;
    d = std::make_unique<State>();
    d->cache = cache;
    d->threads = threads;
}

std::shared_ptr<const Evaluation> Evaluator::evaluate(const WorkspaceSnapshot &snapshot, const std::atomic_bool *cancelled)
{
    auto evaluation = std::make_shared<Evaluation>();
    evaluation->revision = snapshot.revision();
    evaluation->cache = d->cache;
    const std::string defaultNamespace = snapshot.index().namespaceName.toStdString();

    // The manifests: unchanged since the last evaluation, or loaded again (file by file).
    const bool manifestsUnchanged = d->evaluation && d->snapshot.manifests() == snapshot.manifests()
        && d->snapshot.index().namespaceName == snapshot.index().namespaceName;
    ManifestSources sources;
    std::map<QString, std::pair<WorkspaceSnapshot::Entry, argo::ManifestSet>> loaded;
    std::optional<std::set<std::pair<std::string, std::string>>> touched; // bindings edited, when that is all
    if (manifestsUnchanged) {
        evaluation->catalog = d->evaluation->catalog;
        evaluation->lint = d->evaluation->lint;
        evaluation->problems = d->manifestProblems;
        touched.emplace();
    } else {
        argo::ManifestSet manifests;
        QSet<QString> filesWithProblems;
        sources.context = defaultNamespace;
        for (const auto &m : snapshot.manifests()) {
            if (!m->problems.isEmpty())
                filesWithProblems.insert(m->path); // already reported by the workspace, once is enough
            auto &[entry, set] = loaded[m->path];
            entry = m;
            set = d->documents.load(std::string_view(m->text.constData(), std::size_t(m->text.size())),
                                    m->path.toStdString());
            addSources(sources, *m, set);
            manifests.append(argo::ManifestSet(set));
        }
        for (const argo::Diagnostic &diagnostic : manifests.diagnostics) {
            if (!filesWithProblems.contains(QString::fromStdString(diagnostic.location.file)))
                evaluation->problems.append(toDiagnostic(snapshot, diagnostic.severity, diagnostic.location,
                                                         QString::fromStdString(diagnostic.message)));
        }
        evaluation->lint = argo::lint(manifests, defaultNamespace);
        for (const argo::LintFinding &f : evaluation->lint) {
            QString message = QString::fromStdString(f.message);
            if (!f.suggestion.empty())
                message += QStringLiteral(" (fix: %1)").arg(QString::fromStdString(f.suggestion));
            message += QStringLiteral(" [%1]").arg(QString::fromStdString(f.rule));
            Diagnostic diagnostic = toDiagnostic(snapshot, f.severity, f.location, message);
            diagnostic.rule = QString::fromStdString(f.rule);
            const auto entry = snapshot.file(diagnostic.file);
            if (entry && hasMechanicalFix(f.rule)) {
                const auto file = loaded.find(QString::fromStdString(f.location.file));
                diagnostic.fix = lintFix(entry->text, f, file == loaded.end() ? nullptr : &file->second.second);
            }
            evaluation->problems.append(diagnostic);
        }

        argo::CatalogOptions catalogOptions;
        catalogOptions.defaultNamespace = defaultNamespace;
        evaluation->catalog = argo::Catalog::fromManifests(manifests, catalogOptions);
        evaluation->stats.documentsParsed = d->documents.documentsParsed();
        d->documents.sweep();
        if (d->evaluation)
            touched = sources.touchedSince(d->sources);
    }
    QList<Diagnostic> manifestProblems = evaluation->problems; // the selectors' problems follow
    // Which cells to run: the columns of the touched bindings, the rows of new or edited events.
    const auto &bindings = evaluation->catalog.allBindings();
    std::vector<std::size_t> subToFull; // index in the column catalog → index in the full one
    std::shared_ptr<const argo::Dispatcher> columnDispatcher;
    argo::DispatcherOptions options;
    options.cache = d->cache;
    std::shared_ptr<const argo::Dispatcher> dispatcher = manifestsUnchanged
        ? d->dispatcher
        : std::make_shared<const argo::Dispatcher>(evaluation->catalog, options);
    EvaluationStats &stats = evaluation->stats;
    stats.kind = !touched ? EvaluationStats::Kind::Full
                          : (touched->empty() ? EvaluationStats::Kind::Rows : EvaluationStats::Kind::Columns);
    stats.columnsEvaluated = bindings.size();
    if (stats.kind == EvaluationStats::Kind::Columns) {
        argo::ManifestSet columns;
        columns.templates.insert(columns.templates.end(), evaluation->catalog.templates().begin(),
                                 evaluation->catalog.templates().end());
        columns.templates.insert(columns.templates.end(), evaluation->catalog.clusterTemplates().begin(),
                                 evaluation->catalog.clusterTemplates().end());
        for (const auto &[path, fileAndSet] : loaded)
            columns.workflows.insert(columns.workflows.end(), fileAndSet.second.workflows.begin(),
                                     fileAndSet.second.workflows.end());
        std::vector<std::size_t> touchedColumns;
        for (std::size_t i = 0; i < bindings.size(); ++i) {
            // `touched` names namespaces as written; the catalog resolves the default one.
            const auto &meta = bindings[i].metadata;
            if (touched->count({meta.namespace_, meta.name})
                || (meta.namespace_ == defaultNamespace && touched->count({std::string(), meta.name}))) {
                columns.bindings.push_back(bindings[i]);
                touchedColumns.push_back(i);
            }
        }
        argo::CatalogOptions catalogOptions;
        catalogOptions.defaultNamespace = defaultNamespace;
        const argo::Catalog columnCatalog = argo::Catalog::fromManifests(columns, catalogOptions);
        for (const argo::WorkflowEventBinding &b : columnCatalog.allBindings()) {
            const auto full = std::find_if(touchedColumns.begin(), touchedColumns.end(), [&](std::size_t i) {
                return bindings[i].metadata.name == b.metadata.name && bindings[i].metadata.namespace_ == b.metadata.namespace_;
            });
            subToFull.push_back(full == touchedColumns.end() ? bindings.size() : *full);
        }
        stats.columnsEvaluated = touchedColumns.size();
        columnDispatcher = std::make_shared<const argo::Dispatcher>(columnCatalog, options);
    }

    struct Task {
        const FileEntry *entry;
        EventEvaluations::Row previous;
        EventEvaluations::Row row;
    };
    std::vector<Task> tasks;
    tasks.reserve(std::size_t(snapshot.events().size()));
    for (const auto &entry : snapshot.events()) {
        if (!entry->event)
            continue;
        const auto previous = d->rows.find(entry.get());
        tasks.push_back(Task{entry.get(), previous == d->rows.end() ? nullptr : previous->second, nullptr});
    }
    const argo::RequestContext context;
    const auto dispatchRow = [&](Task &task) {
        auto row = std::make_shared<EventEvaluation>();
        row->path = task.entry->path;
        row->name = task.entry->event->name;
        row->event = task.previous ? task.previous->event : toArgoEvent(*task.entry->event);
        // An unchanged event keeps the environment it had: decoding the body is most of a dispatch.
        const bool known = task.previous && !task.previous->result.environment.isNil();
        row->result = known ? dispatcher->dispatch(row->event, task.previous->result.environment, context)
                            : dispatcher->dispatch(row->event, context);
        slim(row->result);
        return row;
    };
    // The touched columns re-run; the other cells are taken over. A rejected event (bad body) never
    // reaches a binding: its row stays as it was.
    const auto updateRow = [&](Task &task) -> EventEvaluations::Row {
        const EventEvaluation &previous = *task.previous;
        if (previous.result.environment.isNil())
            return task.previous;
        // The event is unchanged: its environment is reused, not decoded again.
        argo::DispatchResult columns = columnDispatcher->dispatch(previous.event, previous.result.environment, context);
        auto row = std::make_shared<EventEvaluation>();
        row->path = previous.path;
        row->name = previous.name;
        row->event = previous.event;
        row->result.environment = previous.result.environment;
        row->result.outcomes = previous.result.outcomes;
        for (argo::BindingOutcome &o : columns.outcomes) {
            const std::size_t full = o.bindingIndex < subToFull.size() ? subToFull[o.bindingIndex] : bindings.size();
            const auto at = std::find_if(row->result.outcomes.begin(), row->result.outcomes.end(),
                                         [&](const argo::BindingOutcome &p) { return p.bindingIndex == full; });
            if (at == row->result.outcomes.end())
                return dispatchRow(task); // not listed before: cannot happen with the same bindings, but be exact
            o.bindingIndex = full;
            *at = std::move(o);
            slim(*at);
        }
        summarize(row->result);
        return row;
    };
    parallelFor(tasks.size(), d->threads, cancelled, [&](std::size_t i) {
        Task &task = tasks[i];
        if (!task.previous || stats.kind == EvaluationStats::Kind::Full)
            task.row = dispatchRow(task);
        else if (stats.kind == EvaluationStats::Kind::Rows)
            task.row = task.previous;
        else
            task.row = updateRow(task);
    });
    if (cancelled && cancelled->load(std::memory_order_relaxed)) {
        evaluation->cancelled = true;
        return evaluation;
    }

    std::unordered_map<const FileEntry *, EventEvaluations::Row> rows;
    rows.reserve(tasks.size());
    evaluation->events.reserve(tasks.size());
    for (const Task &task : tasks) {
        if (task.row == task.previous)
            ++stats.rowsReused;
        else if (task.previous && stats.kind == EvaluationStats::Kind::Columns)
            ++stats.rowsUpdated;
        else
            ++stats.rowsEvaluated;
        rows.emplace(task.entry, task.row);
        evaluation->events.push_back(task.row);
    }
    addSelectorProblems(snapshot, *evaluation, d->compiles);
    d->compiles.sweep();

    d->snapshot = snapshot;
    d->evaluation = evaluation;
    d->rows = std::move(rows);
    d->dispatcher = std::move(dispatcher);
    d->manifestProblems = std::move(manifestProblems);
    if (!manifestsUnchanged)
        d->sources = std::move(sources);
    return evaluation;
}

argo::DispatchResult fullResult(const Evaluation &evaluation, const EventEvaluation &event)
{
    argo::DispatcherOptions options;
    options.cache = evaluation.cache;
    return argo::Dispatcher(evaluation.catalog, options).dispatch(event.event, argo::RequestContext());
}

std::shared_ptr<const Evaluation> evaluate(const WorkspaceSnapshot &snapshot, const std::atomic_bool *cancelled,
                                           std::shared_ptr<argo::SelectorCache> cache)
{
    Evaluator evaluator(std::move(cache));
    return evaluator.evaluate(snapshot, cancelled);
}

Explanation explain(const std::string &source, const expr::Value &environment)
{
    Explanation x;
    x.source = QString::fromStdString(source);
    const expr::CompileResult compiled = expr::compile(source, environment);
    if (!compiled.ok()) {
        x.error = compiled.error();
        return x;
    }
    x.compiled = true;
    expr::RunOptions options;
    options.trace = &x.trace;
    const expr::RunResult run = compiled.program()->run(environment, options);
    x.ok = run.ok();
    if (x.ok)
        x.value = run.value();
    else
        x.error = run.error();
    return x;
}

namespace {

void collectPaths(const expr::Value &value, const QString &prefix, int depth, int limit, QStringList *out)
{
    if (depth > 8 || out->size() >= limit)
        return;
    if (value.kind() == expr::Kind::Map) {
        static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
        for (const expr::MapEntry &entry : value.asMap()) {
            const QString key = QString::fromStdString(std::string(entry.key.asString()));
            const QString path = identifier.match(key).hasMatch() ? QString(prefix + u'.' + key)
                                                                  : QString(prefix + QStringLiteral("[\"%1\"]").arg(key));
            out->append(path);
            collectPaths(entry.value, path, depth + 1, limit, out);
        }
    } else if (value.kind() == expr::Kind::Array && !value.asArray().empty()) {
        // The first element stands for all: `payload.commits[0].id`.
        const QString path = prefix + QStringLiteral("[0]");
        out->append(path);
        collectPaths(value.asArray().front(), path, depth + 1, limit, out);
    }
}

} // namespace

QStringList completionWords(const expr::Value &environment, int limit)
{
    QStringList words{QStringLiteral("namespace"), QStringLiteral("discriminator"), QStringLiteral("metadata"),
                      QStringLiteral("payload")};
    if (const expr::Value *metadata = environment.find("metadata"); metadata && metadata->kind() == expr::Kind::Map)
        for (const expr::MapEntry &entry : metadata->asMap())
            words << QStringLiteral("metadata[\"%1\"]").arg(QString::fromStdString(std::string(entry.key.asString())));
    if (const expr::Value *payload = environment.find("payload"))
        collectPaths(*payload, QStringLiteral("payload"), 0, limit, &words);
    for (int id = 0; id < int(expr::Builtin::Count_); ++id)
        words << QString::fromUtf8(expr::builtinName(id).data(), qsizetype(expr::builtinName(id).size()));
    return words;
}

} // namespace bindery::workspace
