// SPDX-License-Identifier: Apache-2.0
#include "workspace/lint_fix.h"

#include "argo/go_text.h"
#include "workspace/yaml_edit.h"

#include <QRegularExpression>

#include <algorithm>

namespace bindery::workspace {

namespace {

const QStringList kSelector{QStringLiteral("spec"), QStringLiteral("event"), QStringLiteral("selector")};

QStringList parameterPath(const QString &name)
{
    return {QStringLiteral("spec"), QStringLiteral("submit"), QStringLiteral("arguments"), QStringLiteral("parameters"),
            QStringLiteral("[name=%1]").arg(name)};
}

QStringList submitPath(std::initializer_list<const char *> rest)
{
    QStringList p{QStringLiteral("spec"), QStringLiteral("submit")};
    for (const char *r : rest)
        p << QString::fromUtf8(r);
    return p;
}

QString exprString(const QString &s)
{
    QString escaped = s;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}

bool isDnsSubdomain(const QString &s)
{
    static const QRegularExpression dns(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return s.size() <= 253 && dns.match(s).hasMatch();
}

bool sameLocation(const argo::SourceLocation &a, const argo::SourceLocation &b)
{
    return a.line == b.line && a.column == b.column;
}

// The binding the finding is about: the last one of that name that starts at or before it.
const argo::WorkflowEventBinding *bindingOf(const argo::ManifestSet &set, const argo::LintFinding &f)
{
    const argo::WorkflowEventBinding *found = nullptr;
    for (const argo::WorkflowEventBinding &b : set.bindings)
        if (b.metadata.name == f.bindingName && b.location.line <= f.location.line)
            found = &b;
    return found;
}

// A fix that rewrites one expression with the edit lint attached to the same finding.
std::optional<QString> fixedExpression(const std::string &source, std::string_view kind, const argo::LintFinding &f)
{
    for (const argo::ExpressionFinding &e : argo::lintExpression(source, kind)) {
        if (e.rule != f.rule || e.message != f.message || !e.edit)
            continue;
        std::string fixed = source;
        fixed.replace(e.edit->offset, e.edit->length, e.edit->text);
        return QString::fromStdString(fixed);
    }
    return std::nullopt;
}

// The parameter name quoted in a finding's message (`parameter "x"`).
QString quotedAfter(const std::string &message, const QString &word)
{
    const QRegularExpression re(word + QStringLiteral(" \"([^\"]*)\""));
    return re.match(QString::fromStdString(message)).captured(1);
}

// Runs `edits` on the document the finding is in; the whole change as one Fix.
template<typename Edits>
std::optional<Diagnostic::Fix> rewrite(const QByteArray &text, int line, const QString &title, Edits edits)
{
    YamlEdit yaml(text, YamlEdit::documentAt(text, line));
    if (!yaml.ok() || !edits(yaml) || yaml.text() == text)
        return std::nullopt;
    const TextEdit e = diffEdit(text, yaml.text());
    return Diagnostic::Fix{e.offset, e.length, text.mid(e.offset, e.length), e.text, title};
}

} // namespace

bool hasMechanicalFix(std::string_view rule)
{
    static constexpr std::string_view rules[] = {"header-case", "header-compared-to-string", "govaluate-regex",
                                                 "funcmap-function", "unguarded-payload-path", "parameter-value-ignored",
                                                 "fixed-workflow-name", "invalid-k8s-name", "missing-template",
                                                 "missing-template-parameter"};
    return std::find(std::begin(rules), std::end(rules), rule) != std::end(rules);
}

std::optional<Diagnostic::Fix> lintFix(const QByteArray &fileText, const argo::LintFinding &f, const argo::ManifestSet *parsed)
{
    if (!hasMechanicalFix(f.rule))
        return std::nullopt;
    const QString rule = QString::fromStdString(f.rule);
    std::optional<argo::ManifestSet> loaded;
    if (!parsed)
        loaded = argo::loadManifests(std::string_view(fileText.constData(), std::size_t(fileText.size())), f.location.file);
    const argo::ManifestSet &set = parsed ? *parsed : *loaded;
    const int line = f.location.line;

    if (rule == u"header-case" || rule == u"header-compared-to-string" || rule == u"govaluate-regex"
        || rule == u"funcmap-function" || rule == u"unguarded-payload-path") {
        const argo::WorkflowEventBinding *b = bindingOf(set, f);
        if (!b)
            return std::nullopt;
        // A parameter's finding points at its event value; anything else is in the selector.
        QStringList path = kSelector;
        std::optional<QString> fixed;
        if (b->submit)
            for (const argo::BindingParameter &p : b->submit->parameters)
                if (p.hasEvent && sameLocation(p.eventLocation, f.location)) {
                    path = parameterPath(QString::fromStdString(p.name)) << QStringLiteral("valueFrom") << QStringLiteral("event");
                    fixed = fixedExpression(p.event, "parameter", f);
                }
        if (path == kSelector)
            fixed = fixedExpression(b->selector, "selector", f);
        if (!fixed)
            return std::nullopt;
        const QString title = rule == u"header-case"                 ? QStringLiteral("lower-case the header name")
                              : rule == u"header-compared-to-string" ? QStringLiteral("compare with a list")
                              : rule == u"govaluate-regex"           ? QStringLiteral("use matches")
                              : rule == u"funcmap-function"          ? QStringLiteral("use the expr builtin")
                                                                     : QStringLiteral("guard the path with ?.");
        return rewrite(fileText, b->location.line, title, [&](YamlEdit &y) { return y.setScalar(path, *fixed); });
    }

    if (rule == u"parameter-value-ignored") {
        const argo::WorkflowEventBinding *b = bindingOf(set, f);
        if (!b || !b->submit)
            return std::nullopt;
        for (const argo::BindingParameter &p : b->submit->parameters) {
            if (!sameLocation(p.location, f.location) || p.hasValueFrom || !p.value)
                continue;
            // Argo ignores `value:`; the event expression that yields the same string is its literal.
            const QStringList item = parameterPath(QString::fromStdString(p.name));
            const QString literal = QString::fromStdString(argo::gotext::quote(*p.value));
            return rewrite(fileText, b->location.line, QStringLiteral("move the value to valueFrom.event"), [&](YamlEdit &y) {
                return y.remove(QStringList(item) << QStringLiteral("value"))
                       && y.setScalar(QStringList(item) << QStringLiteral("valueFrom") << QStringLiteral("event"), literal);
            });
        }
        return std::nullopt;
    }

    if (rule == u"fixed-workflow-name") {
        const argo::WorkflowEventBinding *b = bindingOf(set, f);
        if (!b || !b->submit)
            return std::nullopt;
        const QString constant = quotedAfter(f.message, QStringLiteral("constant"));
        const bool hasGenerateName = !b->submit->metadata.generateName.empty();
        return rewrite(fileText, b->location.line, QStringLiteral("use generateName"), [&](YamlEdit &y) {
            if (hasGenerateName) // both given: Argo uses the name; dropping it leaves the generated one
                return y.remove(submitPath({"metadata", "name"}));
            return y.renameKey(submitPath({"metadata", "name"}), QStringLiteral("generateName"))
                   && y.setScalar(submitPath({"metadata", "generateName"}), exprString(constant + u'-'));
        });
    }

    if (rule == u"invalid-k8s-name") {
        const QString name = QString::fromStdString(f.bindingName);
        const QString lowered = QString::fromStdString(f.suggestion);
        const bool objectName = f.message.starts_with("binding name") || f.message.starts_with("template name");
        if (!objectName || !isDnsSubdomain(lowered))
            return std::nullopt;
        return rewrite(fileText, line, QStringLiteral("write %1").arg(lowered), [&](YamlEdit &y) {
            return y.setScalar({QStringLiteral("metadata"), QStringLiteral("name")}, lowered);
        });
    }

    if (rule == u"missing-template") {
        const QStringList scope = submitPath({"workflowTemplateRef", "clusterScope"});
        if (f.suggestion.starts_with("add clusterScope"))
            return rewrite(fileText, line, QStringLiteral("add clusterScope: true"),
                           [&](YamlEdit &y) { return y.setRaw(scope, "true"); });
        if (f.suggestion.starts_with("remove clusterScope"))
            return rewrite(fileText, line, QStringLiteral("remove clusterScope"), [&](YamlEdit &y) { return y.remove(scope); });
        return std::nullopt;
    }

    if (rule == u"missing-template-parameter") {
        const QString name = quotedAfter(f.message, QStringLiteral("parameter"));
        if (name.isEmpty())
            return std::nullopt;
        static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
        const QString value = identifier.match(name).hasMatch() ? QStringLiteral("payload.") + name
                                                                : QStringLiteral("payload[%1]").arg(exprString(name));
        return rewrite(fileText, line, QStringLiteral("supply %1 from the payload").arg(name), [&](YamlEdit &y) {
            return y.setScalar(parameterPath(name) << QStringLiteral("valueFrom") << QStringLiteral("event"), value);
        });
    }
    return std::nullopt;
}

bool applyFix(QByteArray &text, const Diagnostic::Fix &fix)
{
    if (fix.offset < 0 || fix.offset + fix.length > text.size() || text.mid(fix.offset, fix.length) != fix.original)
        return false;
    text.replace(fix.offset, fix.length, fix.replacement);
    return true;
}

} // namespace bindery::workspace
