// SPDX-License-Identifier: Apache-2.0
#include "workspace/binding_tests.h"

#include "workspace/yaml_support.h"

#include "expr/go_format.h"
#include "expr/go_json.h"
#include "workspace/evaluation.h"
#include "workspace/workspace.h"

#include <QDate>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <QXmlStreamWriter>

#include <map>

namespace bindery::workspace {

namespace {

// Collects the problems of one suite file while reading it.
class Reader
{
public:
    explicit Reader(BindingTestSuite &suite)
        : m_suite(suite)
    {
    }

    void problem(const YAML::Node &node, const QString &message)
    {
        Diagnostic d = yaml::at(node.Mark(), message);
        if (d.line == 0)
            d.line = d.column = 1;
        d.file = m_suite.path;
        m_suite.problems.append(d);
    }

    bool text(const YAML::Node &node, const QString &what, QString *out)
    {
        if (node.IsNull()) {
            out->clear();
            return true;
        }
        if (!node.IsScalar()) {
            problem(node, QStringLiteral("%1 must be text").arg(what));
            return false;
        }
        *out = yaml::text(node);
        return true;
    }

    bool optionalText(const YAML::Node &node, const QString &what, std::optional<QString> *out)
    {
        QString s;
        if (!text(node, what, &s))
            return false;
        *out = s;
        return true;
    }

    bool boolean(const YAML::Node &node, const QString &what, std::optional<bool> *out)
    {
        const QString s = node.IsScalar() ? yaml::text(node) : QString();
        if (s == u"true") {
            *out = true;
            return true;
        }
        if (s == u"false") {
            *out = false;
            return true;
        }
        problem(node, QStringLiteral("%1 must be true or false").arg(what));
        return false;
    }

    bool names(const YAML::Node &node, const QString &what, std::optional<QStringList> *out)
    {
        QStringList list;
        if (node.IsScalar()) {
            list << yaml::text(node);
        } else if (node.IsSequence()) {
            for (const auto &item : node) {
                if (!item.IsScalar()) {
                    problem(item, QStringLiteral("%1 must list binding names").arg(what));
                    return false;
                }
                list << yaml::text(item);
            }
        } else if (!node.IsNull()) {
            problem(node, QStringLiteral("%1 must be a list of binding names").arg(what));
            return false;
        }
        *out = list;
        return true;
    }

    bool stringMap(const YAML::Node &node, const QString &what, std::optional<QMap<QString, QString>> *out)
    {
        QMap<QString, QString> map;
        if (node.IsMap()) {
            for (const auto &entry : node) {
                if (!entry.first.IsScalar() || !(entry.second.IsScalar() || entry.second.IsNull())) {
                    problem(entry.first, QStringLiteral("%1 must map names to text").arg(what));
                    return false;
                }
                map.insert(yaml::text(entry.first), entry.second.IsNull() ? QString() : yaml::text(entry.second));
            }
        } else if (!node.IsNull()) {
            problem(node, QStringLiteral("%1 must be a mapping of names to text").arg(what));
            return false;
        }
        *out = map;
        return true;
    }

    bool unknownKey(const YAML::Node &key, const QStringList &known)
    {
        problem(key, QStringLiteral("unknown key \"%1\" (expected one of: %2)")
                         .arg(key.IsScalar() ? yaml::text(key) : QStringLiteral("?"),
                              known.join(QStringLiteral(", "))));
        return false;
    }

    bool workflow(const YAML::Node &node, ExpectedWorkflow *out)
    {
        static const QStringList keys{QStringLiteral("binding"),      QStringLiteral("template"),
                                      QStringLiteral("clusterScope"), QStringLiteral("name"),
                                      QStringLiteral("generateName"), QStringLiteral("namespace"),
                                      QStringLiteral("labels"),       QStringLiteral("annotations"),
                                      QStringLiteral("parameters")};
        if (!node.IsMap()) {
            problem(node, QStringLiteral("each expected workflow must be a mapping"));
            return false;
        }
        out->line = static_cast<int>(node.Mark().line) + 1;
        bool ok = true;
        for (const auto &entry : node) {
            const QString key = entry.first.IsScalar() ? yaml::text(entry.first) : QString();
            const YAML::Node &v = entry.second;
            if (key == u"binding")
                ok &= optionalText(v, key, &out->binding);
            else if (key == u"template")
                ok &= optionalText(v, key, &out->templateName);
            else if (key == u"clusterScope")
                ok &= boolean(v, key, &out->clusterScope);
            else if (key == u"name")
                ok &= optionalText(v, key, &out->name);
            else if (key == u"generateName")
                ok &= optionalText(v, key, &out->generateName);
            else if (key == u"namespace")
                ok &= optionalText(v, key, &out->namespaceName);
            else if (key == u"labels")
                ok &= stringMap(v, key, &out->labels);
            else if (key == u"annotations")
                ok &= stringMap(v, key, &out->annotations);
            else if (key == u"parameters")
                ok &= stringMap(v, key, &out->parameters);
            else
                ok &= unknownKey(entry.first, keys);
        }
        return ok;
    }

