// SPDX-License-Identifier: Apache-2.0
#pragma once

// Binding test suites: YAML files beside the bindings (tests/*.yaml in a workspace) that post an
// event and state what Argo should do with it. The runner dispatches each case with the real
// dispatcher and compares the outcome with the expectation, exactly or partially.
//
// The format (every key but `cases` optional):
//
//   manifests: [../manifests/a.yaml]   # only outside a workspace: files relative to this one
//   cases:
//     - name: push to main fires the build
//       event: push-main                # an event of the workspace (file stem or `name:`) ...
//       # event: {namespace: argo, discriminator: d, headers: [{name: X-A, value: b}], body: '{}'}
//       match: partial                  # partial (default: only what is written is checked) | exact
//       expect:
//         status: 200                   # the sync-mode HTTP status
//         response: '{}'                # the exact response body
//         fires: [build]                # these bindings match and submit
//         doesNotFire: [deploy]         # these are not matched (or filtered by instance id)
//         workflows:                    # the Workflows created, in order
//           - binding: build
//             template: build
//             clusterScope: false
//             name: ...
//             generateName: build-
//             namespace: argo
//             labels: {team: ci}
//             annotations: {}
//             parameters: {ref: refs/heads/main}
//         warnings:                     # the Warning events recorded on bindings
//           - binding: deploy
//             message: "failed to dispatch event: ..."     # exact, or:
//             messageContains: "unable to evaluate"
//
// With `match: exact`, every listed collection must be complete: `fires` names every binding that
// fired, `workflows` every Workflow with all its labels/annotations/parameters, `warnings` every
// Warning event; unlisted keys are still not checked.

#include "argo/dispatcher.h"
#include "workspace/diagnostic.h"
#include "workspace/event_document.h"
#include "workspace/workspace_snapshot.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace bindery::workspace {

struct ExpectedWorkflow {
    std::optional<QString> binding;
    std::optional<QString> templateName;
    std::optional<bool> clusterScope;
    std::optional<QString> name;
    std::optional<QString> generateName;
    std::optional<QString> namespaceName;
    std::optional<QMap<QString, QString>> labels;
    std::optional<QMap<QString, QString>> annotations;
    std::optional<QMap<QString, QString>> parameters;
    int line = 0;
};

struct ExpectedWarning {
    std::optional<QString> binding;
    std::optional<QString> message;
    std::optional<QString> messageContains;
    int line = 0;
};

struct Expectation {
    bool exact = false;
    std::optional<int> status;
    std::optional<QByteArray> response;
    std::optional<QStringList> fires;
    std::optional<QStringList> doesNotFire;
    std::optional<QList<ExpectedWorkflow>> workflows;
    std::optional<QList<ExpectedWarning>> warnings;
};

struct BindingTestCase {
    QString name;
    QString eventRef;                     // set when the case names a workspace event
    std::optional<EventDocument> inlineEvent; // set when the event is written in the case
    Expectation expect;
    int line = 0; // of the case in its file
    int column = 0;
};

struct BindingTestSuite {
    QString path;                // as given (relative to the workspace root inside one)
    QStringList manifestFiles;   // `manifests:` entries, relative to the suite file
    QList<BindingTestCase> cases;
    QList<Diagnostic> problems;  // malformed file or cases, with line and column
};

class BindingTestFormat
{
public:
    // Never throws: problems become diagnostics (with `file` = path). Cases that cannot be read are
    // dropped; the others are kept.
    static BindingTestSuite parse(const QByteArray &yaml, const QString &path);
    // Writes a suite in the canonical form (comments are not preserved).
    static QByteArray serialize(const BindingTestSuite &suite);
};

struct BindingTestResult {
    QString suitePath;
    QString caseName;
    int line = 0;
    bool passed = false;
    QStringList failures;      // one readable "what: expected X, got Y" line each
    QStringList explanations;  // for bindings whose match was wrong: the selector and its value
    argo::DispatchResult actual;
    double milliseconds = 0;
};

// Runs suites against a catalog and a set of events (the workspace's, usually).
class BindingTestRunner
{
public:
    BindingTestRunner(argo::Catalog catalog, QList<EventDocument> events);
    // The workspace's manifests and events, as the snapshot holds them.
    static BindingTestRunner fromSnapshot(const WorkspaceSnapshot &snapshot, QList<Diagnostic> *problems);

    BindingTestResult run(const BindingTestSuite &suite, const BindingTestCase &testCase) const;

    // The event a case posts, or nothing (and `error`) when its reference is unknown.
    std::optional<EventDocument> resolveEvent(const BindingTestCase &testCase, QString *error) const;

    // Today's outcome as an expectation: `exact` freezes everything (for --update and "add as test").
    static Expectation expectationFrom(const argo::DispatchResult &result, bool exact);

private:
    argo::Dispatcher m_dispatcher;
    QList<EventDocument> m_events;
};

// Every suite of a workspace snapshot run once: immutable, shared with the views.
struct TestRun {
    quint64 revision = 0;
    QList<BindingTestResult> results; // in suite file order, then case order
    QList<Diagnostic> problems;       // malformed suites and manifests
    bool cancelled = false;

    int passed() const;
    int failed() const;
};

// Runs the snapshot's suites (only the case `onlyCase` of `onlySuite` when both are given). Stops
// early, and says so, once `cancelled` is set: a newer edit made the run stale.
std::shared_ptr<const TestRun> runWorkspaceTests(const WorkspaceSnapshot &snapshot,
                                                 const std::atomic_bool *cancelled = nullptr,
                                                 const QString &onlySuite = {}, const QString &onlyCase = {});

class Workspace;

// "Add as test": appends to the suite `suitePath` (relative to the workspace root; created when
// missing) a case that posts the workspace event at `eventPath` and expects what happens to it
// today (partially: fires/doesNotFire, the Workflows' parameters, warnings and status). The change
// is an unsaved edit of `workspace`, like any other. Returns the new case's name, or nothing with
// `error` set.
std::optional<QString> addEventAsTest(Workspace &workspace, const QString &eventPath, QString *error,
                                      const QString &suitePath = QString());

// JUnit XML (the elements and attributes CI systems require: testsuites/testsuite/testcase,
// failure with message and text) for the results, one testsuite per suite file.
QByteArray junitXml(const QList<BindingTestResult> &results);

} // namespace bindery::workspace
