// SPDX-License-Identifier: Apache-2.0
#include "workspace/evaluation.h"

#include "expr/builtins.h"
#include "workspace/lint_fix.h"

#include <QRegularExpression>

#include <map>

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

// Where character `column` of line `line` of a selector lies in its manifest file. Exact for
// single-line plain and quoted scalars and for literal blocks (`|`); otherwise the selector's start.
std::pair<int, int> selectorPosition(const WorkspaceSnapshot &snapshot, const argo::WorkflowEventBinding &binding,
                                     int line, int column)
{
    const argo::SourceLocation &at = binding.selectorLocation;
    const auto entry = snapshot.file(QString::fromStdString(at.file));
    if (!entry)
        return {at.line, at.column};
    const int start = characterColumn(entry->text, at.line, at.column);
    if (binding.selectorIsSingleLine && line == 1)
        return {at.line, start + (binding.selectorStyle ? 1 : 0) + column - 1};
    if (binding.selectorStyle == '|') {
        const QList<QByteArray> lines = entry->text.split('\n');
        int indent = 0;
        for (int l = at.line; l < lines.size(); ++l) { // the first non-empty content line sets it
            const QByteArray &text = lines[l];
            if (text.trimmed().isEmpty())
                continue;
            while (indent < text.size() && text[indent] == ' ')
                ++indent;
            break;
        }
        return {at.line + line, indent + column};
    }
    return {at.line, start};
}

// A selector that does not compile for some event, as a problem at the exact spot in the file.
void addSelectorProblems(const WorkspaceSnapshot &snapshot, Evaluation &evaluation)
{
    for (std::size_t b = 0; b < evaluation.bindingCount(); ++b) {
        const argo::WorkflowEventBinding &binding = *evaluation.binding(b);
        if (!binding.hasSelector || binding.selectorLocation.file.empty())
            continue;
        for (const EventEvaluation &e : evaluation.events) {
            const argo::BindingOutcome *o = e.outcome(b);
            if (!o || o->status != argo::BindingStatus::Error || e.result.environment.isNil())
                continue;
            const expr::CompileResult compiled = expr::compile(binding.selector, e.result.environment);
            if (compiled.ok())
                break; // this binding fails later (template, parameters): not its selector's fault
            const auto [line, column] = selectorPosition(snapshot, binding, compiled.error().line(), compiled.error().column());
            Diagnostic d;
            d.file = QString::fromStdString(binding.selectorLocation.file);
            d.line = line;
            d.column = column;
            d.message = QStringLiteral("selector: %1 (for event “%2”)")
                            .arg(QString::fromStdString(compiled.error().message()), e.name);
            d.rule = QStringLiteral("selector-compile");
            evaluation.problems.append(d);
            break;
        }
    }
}

} // namespace

const argo::BindingOutcome *EventEvaluation::outcome(std::size_t bindingIndex) const
{
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

std::shared_ptr<const Evaluation> evaluate(const WorkspaceSnapshot &snapshot, const std::atomic_bool *cancelled,
                                           std::shared_ptr<argo::SelectorCache> cache)
{
    auto evaluation = std::make_shared<Evaluation>();
    evaluation->revision = snapshot.revision();
    argo::ManifestSet manifests;
    QSet<QString> filesWithProblems;
    for (const auto &m : snapshot.manifests()) {
        if (!m->problems.isEmpty())
            filesWithProblems.insert(m->path); // already reported by the workspace, once is enough
        manifests.append(argo::loadManifests(std::string_view(m->text.constData(), std::size_t(m->text.size())),
                                             m->path.toStdString()));
    }
    for (const argo::Diagnostic &d : manifests.diagnostics) {
        if (!filesWithProblems.contains(QString::fromStdString(d.location.file)))
            evaluation->problems.append(
                toDiagnostic(snapshot, d.severity, d.location, QString::fromStdString(d.message)));
    }
    const std::string defaultNamespace = snapshot.index().namespaceName.toStdString();
    evaluation->lint = argo::lint(manifests, defaultNamespace);
    std::map<std::string, argo::ManifestSet> parsedFiles; // loaded once for all of a file's fixes
    for (const argo::LintFinding &f : evaluation->lint) {
        QString message = QString::fromStdString(f.message);
        if (!f.suggestion.empty())
            message += QStringLiteral(" (fix: %1)").arg(QString::fromStdString(f.suggestion));
        message += QStringLiteral(" [%1]").arg(QString::fromStdString(f.rule));
        Diagnostic d = toDiagnostic(snapshot, f.severity, f.location, message);
        d.rule = QString::fromStdString(f.rule);
        const auto entry = snapshot.file(d.file);
        if (entry && hasMechanicalFix(f.rule)) {
            auto parsed = parsedFiles.find(f.location.file);
            if (parsed == parsedFiles.end())
                parsed = parsedFiles
                             .emplace(f.location.file,
                                      argo::loadManifests(std::string_view(entry->text.constData(), std::size_t(entry->text.size())),
                                                          f.location.file))
                             .first;
            d.fix = lintFix(entry->text, f, &parsed->second);
        }
        evaluation->problems.append(d);
    }

    argo::CatalogOptions catalogOptions;
    catalogOptions.defaultNamespace = defaultNamespace;
    evaluation->catalog = argo::Catalog::fromManifests(manifests, catalogOptions);
    argo::DispatcherOptions options;
    options.cache = cache ? std::move(cache) : std::make_shared<argo::SelectorCache>();
    const argo::Dispatcher dispatcher(evaluation->catalog, options);
    const argo::RequestContext context;
    evaluation->events.reserve(std::size_t(snapshot.events().size()));
    for (const auto &entry : snapshot.events()) {
        if (cancelled && cancelled->load(std::memory_order_relaxed)) {
            evaluation->cancelled = true;
            break;
        }
        if (!entry->event)
            continue;
        EventEvaluation e;
        e.path = entry->path;
        e.name = entry->event->name;
        e.event = toArgoEvent(*entry->event);
        e.result = dispatcher.dispatch(e.event, context);
        evaluation->events.push_back(std::move(e));
    }
    if (!evaluation->cancelled)
        addSelectorProblems(snapshot, *evaluation);
    return evaluation;
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