    bool warning(const YAML::Node &node, ExpectedWarning *out)
    {
        static const QStringList keys{QStringLiteral("binding"), QStringLiteral("message"),
                                      QStringLiteral("messageContains")};
        if (!node.IsMap()) {
            problem(node, QStringLiteral("each expected warning must be a mapping"));
            return false;
        }
        out->line = static_cast<int>(node.Mark().line) + 1;
        bool ok = true;
        for (const auto &entry : node) {
            const QString key = entry.first.IsScalar() ? yaml::text(entry.first) : QString();
            if (key == u"binding")
                ok &= optionalText(entry.second, key, &out->binding);
            else if (key == u"message")
                ok &= optionalText(entry.second, key, &out->message);
            else if (key == u"messageContains")
                ok &= optionalText(entry.second, key, &out->messageContains);
            else
                ok &= unknownKey(entry.first, keys);
        }
        return ok;
    }

    bool expectation(const YAML::Node &node, Expectation *out)
    {
        static const QStringList keys{QStringLiteral("status"),   QStringLiteral("response"),
                                      QStringLiteral("fires"),    QStringLiteral("doesNotFire"),
                                      QStringLiteral("workflows"), QStringLiteral("warnings")};
        if (node.IsNull())
            return true;
        if (!node.IsMap()) {
            problem(node, QStringLiteral("expect must be a mapping with the keys %1").arg(keys.join(QStringLiteral(", "))));
            return false;
        }
        bool ok = true;
        for (const auto &entry : node) {
            const QString key = entry.first.IsScalar() ? yaml::text(entry.first) : QString();
            const YAML::Node &v = entry.second;
            if (key == u"status") {
                bool isInt = false;
                const int status = v.IsScalar() ? yaml::text(v).toInt(&isInt) : 0;
                if (!isInt || status < 100 || status > 599) {
                    problem(v, QStringLiteral("status must be an HTTP status code such as 200 or 500"));
                    ok = false;
                } else {
                    out->status = status;
                }
            } else if (key == u"response") {
                QString s;
                if (text(v, key, &s))
                    out->response = s.toUtf8();
                else
                    ok = false;
            } else if (key == u"fires") {
                ok &= names(v, key, &out->fires);
            } else if (key == u"doesNotFire") {
                ok &= names(v, key, &out->doesNotFire);
            } else if (key == u"workflows" || key == u"warnings") {
                if (!v.IsSequence() && !v.IsNull()) {
                    problem(v, QStringLiteral("%1 must be a list").arg(key));
                    ok = false;
                    continue;
                }
                if (key == u"workflows") {
                    QList<ExpectedWorkflow> list;
                    for (const auto &item : v) {
                        ExpectedWorkflow w;
                        ok &= workflow(item, &w);
                        list << w;
                    }
                    out->workflows = list;
                } else {
                    QList<ExpectedWarning> list;
                    for (const auto &item : v) {
                        ExpectedWarning w;
                        ok &= warning(item, &w);
                        list << w;
                    }
                    out->warnings = list;
                }
            } else {
                ok &= unknownKey(entry.first, keys);
            }
        }
        return ok;
    }

