// SPDX-License-Identifier: Apache-2.0
#include "workspace/binding_draft.h"

#include "workspace/evaluation.h"
#include "workspace/yaml_support.h"

#include <QRegularExpression>

namespace bindery::workspace {

namespace {

QString exprString(const QString &s)
{
    QString escaped = s;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}

QString dnsName(const QString &name)
{
    static const QRegularExpression invalid(QStringLiteral("[^a-z0-9-]+"));
    QString s = name.toLower().replace(invalid, QStringLiteral("-"));
    while (s.startsWith(u'-'))
        s.remove(0, 1);
    while (s.endsWith(u'-'))
        s.chop(1);
    return s.isEmpty() ? QStringLiteral("new-binding") : s.left(63);
}

} // namespace

QByteArray bindingDraft(const EventDocument &event, const argo::WorkflowTemplate &workflowTemplate,
                        const QString &defaultNamespace)
{
    QStringList conditions{QStringLiteral("discriminator == %1").arg(exprString(event.discriminator))};
    // Webhook senders name the kind of event in a header (X-GitHub-Event, X-Gitlab-Event, ...).
    for (const EventHeader &h : event.headers) {
        const QString name = h.name.toLower();
        if (name.startsWith(QStringLiteral("x-")) && name.endsWith(QStringLiteral("-event")))
            conditions << QStringLiteral("metadata[%1] == [%2]").arg(exprString(name), exprString(h.value.trimmed()));
    }
    const expr::Value environment = eventEnvironment(event);
    const expr::Value *payload = environment.find("payload");

    QByteArray out = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n";
    out += yaml::scalarEntry("name", dnsName(event.name), 2);
    if (!event.namespaceName.isEmpty() && event.namespaceName != defaultNamespace)
        out += yaml::scalarEntry("namespace", event.namespaceName, 2);
    out += "spec:\n  event:\n";
    out += yaml::scalarEntry("selector", conditions.join(QStringLiteral(" && ")), 4);
    out += "  submit:\n    workflowTemplateRef:\n";
    out += yaml::scalarEntry("name", QString::fromStdString(workflowTemplate.metadata.name), 6);
    if (workflowTemplate.clusterScoped)
        out += "      clusterScope: true\n";
    if (!workflowTemplate.parameters.empty()) {
        out += "    arguments:\n      parameters:\n";
        for (const argo::TemplateParameter &p : workflowTemplate.parameters) {
            const QString name = QString::fromStdString(p.name);
            const bool inPayload = payload && payload->find(p.name) != nullptr;
            out += yaml::scalarEntry("- name", name, 8);
            out += "          valueFrom:\n";
            static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
            if (inPayload)
                out += yaml::scalarEntry("event",
                                         identifier.match(name).hasMatch() ? QStringLiteral("payload.") + name
                                                                           : QStringLiteral("payload[%1]").arg(exprString(name)),
                                         12);
            else // no payload key of that name: an empty string until the user picks a path
                out += "            event: '\"\"'  # choose an expression, e.g. payload.<field>\n";
        }
    }
    return out;
}

} // namespace bindery::workspace
