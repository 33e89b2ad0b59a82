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
#include <memory>
#include <vector>

namespace bindery::workspace {

// One workspace event and what Argo would do with it.
struct EventEvaluation {
    QString path;
    QString name;
    argo::Event event;
    argo::DispatchResult result;
    // The outcome for the binding at `bindingIndex` of Catalog::allBindings(); null when the
    // binding is not listed for this event (another namespace).
    const argo::BindingOutcome *outcome(std::size_t bindingIndex) const;
};

// Every event of one workspace snapshot dispatched against its manifests: immutable, shared with
// the views. Built off the UI thread.
struct Evaluation {
    quint64 revision = 0;
    argo::Catalog catalog;
    std::vector<EventEvaluation> events; // in the snapshot's event order; events that do not parse are left out
    std::vector<argo::LintFinding> lint;
    QList<Diagnostic> problems; // manifest errors Argo reports and lint findings, positions in characters
    bool cancelled = false;

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