    bool testCase(const YAML::Node &node, BindingTestCase *out)
    {
        static const QStringList keys{QStringLiteral("name"), QStringLiteral("event"), QStringLiteral("match"),
                                      QStringLiteral("expect")};
        if (!node.IsMap()) {
            problem(node, QStringLiteral("each case must be a mapping with the keys %1").arg(keys.join(QStringLiteral(", "))));
            return false;
        }
        out->line = static_cast<int>(node.Mark().line) + 1;
        out->column = static_cast<int>(node.Mark().column) + 1;
        bool ok = true;
        bool hasEvent = false;
        for (const auto &entry : node) {
            const QString key = entry.first.IsScalar() ? yaml::text(entry.first) : QString();
            const YAML::Node &v = entry.second;
            if (key == u"name") {
                ok &= text(v, key, &out->name);
            } else if (key == u"event") {
                hasEvent = true;
                if (v.IsScalar()) {
                    out->eventRef = yaml::text(v);
                } else if (v.IsMap()) {
                    YAML::Emitter emitter;
                    emitter << v;
                    auto parsed = EventFormat::parse(QByteArray(emitter.c_str()), QStringLiteral("inline event"));
                    if (parsed.event) {
                        out->inlineEvent = parsed.event;
                    } else {
                        problem(v, QStringLiteral("inline event: %1").arg(parsed.error.message));
                        ok = false;
                    }
                } else {
                    problem(v, QStringLiteral("event must name a workspace event or be an inline event mapping"));
                    ok = false;
                }
            } else if (key == u"match") {
                const QString m = v.IsScalar() ? yaml::text(v) : QString();
                if (m == u"exact")
                    out->expect.exact = true;
                else if (m != u"partial") {
                    problem(v, QStringLiteral("match must be partial or exact"));
                    ok = false;
                }
            } else if (key == u"expect") {
                const bool exact = out->expect.exact;
                ok &= expectation(v, &out->expect);
                out->expect.exact = exact;
            } else {
                ok &= unknownKey(entry.first, keys);
            }
        }
        if (!hasEvent) {
            problem(node, QStringLiteral("case \"%1\" has no event").arg(out->name));
            ok = false;
        }
        if (out->name.isEmpty())
            out->name = QStringLiteral("case at line %1").arg(out->line);
        return ok;
    }

private:
    BindingTestSuite &m_suite;
};

// --- writing -----------------------------------------------------------------------------------

void emitMap(YAML::Emitter &e, const char *key, const QMap<QString, QString> &map)
{
    e << YAML::Key << key << YAML::Value << YAML::BeginMap;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        e << YAML::Key << it.key().toStdString() << YAML::Value << YAML::DoubleQuoted << it.value().toStdString();
    e << YAML::EndMap;
}

void emitNames(YAML::Emitter &e, const char *key, const QStringList &names)
{
    e << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const QString &n : names)
        e << n.toStdString();
    e << YAML::EndSeq;
}

// --- comparing ---------------------------------------------------------------------------------

QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QMap<QString, QString> toQMap(const std::map<std::string, std::string> &m)
{
    QMap<QString, QString> out;
    for (const auto &[k, v] : m)
        out.insert(q(k), q(v));
    return out;
}

QMap<QString, QString> parametersOf(const argo::Workflow &w)
{
    QMap<QString, QString> out;
    for (const auto &p : w.parameters)
        out.insert(q(p.name), q(p.value));
    return out;
}

bool fired(argo::BindingStatus s)
{
    return s == argo::BindingStatus::Submitted || s == argo::BindingStatus::MatchedNoSubmit;
}

QString statusName(argo::BindingStatus s)
{
    switch (s) {
    case argo::BindingStatus::Filtered: return QStringLiteral("filtered by instance id");
    case argo::BindingStatus::NotMatched: return QStringLiteral("not matched");
    case argo::BindingStatus::MatchedNoSubmit: return QStringLiteral("matched (no submit)");
    case argo::BindingStatus::Submitted: return QStringLiteral("submitted");
    case argo::BindingStatus::Error: return QStringLiteral("error");
    }
    return {};
}

void compareMap(const QString &what, const QMap<QString, QString> &expected, const QMap<QString, QString> &actual,
                bool exact, QStringList *failures)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!actual.contains(it.key()))
            failures->append(QStringLiteral("%1 %2: expected %3, missing").arg(what, it.key(), quoted(it.value())));
        else if (actual.value(it.key()) != it.value())
            failures->append(QStringLiteral("%1 %2: expected %3, got %4")
                                 .arg(what, it.key(), quoted(it.value()), quoted(actual.value(it.key()))));
    }
    if (exact) {
        for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
            if (!expected.contains(it.key()))
                failures->append(QStringLiteral("%1 %2: not expected, got %3").arg(what, it.key(), quoted(it.value())));
        }
    }
}

