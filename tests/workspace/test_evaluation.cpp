// SPDX-License-Identifier: Apache-2.0
// The incremental evaluation: after every kind of edit the Evaluator's result equals a fresh full
// evaluation of the same snapshot, cell for cell, while it re-runs only what the edit touched.
#include "argo/dispatch_case.h"
#include "bindery_test.h"
#include "workspace/evaluation.h"
#include "workspace/evaluation_manifests.h"
#include "workspace/workspace.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <functional>

using namespace bindery::workspace;
using Kind = EvaluationStats::Kind;
namespace argo = bindery::argo;
namespace expr = bindery::expr;

Q_DECLARE_METATYPE(Kind)

namespace {

const QString kBindings = QStringLiteral("manifests/bindings.yaml");
const QString kTemplates = QStringLiteral("manifests/templates.yaml");
const QString kOther = QStringLiteral("manifests/other.yaml");

QByteArray binding(const QByteArray &name, const QByteArray &selector, const QByteArray &extra = {})
{
    return "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: " + name
        + "\nspec:\n  event:\n    selector: " + selector
        + "\n  submit:\n    workflowTemplateRef:\n      name: greet\n" + extra
        + "    arguments:\n      parameters:\n        - name: who\n          valueFrom:\n            event: payload.who\n";
}

const QByteArray kTemplateText = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: greet\n"
                                 "spec:\n  arguments:\n    parameters:\n      - name: who\n";

QByteArray bindingsText()
{
    return binding("alpha", "payload.who == \"world\"") + "---\n" + binding("beta", "payload.n > 1") + "---\n"
        + binding("gamma", "metadata[\"x-kind\"] == [\"push\"]") + "---\n"
        + binding("named", "payload.who != \"\"", "    metadata:\n      name: '\"fixed-\" + payload.who'\n")
        + "---\n" + binding("named-too", "true", "    metadata:\n      name: '\"fixed-\" + payload.who'\n");
}

QByteArray eventText(const QByteArray &name, const QByteArray &body, const QByteArray &kind = "push",
                 const QByteArray &ns = "argo")
{
    return "name: " + name + "\nnamespace: " + ns + "\ndiscriminator: d\nheaders:\n  - {name: X-Kind, value: " + kind
        + "}\nbody: |\n  " + body + "\n";
}

QString eventPath(int i) { return QStringLiteral("events/e%1.yaml").arg(i, 3, 10, QLatin1Char('0')); }

// Everything a view can read from an evaluation, as text: equal texts, equal evaluations.
QString describe(const Evaluation &evaluation)
{
    QStringList out;
    for (std::size_t b = 0; b < evaluation.bindingCount(); ++b)
        out << QStringLiteral("binding %1/%2").arg(QString::fromStdString(evaluation.binding(b)->metadata.namespace_),
                                                   QString::fromStdString(evaluation.binding(b)->metadata.name));
    for (const EventEvaluation &e : evaluation.events) {
        out << QStringLiteral("event %1 %2 ns=%3 d=%4 body=%5")
                   .arg(e.path, e.name, QString::fromStdString(e.event.namespace_),
                        QString::fromStdString(e.event.discriminator), QString::fromStdString(e.event.body));
        out << QString::fromStdString(argo::dispatchResultLine(e.path.toStdString(), e.result));
        out << QStringLiteral("http %1 grpc %2 message %3")
                   .arg(e.result.httpStatus)
                   .arg(e.result.grpcCode)
                   .arg(QString::fromStdString(e.result.message));
        for (const argo::BindingOutcome &o : e.result.outcomes)
            out << QStringLiteral("  %1/%2 #%3 status %4 attempts %5 result %6 error %7 workflow %8")
                       .arg(QString::fromStdString(o.bindingNamespace), QString::fromStdString(o.bindingName))
                       .arg(o.bindingIndex)
                       .arg(int(o.status))
                       .arg(o.attempts)
                       .arg(QString::fromStdString(o.selectorResult.goTypeName()) + u':'
                                + (o.selectorResult.isBool() ? QString::number(o.selectorResult.asBool()) : QString()),
                            QString::fromStdString(o.error),
                            o.workflow ? QString::fromStdString(argo::toJson(*o.workflow)) : QStringLiteral("-"));
        out << QStringLiteral("  environment %1").arg(e.result.environment.isNil() ? u"nil" : u"built");
    }
    for (const Diagnostic &d : evaluation.problems)
        out << QStringLiteral("problem %1:%2:%3 %4 [%5]").arg(d.file).arg(d.line).arg(d.column).arg(d.message, d.rule);
    return out.join(u'\n');
}

// The environments are compared apart: deep equality, not text.
bool sameEnvironments(const Evaluation &a, const Evaluation &b)
{
    if (a.events.size() != b.events.size())
        return false;
    for (std::size_t i = 0; i < a.events.size(); ++i)
        if (!expr::deepEqual(a.events[i].result.environment, b.events[i].result.environment))
            return false;
    return true;
}


QString where(const argo::SourceLocation &l)
{
    return QStringLiteral("%1:%2:%3").arg(QString::fromStdString(l.file)).arg(l.line).arg(l.column);
}

// Every field of a manifest set that dispatch, lint or the views read.
QString describe(const argo::ManifestSet &set)
{
    QStringList out;
    const auto meta = [&](const argo::ObjectMeta &m) {
        QString s = QStringLiteral("%1 ns=%2 gen=%3 at %4 name at %5")
                        .arg(QString::fromStdString(m.name), QString::fromStdString(m.namespace_),
                             QString::fromStdString(m.generateName), where(m.location), where(m.nameLocation));
        for (const auto &e : m.labels)
            s += QStringLiteral(" label %1=%2").arg(QString::fromStdString(e.key), QString::fromStdString(e.value));
        for (const auto &e : m.annotations)
            s += QStringLiteral(" annotation %1=%2").arg(QString::fromStdString(e.key), QString::fromStdString(e.value));
        return s;
    };
    for (const auto &t : set.templates) {
        out << QStringLiteral("template %1 cluster=%2 wm=%3 at %4").arg(meta(t.metadata)).arg(t.clusterScoped).arg(t.hasWorkflowMetadata).arg(where(t.location));
        for (const auto &p : t.parameters)
            out << QStringLiteral("  parameter %1=%2 default=%3 at %4")
                       .arg(QString::fromStdString(p.name), QString::fromStdString(p.value.value_or("<none>")))
                       .arg(p.hasDefault)
                       .arg(where(p.location));
        for (const auto &e : t.workflowLabels)
            out << QStringLiteral("  wlabel %1=%2").arg(QString::fromStdString(e.key), QString::fromStdString(e.value));
    }
    for (const auto &b : set.bindings) {
        out << QStringLiteral("binding %1 spec=%2 selector=%3 has=%4 at %5 style=%6 single=%7 doc at %8")
                   .arg(meta(b.metadata))
                   .arg(b.hasSpec)
                   .arg(QString::fromStdString(b.selector))
                   .arg(b.hasSelector)
                   .arg(where(b.selectorLocation))
                   .arg(int(b.selectorStyle))
                   .arg(b.selectorIsSingleLine)
                   .arg(where(b.location));
        if (b.submit) {
            const argo::Submit &s = *b.submit;
            out << QStringLiteral("  submit %1 cluster=%2 at %3 %4 md name=%5 gen=%6 at %7 args=%8")
                       .arg(QString::fromStdString(s.templateName))
                       .arg(s.clusterScope)
                       .arg(where(s.templateNameLocation), where(s.location), QString::fromStdString(s.metadata.name),
                            QString::fromStdString(s.metadata.generateName), where(s.metadata.location))
                       .arg(s.hasArguments);
            for (const auto &p : s.parameters)
                out << QStringLiteral("  parameter %1 event=%2 valueFrom=%3 at %4 %5")
                           .arg(QString::fromStdString(p.name), QString::fromStdString(p.event))
                           .arg(p.hasValueFrom)
                           .arg(where(p.location), where(p.eventLocation));
        }
    }
    for (const auto &w : set.workflows)
        out << QStringLiteral("workflow %1 at %2").arg(meta(w.metadata), where(w.location));
    for (const auto &u : set.unknown)
        out << QStringLiteral("unknown %1 %2 %3 at %4")
                   .arg(QString::fromStdString(u.apiVersion), QString::fromStdString(u.kind), meta(u.metadata), where(u.location));
    for (const auto &d : set.diagnostics)
        out << QString::fromStdString(argo::toString(d));
    return out.join(u'\n');
}

} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    int m_events = 0;

    void openWorkspace(int events)
    {
        m_workspace = std::make_unique<Workspace>();
        const QString root = m_dir.filePath(QStringLiteral("ws%1").arg(QRandomGenerator::global()->generate()));
        QString error;
        QVERIFY2(Workspace::create(root, QStringLiteral("t"), &error), qPrintable(error));
        QVERIFY2(m_workspace->open(root, &error), qPrintable(error));
        QVERIFY(m_workspace->setText(kTemplates, kTemplateText));
        QVERIFY(m_workspace->setText(kBindings, bindingsText()));
        QVERIFY(m_workspace->setText(kOther, binding("other-ns", "true").replace("name: other-ns", "name: other-ns\n  namespace: elsewhere")));
        const QByteArray bodies[] = {"{\"who\": \"world\", \"n\": 2}", "{\"who\": \"moon\", \"n\": 1}", "[1, 2]",
                                     "{\"who\": \"\"}", "{not json", "{\"n\": \"two\"}"};
        for (int i = 0; i < events; ++i)
            QVERIFY(m_workspace->setText(eventPath(i), eventText("e" + QByteArray::number(i), bodies[i % 6], i % 2 ? "push" : "ping")));
        m_events = events;
    }

