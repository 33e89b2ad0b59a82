// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <mutex>
#include <optional>

namespace bindery::net {

// A Kubernetes label selector (`a=b,c!=d,e,!f,g in (x,y),h notin (z)`).
class LabelSelector
{
public:
    static std::optional<LabelSelector> parse(const QString &text, QString *error);
    bool matches(const QJsonObject &labels) const;

private:
    struct Requirement {
        enum class Op { Equals, NotEquals, Exists, NotExists, In, NotIn };
        QString key;
        Op op = Op::Exists;
        QStringList values;
    };
    QList<Requirement> m_requirements;
};

// The objects the hosted endpoint pretends to have: templates and bindings (from the catalog) and
// the Workflows created (bounded: the oldest are evicted). Thread-safe; workflowAdded is emitted
// from the thread that added the workflow.
class SimulatedCluster : public QObject
{
    Q_OBJECT
public:
    explicit SimulatedCluster(int maxWorkflows = 1000, QObject *parent = nullptr);

    void setResources(QList<QJsonObject> templates, QList<QJsonObject> clusterTemplates, QList<QJsonObject> bindings);
    void addWorkflow(QJsonObject workflow); // gives it a uid, creationTimestamp and resourceVersion

    // Lists in the shapes of Argo's OpenAPI (…WorkflowList etc.): {"metadata": {...}, "items": [...]}.
    QJsonObject listWorkflows(const QString &ns, const LabelSelector *selector) const;
    QJsonObject listTemplates(const QString &ns, const LabelSelector *selector) const;
    QJsonObject listClusterTemplates(const LabelSelector *selector) const;
    QJsonObject listBindings(const QString &ns, const LabelSelector *selector) const;

    // WorkflowTemplate writes (POST/PUT /api/v1/workflow-templates/...), with Kubernetes' rules:
    // create fails AlreadyExists when the name is taken (generateName gets a random suffix); update
    // fails NotFound when it is not, and Conflict when a given resourceVersion is stale. The stored
    // template gets namespace, uid, creationTimestamp, generation and resourceVersion.
    struct WriteResult {
        enum class Error { None, Invalid, AlreadyExists, NotFound, Conflict } error = Error::None;
        QString message;     // Kubernetes' wording, as Argo passes it on
        QJsonObject object;  // the stored template (on success)
    };
    WriteResult createTemplate(const QString &ns, QJsonObject manifest);
    WriteResult updateTemplate(const QString &ns, QJsonObject manifest);
    std::optional<QJsonObject> getTemplate(const QString &ns, const QString &name) const;

    int workflowCount() const;
    quint64 workflowsEvicted() const;
    int maxWorkflows() const { return m_max; }
    void setMaxWorkflows(int max) { std::lock_guard lock(m_mutex); m_max = max < 1 ? 1 : max; }

signals:
    void workflowAdded(const QJsonObject &workflow);
    // A template was created or updated (emitted from the writing thread, after the write).
    void templateWritten(const QJsonObject &workflowTemplate);

private:
    mutable std::mutex m_mutex;
    int m_max;
    std::deque<QJsonObject> m_workflows;
    QList<QJsonObject> m_templates, m_clusterTemplates, m_bindings;
    quint64 m_resourceVersion = 1;
    quint64 m_evicted = 0;
};

} // namespace bindery::net