void compareWorkflow(const QString &where, const ExpectedWorkflow &e, const argo::Workflow &a, bool exact,
                     QStringList *failures)
{
    auto field = [&](const char *name, const std::optional<QString> &expected, const std::string &actual) {
        if (expected && *expected != q(actual))
            failures->append(QStringLiteral("%1 %2: expected %3, got %4")
                                 .arg(where, QLatin1String(name), quoted(*expected), quoted(q(actual))));
    };
    field("binding", e.binding, a.bindingName);
    field("template", e.templateName, a.templateName);
    field("name", e.name, a.name);
    field("generateName", e.generateName, a.generateName);
    field("namespace", e.namespaceName, a.namespace_);
    if (e.clusterScope && *e.clusterScope != a.clusterScope)
        failures->append(QStringLiteral("%1 clusterScope: expected %2, got %3")
                             .arg(where, *e.clusterScope ? QStringLiteral("true") : QStringLiteral("false"),
                                  a.clusterScope ? QStringLiteral("true") : QStringLiteral("false")));
    if (e.labels)
        compareMap(where + QStringLiteral(" label"), *e.labels, toQMap(a.labels), exact, failures);
    if (e.annotations)
        compareMap(where + QStringLiteral(" annotation"), *e.annotations, toQMap(a.annotations), exact, failures);
    if (e.parameters)
        compareMap(where + QStringLiteral(" parameter"), *e.parameters, parametersOf(a), exact, failures);
}


// The selector's explanation for the event: each sub-expression with its value, or "skipped" when
// short-circuiting never reached it, to the depth where a wrong match usually shows.
QStringList explainSelector(const std::string &selector, const expr::Value &env)
{
    constexpr int kMaxDepth = 3;
    constexpr int kMaxLines = 16;
    QStringList lines;
    if (env.isNil())
        return lines;
    const Explanation x = explain(selector, env);
    if (!x.compiled)
        return {QStringLiteral("  compile error: ") + QString::fromStdString(x.error.message())};
    const expr::Trace &trace = x.trace;
    std::vector<int> depth(trace.entries.size(), 0);
    for (std::size_t i = 0; i < trace.entries.size(); ++i) {
        const expr::TraceEntry &e = trace.entries[i];
        depth[i] = e.parent >= 0 ? depth[static_cast<std::size_t>(e.parent)] + 1 : 0;
        if (depth[i] >= kMaxDepth)
            continue;
        if (lines.size() == kMaxLines) {
            lines << QStringLiteral("  ...");
            break;
        }
        std::string value;
        switch (e.state) {
        case expr::TraceEntry::State::NotReached: value = "skipped"; break;
        case expr::TraceEntry::State::Error: value = "error: " + e.error; break;
        case expr::TraceEntry::State::Value: {
            const auto json = expr::go::marshal(e.value);
            value = json.ok ? json.text : expr::go::formatValue(e.value);
            if (value.size() > 80)
                value = value.substr(0, 77) + "...";
            break;
        }
        }
        lines << QString(2 * (depth[i] + 1), QLatin1Char(' ')) + q(e.label) + QStringLiteral(" → ") + q(value);
    }
    return lines;
}

} // namespace

// === format =====================================================================================

BindingTestSuite BindingTestFormat::parse(const QByteArray &text, const QString &path)
{
    BindingTestSuite suite;
    suite.path = path;
    Reader reader(suite);
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        Diagnostic d = yaml::fromException(e);
        d.file = path;
        suite.problems.append(d);
        return suite;
    }
    if (!root.IsMap()) {
        reader.problem(root, QStringLiteral("a test file must be a mapping with a \"cases\" list"));
        return suite;
    }
    static const QStringList keys{QStringLiteral("manifests"), QStringLiteral("cases")};
    bool hasCases = false;
    for (const auto &entry : root) {
        const QString key = entry.first.IsScalar() ? yaml::text(entry.first) : QString();
        const YAML::Node &v = entry.second;
        if (key == u"manifests") {
            std::optional<QStringList> files;
            if (reader.names(v, key, &files))
                suite.manifestFiles = *files;
        } else if (key == u"cases") {
            hasCases = true;
            if (!v.IsSequence()) {
                reader.problem(v, QStringLiteral("cases must be a list"));
                continue;
            }
            for (const auto &item : v) {
                BindingTestCase c;
                if (reader.testCase(item, &c))
                    suite.cases.append(c);
            }
        } else {
            reader.unknownKey(entry.first, keys);
        }
    }
    if (!hasCases)
        reader.problem(root, QStringLiteral("a test file needs a \"cases\" list"));
    return suite;
}