private slots:
    // A selector that does not compile is reported where the error is in the file, whatever YAML
    // style the selector is written in (the binding is the second document: lines count from the
    // file's start).
    void selectorErrorsPointIntoTheFile_data()
    {
        QTest::addColumn<QByteArray>("selector");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        // The selector starts on line 16, column 15; expr reports `===` at its third `=`.
        QTest::newRow("plain") << QByteArray("payload.who === \"x\"") << 16 << 29;
        QTest::newRow("double-quoted") << QByteArray("\"payload.who === 'x'\"") << 16 << 30;
        QTest::newRow("literal block, line 2")
            << QByteArray("|\n      payload.who != \"\" &&\n      payload.n === 2") << 18 << 19;
        QTest::newRow("folded block, line 2")
            << QByteArray(">-\n      payload.who != \"\" &&\n      payload.n === 2") << 18 << 19;
        QTest::newRow("multi-line plain, line 2")
            << QByteArray("payload.who != \"\" &&\n      payload.n === 2") << 17 << 19;
    }

    void selectorErrorsPointIntoTheFile()
    {
        QFETCH(QByteArray, selector);
        QFETCH(int, line);
        QFETCH(int, column);
        Workspace workspace;
        const QString root = m_dir.filePath(QStringLiteral("pos%1").arg(QRandomGenerator::global()->generate()));
        QString error;
        QVERIFY2(Workspace::create(root, QStringLiteral("t"), &error), qPrintable(error));
        QVERIFY2(workspace.open(root, &error), qPrintable(error));
        QVERIFY(workspace.setText(kBindings, kTemplateText + "---\n" + binding("b", selector)));
        QVERIFY(workspace.setText(eventPath(0), eventText("e0", "{\"who\": \"world\", \"n\": 2}")));
        const auto evaluation = evaluate(workspace.snapshot());
        const auto problem = std::find_if(evaluation->problems.begin(), evaluation->problems.end(),
                                          [](const Diagnostic &d) { return d.rule == u"selector-compile"; });
        QVERIFY(problem != evaluation->problems.end());
        QCOMPARE(problem->file, kBindings);
        QCOMPARE(problem->line, line);
        QCOMPARE(problem->column, column);
    }

    void manifestsLoadedByDocument_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("edited");
        QTest::addColumn<int>("parsed"); // documents read again; -1 unchecked, -2 the file read whole

        const QByteArray two = kTemplateText + "---\n" + bindingsText();
        QTest::newRow("selector edited") << two << QByteArray(two).replace("payload.n > 1", "payload.n > 2") << 1;
        QTest::newRow("lines added") << two << QByteArray(two).replace("  name: beta\n", "  name: beta\n\n\n") << 4;
        QTest::newRow("leading comment") << "# c\n" + two << "# c\n" + QByteArray(two).replace("beta", "delta") << 1;
        QTest::newRow("block selector")
            << two << QByteArray(two).replace("selector: payload.n > 1", "selector: |\n      payload.n > 1 &&\n      true") << 4;
        QTest::newRow("quoted selector") << two << QByteArray(two).replace("selector: payload.n > 1", "selector: \"payload.n > 1\"") << 1;
        QTest::newRow("marker with content") << two << QByteArray(two).replace("---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta",
                                                                              "--- {apiVersion: argoproj.io/v1alpha1, kind: WorkflowEventBinding, metadata: {name: beta}}\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta2") << 5;
        QTest::newRow("empty documents") << two << "---\n---\n" + two + "---\n" << -1;
        QTest::newRow("CRLF") << two << QByteArray(two).replace("\n", "\r\n") << -1;
        QTest::newRow("broken document") << two << QByteArray(two).replace("  name: beta\n", "  name: [beta\n") << -1;
        QTest::newRow("unknown kind") << two << QByteArray(two).replace("kind: WorkflowEventBinding\nmetadata:\n  name: beta", "kind: Gadget\nmetadata:\n  name: beta") << 1;
        QTest::newRow("top-level comma") << two << QByteArray(two).replace("---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta", "---\n\"x\",\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta") << -1;
        QTest::newRow("anchors") << two << QByteArray(two).replace("  name: beta\n", "  name: &n beta\n  labels: {a: *n}\n") << -2;
        QTest::newRow("directive") << two << "%YAML 1.2\n" + two << -2;
        QTest::newRow("document end marker") << two << QByteArray(two).replace("---\n", "...\n---\n") << -2;
        QTest::newRow("a list") << two << two + "---\napiVersion: v1\nkind: List\nitems:\n  - " + QByteArray(binding("listed", "true")).replace("\n", "\n    ") << 1;
    }

    void manifestsLoadedByDocument()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, edited);
        QFETCH(int, parsed);
        ManifestDocuments documents;
        const std::string file = "manifests/m.yaml";
        QCOMPARE(describe(documents.load(text.toStdString(), file)), describe(argo::loadManifests(text.toStdString(), file)));
        documents.sweep();
        QCOMPARE(describe(documents.load(edited.toStdString(), file)), describe(argo::loadManifests(edited.toStdString(), file)));
        if (parsed >= 0)
            QCOMPARE(documents.documentsParsed(), std::size_t(parsed));
        if (parsed == -2)
            QCOMPARE(documents.documentsReused(), std::size_t(0));
    }

    void afterAnEditEqualsAFullEvaluation_data()
    {
        QTest::addColumn<std::function<void(Workspace &)>>("edit");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("columns"); // bindings re-run

        const auto replaceIn = [](QString path, QByteArray from, QByteArray to) {
            return std::function<void(Workspace &)>([=](Workspace &w) {
                QByteArray text = w.text(path);
                QVERIFY2(text.contains(from), from.constData());
                QVERIFY(w.setText(path, text.replace(from, to)));
            });
        };
        QTest::newRow("selector edited") << replaceIn(kBindings, "payload.n > 1", "payload.n >= 1") << Kind::Columns << 1;
        QTest::newRow("selector broken") << replaceIn(kBindings, "payload.n > 1", "payload.n >") << Kind::Columns << 1;
        QTest::newRow("selector that fails at run time")
            << replaceIn(kBindings, "payload.n > 1", "payload.n + 1 > 1") << Kind::Columns << 1;
        QTest::newRow("selector matches nothing") << replaceIn(kBindings, "payload.who == \"world\"", "false")
                                                  << Kind::Columns << 1;
        QTest::newRow("parameter edited")
            << replaceIn(kBindings, "event: payload.who\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta",
                         "event: payload.n\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta")
            << Kind::Columns << 1;
        QTest::newRow("two selectors edited") << std::function<void(Workspace &)>([](Workspace &w) {
            QByteArray text = w.text(kBindings);
            QVERIFY(w.setText(kBindings, text.replace("payload.n > 1", "payload.n > 0").replace("[\"push\"]", "[\"ping\"]")));
        }) << Kind::Columns << 2;
        QTest::newRow("binding in another namespace edited")
            << replaceIn(kOther, "selector: true", "selector: payload.n == 2") << Kind::Columns << 1;
        QTest::newRow("template reference edited")
            << replaceIn(kBindings, "name: greet\n    arguments:\n      parameters:\n        - name: who\n          valueFrom:\n            event: payload.who\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta",
                         "name: missing\n    arguments:\n      parameters:\n        - name: who\n          valueFrom:\n            event: payload.who\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: beta")
            << Kind::Columns << 1;
        // A fixed Workflow name can collide with another binding's: named-too fails AlreadyExists
        // exactly while named fires.
        QTest::newRow("binding with a fixed name edited")
            << replaceIn(kBindings, "payload.who != \"\"", "payload.who == \"moon\"") << Kind::Full << 6;
        QTest::newRow("template edited") << replaceIn(kTemplates, "- name: who", "- name: whom") << Kind::Full << 6;
        QTest::newRow("binding renamed") << replaceIn(kBindings, "name: beta", "name: delta") << Kind::Full << 6;
        QTest::newRow("binding added") << std::function<void(Workspace &)>([](Workspace &w) {
            QVERIFY(w.setText(QStringLiteral("manifests/more.yaml"), binding("added", "true")));
        }) << Kind::Full << 7;
        QTest::newRow("comment between documents") << replaceIn(kBindings, "---\n", "# note\n---\n") << Kind::Full << 6;
        QTest::newRow("comment inside a binding")
            << replaceIn(kBindings, "  name: beta\n", "  name: beta # note\n") << Kind::Columns << 1;
        QTest::newRow("manifest file broken") << replaceIn(kBindings, "  name: beta\n", "  name: [beta\n")
                                              << Kind::Full << -1;
        QTest::newRow("event body edited") << replaceIn(eventPath(1), "moon", "world") << Kind::Rows << 6;
        QTest::newRow("event made invalid") << replaceIn(eventPath(0), "\"n\": 2", "\"n\": ") << Kind::Rows << 6;
        QTest::newRow("event header edited") << replaceIn(eventPath(2), "value: ping", "value: push") << Kind::Rows << 6;
        QTest::newRow("event added") << std::function<void(Workspace &)>([](Workspace &w) {
            QVERIFY(w.setText(QStringLiteral("events/zz.yaml"), eventText("zz", "{\"who\": \"world\", \"n\": 5}")));
        }) << Kind::Rows << 6;
        QTest::newRow("default namespace changed") << std::function<void(Workspace &)>([](Workspace &w) {
            QByteArray text = w.text(w.indexPath());
            QVERIFY(w.setText(w.indexPath(), text.replace("namespace: argo", "namespace: elsewhere")));
        }) << Kind::Full << 6;
    }

    void afterAnEditEqualsAFullEvaluation()
    {
        QFETCH(std::function<void(Workspace &)>, edit);
        QFETCH(Kind, kind);
        QFETCH(int, columns);
        for (const int threads : {1, 2}) {
            openWorkspace(40);
            Evaluator evaluator;
            evaluator.setThreadCount(threads);
            const auto first = evaluator.evaluate(m_workspace->snapshot());
            QCOMPARE(first->stats.kind, Kind::Full);
            QCOMPARE(first->stats.rowsEvaluated, std::size_t(m_events));
            QCOMPARE(describe(*first), describe(*evaluate(m_workspace->snapshot())));

            edit(*m_workspace);
            if (QTest::currentTestFailed())
                return;
            const WorkspaceSnapshot after = m_workspace->snapshot();
            const auto incremental = evaluator.evaluate(after);
            const auto full = evaluate(after);
            QVERIFY(!incremental->cancelled);
            QCOMPARE(describe(*incremental), describe(*full));
            QVERIFY(sameEnvironments(*incremental, *full));
            QCOMPARE(incremental->stats.kind, kind);
            if (columns >= 0)
                QCOMPARE(incremental->stats.columnsEvaluated, std::size_t(columns));
            const std::size_t rows = incremental->events.size();
            switch (kind) {
            case Kind::Full: QCOMPARE(incremental->stats.rowsEvaluated, rows); break;
            case Kind::Rows:
                QCOMPARE(incremental->stats.rowsEvaluated, std::size_t(1)); // the edited or added event
                QCOMPARE(incremental->stats.rowsReused, rows - 1);
                break;
            case Kind::Columns:
                // Every event is taken over; rejected events (bad body) never reach a binding and stay as they were.
                QCOMPARE(incremental->stats.rowsEvaluated, std::size_t(0));
                QVERIFY(incremental->stats.rowsUpdated > 0);
                QCOMPARE(incremental->stats.rowsUpdated + incremental->stats.rowsReused, rows);
                break;
            }
            // Rows handed on are the previous evaluation's own objects, not copies.
            for (std::size_t i = 0, j = 0; i < incremental->events.size() && kind == Kind::Rows; ++i) {
                while (j < first->events.size() && first->events[j].path != incremental->events[i].path)
                    ++j;
                if (j < first->events.size() && first->events[j].path != QStringLiteral("events/e001.yaml")
                    && first->events[j].path != QStringLiteral("events/e000.yaml")
                    && first->events[j].path != QStringLiteral("events/e002.yaml"))
                    QCOMPARE(incremental->events.row(i).get(), first->events.row(j).get());
            }

            // And back: the evaluator keeps following.
            const auto again = evaluator.evaluate(m_workspace->snapshot());
            QCOMPARE(describe(*again), describe(*full));
            QCOMPARE(again->stats.kind, Kind::Rows);
            QCOMPARE(again->stats.rowsReused, rows);
        }
    }

    void anEditTheBindingsMustSeeTogether()
    {
        // named fires first and takes "fixed-world"; named-too then fails AlreadyExists. When named
        // stops matching, named-too fires instead: its cell changes although its text did not.
        openWorkspace(6);
        Evaluator evaluator;
        const auto before = evaluator.evaluate(m_workspace->snapshot());
        QByteArray text = m_workspace->text(kBindings);
        QVERIFY(m_workspace->setText(kBindings, text.replace("payload.who != \"\"", "false")));
        const auto after = evaluator.evaluate(m_workspace->snapshot());
        const auto namedToo = [](const Evaluation &e) {
            for (std::size_t b = 0; b < e.bindingCount(); ++b)
                if (e.binding(b)->metadata.name == "named-too")
                    return e.events[0].outcome(b)->status;
            return argo::BindingStatus::Filtered;
        };
        QCOMPARE(namedToo(*before), argo::BindingStatus::Error);
        QCOMPARE(namedToo(*after), argo::BindingStatus::Submitted);
        QCOMPARE(describe(*after), describe(*evaluate(m_workspace->snapshot())));
    }

    void rowsAreSlimTheCellInFullOnDemand()
    {
        openWorkspace(12);
        Evaluator evaluator;
        const auto evaluation = evaluator.evaluate(m_workspace->snapshot());
        int submitted = 0;
        for (const EventEvaluation &row : evaluation->events) {
            QVERIFY(row.result.workflows.empty());
            const argo::DispatchResult full = fullResult(*evaluation, row);
            QCOMPARE(full.responseBody, row.result.responseBody);
            QCOMPARE(full.outcomes.size(), row.result.outcomes.size());
            for (std::size_t i = 0; i < full.outcomes.size(); ++i) {
                const argo::BindingOutcome &o = full.outcomes[i];
                const argo::BindingOutcome &kept = row.result.outcomes[i];
                QCOMPARE(int(kept.status), int(o.status));
                QCOMPARE(kept.error, o.error);
                QCOMPARE(bool(kept.workflow), bool(o.workflow));
                if (!o.workflow)
                    continue;
                QCOMPARE(kept.workflow->name, o.workflow->name);
                QCOMPARE(kept.workflow->generateName, o.workflow->generateName);
                QVERIFY(kept.workflow->labels.empty());
                if (o.status == argo::BindingStatus::Submitted) {
                    ++submitted;
                    QCOMPARE(o.workflow->parameters.size(), std::size_t(1)); // `who`
                    QCOMPARE(o.workflow->labels.at("workflows.argoproj.io/workflow-event-binding"), o.bindingName);
                }
            }
            QCOMPARE(full.workflows.size(), std::size_t(std::count_if(full.outcomes.begin(), full.outcomes.end(), [](const argo::BindingOutcome &o) {
                         return o.status == argo::BindingStatus::Submitted;
                     })));
        }
        QVERIFY(submitted > 0);
    }

    void aCancelledEvaluationChangesNothing()
    {
        openWorkspace(200);
        Evaluator evaluator;
        const auto first = evaluator.evaluate(m_workspace->snapshot());
        QByteArray text = m_workspace->text(kBindings);
        QVERIFY(m_workspace->setText(kBindings, text.replace("payload.n > 1", "payload.n > 0")));
        std::atomic_bool cancelled{true};
        const auto stale = evaluator.evaluate(m_workspace->snapshot(), &cancelled);
        QVERIFY(stale->cancelled);
        // The next evaluation still starts from the last complete one.
        const auto next = evaluator.evaluate(m_workspace->snapshot());
        QVERIFY(!next->cancelled);
        QCOMPARE(next->stats.kind, Kind::Columns);
        QCOMPARE(describe(*next), describe(*evaluate(m_workspace->snapshot())));
        evaluator.reset();
        QCOMPARE(evaluator.evaluate(m_workspace->snapshot())->stats.kind, Kind::Full);
    }

    void eventsTheEditRemoved()
    {
        openWorkspace(12);
        const WorkspaceSnapshot without = m_workspace->snapshot();
        QVERIFY(m_workspace->setText(QStringLiteral("events/zz.yaml"), eventText("zz", "{\"who\": \"world\"}")));
        const WorkspaceSnapshot with = m_workspace->snapshot();
        Evaluator evaluator;
        QCOMPARE(evaluator.evaluate(with)->events.size(), std::size_t(13));
        const auto after = evaluator.evaluate(without);
        QCOMPARE(after->stats.kind, Kind::Rows);
        QCOMPARE(after->stats.rowsReused, std::size_t(12));
        QCOMPARE(describe(*after), describe(*evaluate(without)));
    }
};

BINDERY_TEST_MAIN(TestEvaluation)
#include "test_evaluation.moc"
