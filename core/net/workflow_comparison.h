// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace bindery::net {

// The parts of a Workflow created from an event that predicted-vs-actual compares: the same
// projection of the local dispatcher's Workflow and of one listed by the server. Names are not
// compared (generated names get random suffixes on both sides).
struct WorkflowSummary {
    QString name;
    QString ns;
    QString binding;      // label workflows.argoproj.io/workflow-event-binding
    QString templateName; // spec.workflowTemplateRef.name
    bool clusterScope = false;
    QList<std::pair<QString, QString>> parameters; // spec.arguments.parameters, in order
    QString creationTimestamp; // server side only

    friend bool operator==(const WorkflowSummary &, const WorkflowSummary &) = default;
};

inline const QString kEventBindingLabel = QStringLiteral("workflows.argoproj.io/workflow-event-binding");

// Reads a Workflow object (the dispatcher's JSON, or an item of GET /api/v1/workflows/{ns}).
WorkflowSummary workflowSummary(const QJsonObject &workflow);

// One line per Workflow: "template (binding X) a=1 b=2".
QString describeWorkflow(const WorkflowSummary &workflow);

// Compares what the dispatcher predicted with what the server created for one event. Empty when
// they agree (same count per binding, same template and parameters); otherwise one sentence, e.g.
// "predicted 2 workflows, server created 1: binding b2 missing".
QString compareWorkflows(const QList<WorkflowSummary> &predicted, const QList<WorkflowSummary> &actual);

} // namespace bindery::net