QByteArray BindingTestFormat::serialize(const BindingTestSuite &suite)
{
    YAML::Emitter e;
    e.SetIndent(2);
    e << YAML::BeginMap;
    if (!suite.manifestFiles.isEmpty())
        emitNames(e, "manifests", suite.manifestFiles);
    e << YAML::Key << "cases" << YAML::Value << YAML::BeginSeq;
    for (const BindingTestCase &c : suite.cases) {
        e << YAML::BeginMap;
        e << YAML::Key << "name" << YAML::Value << c.name.toStdString();
        if (c.inlineEvent) {
            const EventDocument &ev = *c.inlineEvent;
            e << YAML::Key << "event" << YAML::Value << YAML::BeginMap;
            e << YAML::Key << "namespace" << YAML::Value << ev.namespaceName.toStdString();
            e << YAML::Key << "discriminator" << YAML::Value << ev.discriminator.toStdString();
            if (!ev.headers.isEmpty()) {
                e << YAML::Key << "headers" << YAML::Value << YAML::BeginSeq;
                for (const EventHeader &h : ev.headers)
                    e << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << h.name.toStdString()
                      << YAML::Key << "value" << YAML::Value << h.value.toStdString() << YAML::EndMap;
                e << YAML::EndSeq;
            }
            e << YAML::Key << "body" << YAML::Value << YAML::DoubleQuoted << ev.body.toStdString();
            e << YAML::EndMap;
        } else {
            e << YAML::Key << "event" << YAML::Value << c.eventRef.toStdString();
        }
        const Expectation &x = c.expect;
        if (x.exact)
            e << YAML::Key << "match" << YAML::Value << "exact";
        e << YAML::Key << "expect" << YAML::Value << YAML::BeginMap;
        if (x.status)
            e << YAML::Key << "status" << YAML::Value << *x.status;
        if (x.response)
            e << YAML::Key << "response" << YAML::Value << YAML::SingleQuoted << x.response->toStdString();
        if (x.fires)
            emitNames(e, "fires", *x.fires);
        if (x.doesNotFire)
            emitNames(e, "doesNotFire", *x.doesNotFire);
        if (x.workflows) {
            e << YAML::Key << "workflows" << YAML::Value << YAML::BeginSeq;
            for (const ExpectedWorkflow &w : *x.workflows) {
                e << YAML::BeginMap;
                auto text = [&](const char *k, const std::optional<QString> &v) {
                    if (v)
                        e << YAML::Key << k << YAML::Value << v->toStdString();
                };
                text("binding", w.binding);
                text("template", w.templateName);
                if (w.clusterScope)
                    e << YAML::Key << "clusterScope" << YAML::Value << *w.clusterScope;
                text("name", w.name);
                text("generateName", w.generateName);
                text("namespace", w.namespaceName);
                if (w.labels)
                    emitMap(e, "labels", *w.labels);
                if (w.annotations)
                    emitMap(e, "annotations", *w.annotations);
                if (w.parameters)
                    emitMap(e, "parameters", *w.parameters);
                e << YAML::EndMap;
            }
            e << YAML::EndSeq;
        }
        if (x.warnings) {
            e << YAML::Key << "warnings" << YAML::Value << YAML::BeginSeq;
            for (const ExpectedWarning &w : *x.warnings) {
                e << YAML::BeginMap;
                if (w.binding)
                    e << YAML::Key << "binding" << YAML::Value << w.binding->toStdString();
                if (w.message)
                    e << YAML::Key << "message" << YAML::Value << YAML::DoubleQuoted << w.message->toStdString();
                if (w.messageContains)
                    e << YAML::Key << "messageContains" << YAML::Value << YAML::DoubleQuoted
                      << w.messageContains->toStdString();
                e << YAML::EndMap;
            }
            e << YAML::EndSeq;
        }
        e << YAML::EndMap; // expect
        e << YAML::EndMap; // case
    }
    e << YAML::EndSeq << YAML::EndMap;
    QByteArray out(e.c_str());
    out.append('\n');
    return out;
}

// === runner =====================================================================================

BindingTestRunner::BindingTestRunner(argo::Catalog catalog, QList<EventDocument> events)
    : m_dispatcher(std::move(catalog))
    , m_events(std::move(events))
{
}

BindingTestRunner BindingTestRunner::fromSnapshot(const WorkspaceSnapshot &snapshot, QList<Diagnostic> *problems)
{
    argo::ManifestSet manifests;
    for (const auto &entry : snapshot.manifests())
        manifests.append(argo::loadManifests(std::string_view(entry->text.constData(), entry->text.size()),
                                             entry->path.toStdString()));
    if (problems) {
        for (const argo::Diagnostic &d : manifests.diagnostics) {
            if (d.severity != argo::Severity::Error)
                continue;
            Diagnostic problem;
            problem.file = q(d.location.file);
            problem.line = d.location.line;
            problem.column = d.location.column;
            problem.message = q(d.message);
            problems->append(problem);
        }
    }
    argo::CatalogOptions options;
    if (!snapshot.index().namespaceName.isEmpty())
        options.defaultNamespace = snapshot.index().namespaceName.toStdString();
    QList<EventDocument> events;
    for (const auto &entry : snapshot.events()) {
        if (entry->event) {
            EventDocument ev = *entry->event;
            // Cases refer to events by file stem too: remember it in the notes-free name lookup below.
            events.append(ev);
            EventDocument byStem = ev;
            byStem.name = QFileInfo(entry->path).completeBaseName();
            if (byStem.name != ev.name)
                events.append(byStem);
        }
    }
    return BindingTestRunner(argo::Catalog::fromManifests(manifests, options), events);
}

std::optional<EventDocument> BindingTestRunner::resolveEvent(const BindingTestCase &testCase, QString *error) const
{
    if (testCase.inlineEvent)
        return testCase.inlineEvent;
    for (const EventDocument &ev : m_events) {
        if (ev.name == testCase.eventRef)
            return ev;
    }
    if (error)
        *error = QStringLiteral("no event named \"%1\" in the workspace").arg(testCase.eventRef);
    return std::nullopt;
}

BindingTestResult BindingTestRunner::run(const BindingTestSuite &suite, const BindingTestCase &testCase) const
{
    BindingTestResult r;
    r.suitePath = suite.path;
    r.caseName = testCase.name;
    r.line = testCase.line;
    QElapsedTimer timer;
    timer.start();

    QString error;
    const auto event = resolveEvent(testCase, &error);
    if (!event) {
        r.failures << error;
        return r;
    }
    r.actual = m_dispatcher.dispatch(toArgoEvent(*event), argo::RequestContext{});
    r.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;

    const Expectation &x = testCase.expect;
    const argo::DispatchResult &a = r.actual;
    QStringList &failures = r.failures;

    if (x.status && *x.status != a.httpStatus)
        failures << QStringLiteral("status: expected %1, got %2 %3")
                        .arg(*x.status)
                        .arg(a.httpStatus)
                        .arg(QString::fromStdString(a.responseBody));
    if (x.response && *x.response != QByteArray::fromStdString(a.responseBody))
        failures << QStringLiteral("response: expected %1, got %2")
                        .arg(QString::fromUtf8(*x.response), q(a.responseBody));

    QMap<QString, const argo::BindingOutcome *> outcomes;
    QStringList firedNames;
    for (const auto &o : a.outcomes) {
        outcomes.insert(q(o.bindingName), &o);
        if (fired(o.status))
            firedNames << q(o.bindingName);
    }
    QSet<QString> explain;
    auto describe = [&](const QString &binding) -> QString {
        const auto *o = outcomes.value(binding);
        if (!o)
            return QStringLiteral("not listed in namespace %1").arg(event->namespaceName);
        QString s = statusName(o->status);
        if (!o->error.empty())
            s += QStringLiteral(": ") + q(o->error);
        return s;
    };
    if (x.fires) {
        for (const QString &b : *x.fires) {
            const auto *o = outcomes.value(b);
            if (!o || !fired(o->status)) {
                failures << QStringLiteral("binding %1: expected to fire, got %2").arg(b, describe(b));
                explain.insert(b);
            }
        }
        if (x.exact) {
            for (const QString &b : std::as_const(firedNames)) {
                if (!x.fires->contains(b)) {
                    failures << QStringLiteral("binding %1: fired, but the exact expectation does not list it").arg(b);
                    explain.insert(b);
                }
            }
        }
    }
    if (x.doesNotFire) {
        for (const QString &b : *x.doesNotFire) {
            const auto *o = outcomes.value(b);
            if (o && (fired(o->status) || o->status == argo::BindingStatus::Error)) {
                failures << QStringLiteral("binding %1: expected not to fire, got %2").arg(b, describe(b));
                explain.insert(b);
            }
        }
    }
    if (x.workflows) {
        const auto &expected = *x.workflows;
        if (x.exact && expected.size() != static_cast<qsizetype>(a.workflows.size()))
            failures << QStringLiteral("workflows: expected %1, got %2").arg(expected.size()).arg(a.workflows.size());
        // Pair each expectation with the next unused actual Workflow of the same binding (or the next one
        // in order when no binding is named), so that a missing Workflow does not shift every later diff.
        std::vector<bool> used(a.workflows.size(), false);
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const ExpectedWorkflow &e = expected[i];
            const QString where = QStringLiteral("workflow %1%2")
                                      .arg(i + 1)
                                      .arg(e.binding ? QStringLiteral(" (binding %1)").arg(*e.binding) : QString());
            std::size_t found = a.workflows.size();
            for (std::size_t j = 0; j < a.workflows.size(); ++j) {
                if (!used[j] && (!e.binding || q(a.workflows[j].bindingName) == *e.binding)) {
                    found = j;
                    break;
                }
            }
            if (found == a.workflows.size()) {
                failures << QStringLiteral("%1: expected, but no such Workflow was created").arg(where);
                if (e.binding)
                    explain.insert(*e.binding);
                continue;
            }
            used[found] = true;
            compareWorkflow(where, e, a.workflows[found], x.exact, &failures);
        }
        if (!x.exact) {
            // Partial: extra Workflows are fine.
        }
    }
    if (x.warnings) {
        const auto &expected = *x.warnings;
        if (x.exact && expected.size() != static_cast<qsizetype>(a.events.size()))
            failures << QStringLiteral("warnings: expected %1, got %2").arg(expected.size()).arg(a.events.size());
        std::vector<bool> used(a.events.size(), false);
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const ExpectedWarning &e = expected[i];
            bool matched = false;
            QString closest;
            for (std::size_t j = 0; j < a.events.size(); ++j) {
                if (used[j] || (e.binding && q(a.events[j].bindingName) != *e.binding))
                    continue;
                const QString msg = q(a.events[j].message);
                closest = msg;
                if ((!e.message || *e.message == msg) && (!e.messageContains || msg.contains(*e.messageContains))) {
                    used[j] = true;
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                const QString want = e.message ? quoted(*e.message)
                                               : QStringLiteral("a message containing %1").arg(quoted(e.messageContains.value_or(QString())));
                failures << QStringLiteral("warning %1%2: expected %3, got %4")
                                .arg(i + 1)
                                .arg(e.binding ? QStringLiteral(" (binding %1)").arg(*e.binding) : QString())
                                .arg(want, closest.isEmpty() ? QStringLiteral("no such warning") : quoted(closest));
            }
        }
    }

    for (const QString &b : std::as_const(explain)) {
        const auto *o = outcomes.value(b);
        if (!o)
            continue;
        const auto &binding = m_dispatcher.catalog().allBindings().at(o->bindingIndex);
        QString line = QStringLiteral("%1: selector `%2` → %3")
                           .arg(b, q(binding.selector).simplified(), statusName(o->status));
        if (!o->error.empty())
            line += QStringLiteral(" (") + q(o->error) + QLatin1Char(')');
        r.explanations << line;
        r.explanations << explainSelector(binding.selector, a.environment);
    }
    r.passed = failures.isEmpty();
    return r;
}

Expectation BindingTestRunner::expectationFrom(const argo::DispatchResult &result, bool exact)
{
    Expectation x;
    x.exact = exact;
    x.status = result.httpStatus;
    QStringList fires, notFires;
    for (const auto &o : result.outcomes) {
        if (fired(o.status))
            fires << q(o.bindingName);
        else if (o.status != argo::BindingStatus::Error)
            notFires << q(o.bindingName);
    }
    x.fires = fires;
    x.doesNotFire = notFires;
    QList<ExpectedWorkflow> workflows;
    for (const auto &w : result.workflows) {
        ExpectedWorkflow e;
        e.binding = q(w.bindingName);
        e.templateName = q(w.templateName);
        if (exact || w.clusterScope)
            e.clusterScope = w.clusterScope;
        if (!w.name.empty())
            e.name = q(w.name);
        if (!w.generateName.empty())
            e.generateName = q(w.generateName);
        if (exact) {
            e.namespaceName = q(w.namespace_);
            e.labels = toQMap(w.labels);
            e.annotations = toQMap(w.annotations);
        }
        e.parameters = parametersOf(w);
        workflows << e;
    }
    x.workflows = workflows;
    QList<ExpectedWarning> warnings;
    for (const auto &ev : result.events) {
        ExpectedWarning w;
        w.binding = q(ev.bindingName);
        w.message = q(ev.message);
        warnings << w;
    }
    if (!warnings.isEmpty() || exact)
        x.warnings = warnings;
    return x;
}

// === a whole workspace ==========================================================================

int TestRun::passed() const
{
    int n = 0;
    for (const auto &r : results)
        n += r.passed ? 1 : 0;
    return n;
}

int TestRun::failed() const
{
    return static_cast<int>(results.size()) - passed();
}

std::shared_ptr<const TestRun> runWorkspaceTests(const WorkspaceSnapshot &snapshot, const std::atomic_bool *cancelled,
                                                 const QString &onlySuite, const QString &onlyCase)
{
    auto run = std::make_shared<TestRun>();
    run->revision = snapshot.revision();
    const auto runner = BindingTestRunner::fromSnapshot(snapshot, &run->problems);
    for (const auto &entry : snapshot.tests()) {
        if (!onlySuite.isEmpty() && entry->path != onlySuite)
            continue;
        const BindingTestSuite suite = BindingTestFormat::parse(entry->text, entry->path);
        run->problems += suite.problems;
        for (const BindingTestCase &c : suite.cases) {
            if (cancelled && cancelled->load(std::memory_order_relaxed)) {
                run->cancelled = true;
                return run;
            }
            if (!onlyCase.isEmpty() && c.name != onlyCase)
                continue;
            run->results.append(runner.run(suite, c));
        }
    }
    return run;
}

// === add as test ===============================================================================

std::optional<QString> addEventAsTest(Workspace &workspace, const QString &eventPath, QString *error,
                                      const QString &suitePathIn)
{
    const WorkspaceSnapshot snapshot = workspace.snapshot();
    const auto entry = snapshot.file(eventPath);
    if (!entry || entry->kind != FileKind::Event || !entry->event) {
        *error = QStringLiteral("%1 is not a readable event of this workspace").arg(eventPath);
        return std::nullopt;
    }
    const QString suitePath = suitePathIn.isEmpty()
        ? snapshot.index().testsDir + QStringLiteral("/from-events.yaml")
        : suitePathIn;

    BindingTestSuite suite;
    suite.path = suitePath;
    if (const auto existing = snapshot.file(suitePath)) {
        suite = BindingTestFormat::parse(existing->text, suitePath);
        if (!suite.problems.isEmpty()) {
            *error = QStringLiteral("%1 has problems; fix them first: %2")
                         .arg(suitePath, suite.problems.first().toString());
            return std::nullopt;
        }
    }

    const auto runner = BindingTestRunner::fromSnapshot(snapshot, nullptr);
    BindingTestCase c;
    c.eventRef = QFileInfo(eventPath).completeBaseName();
    QString name = QStringLiteral("%1 (as of %2)")
                       .arg(entry->event->name.isEmpty() ? c.eventRef : entry->event->name,
                            QDate::currentDate().toString(Qt::ISODate));
    // Case names identify results: keep them unique within the suite.
    QString unique = name;
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const auto &other : std::as_const(suite.cases))
            taken = taken || other.name == unique;
        if (!taken)
            break;
        unique = QStringLiteral("%1 #%2").arg(name).arg(n);
    }
    c.name = unique;
    const auto result = runner.run(suite, c);
    c.expect = BindingTestRunner::expectationFrom(result.actual, false);
    suite.cases.append(c);
    if (!workspace.setText(suitePath, BindingTestFormat::serialize(suite))) {
        *error = QStringLiteral("cannot write %1 in this workspace").arg(suitePath);
        return std::nullopt;
    }
    return c.name;
}

// === JUnit =====================================================================================

QByteArray junitXml(const QList<BindingTestResult> &results)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    QStringList suites;
    for (const auto &r : results) {
        if (!suites.contains(r.suitePath))
            suites << r.suitePath;
    }
    int total = 0, failed = 0;
    double totalMs = 0;
    for (const auto &r : results) {
        ++total;
        failed += r.passed ? 0 : 1;
        totalMs += r.milliseconds;
    }
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("bindery binding tests"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(total));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failed));
    xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("time"), QString::number(totalMs / 1000.0, 'f', 6));
    for (const QString &suite : std::as_const(suites)) {
        int n = 0, f = 0;
        double ms = 0;
        for (const auto &r : results) {
            if (r.suitePath != suite)
                continue;
            ++n;
            f += r.passed ? 0 : 1;
            ms += r.milliseconds;
        }
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), suite);
        xml.writeAttribute(QStringLiteral("tests"), QString::number(n));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(f));
        xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("skipped"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("time"), QString::number(ms / 1000.0, 'f', 6));
        for (const auto &r : results) {
            if (r.suitePath != suite)
                continue;
            xml.writeStartElement(QStringLiteral("testcase"));
            xml.writeAttribute(QStringLiteral("classname"), suite);
            xml.writeAttribute(QStringLiteral("name"), r.caseName);
            xml.writeAttribute(QStringLiteral("time"), QString::number(r.milliseconds / 1000.0, 'f', 6));
            if (!r.passed) {
                xml.writeStartElement(QStringLiteral("failure"));
                xml.writeAttribute(QStringLiteral("message"), r.failures.value(0));
                xml.writeAttribute(QStringLiteral("type"), QStringLiteral("ExpectationFailed"));
                xml.writeCharacters((r.failures + r.explanations).join(QLatin1Char('\n')));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace bindery::workspace
