// SPDX-License-Identifier: Apache-2.0
#include "net/workflow_comparison.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

namespace bindery::net {

WorkflowSummary workflowSummary(const QJsonObject &workflow)
{
    WorkflowSummary s;
    const QJsonObject meta = workflow.value(QLatin1String("metadata")).toObject();
    s.name = meta.value(QLatin1String("name")).toString();
    s.ns = meta.value(QLatin1String("namespace")).toString();
    s.binding = meta.value(QLatin1String("labels")).toObject().value(kEventBindingLabel).toString();
    s.creationTimestamp = meta.value(QLatin1String("creationTimestamp")).toString();
    const QJsonObject spec = workflow.value(QLatin1String("spec")).toObject();
    const QJsonObject ref = spec.value(QLatin1String("workflowTemplateRef")).toObject();
    s.templateName = ref.value(QLatin1String("name")).toString();
    s.clusterScope = ref.value(QLatin1String("clusterScope")).toBool();
    for (const QJsonValue &p : spec.value(QLatin1String("arguments")).toObject().value(QLatin1String("parameters")).toArray()) {
        const QJsonObject o = p.toObject();
        s.parameters.append({o.value(QLatin1String("name")).toString(), o.value(QLatin1String("value")).toString()});
    }
    return s;
}

QString describeWorkflow(const WorkflowSummary &w)
{
    QString out = (w.clusterScope ? QStringLiteral("cluster template ") : QString()) + w.templateName;
    out += QStringLiteral(" (binding %1)").arg(w.binding.isEmpty() ? QStringLiteral("?") : w.binding);
    for (const auto &[name, value] : w.parameters)
        out += QLatin1Char(' ') + name + QLatin1Char('=') + value;
    return out;
}

namespace {

QString parametersText(const QList<std::pair<QString, QString>> &parameters)
{
    QStringList parts;
    for (const auto &[name, value] : parameters)
        parts << name + QStringLiteral("=\"") + value + QLatin1Char('"');
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// What differs between two Workflows of the same binding ("" when nothing).
QString difference(const WorkflowSummary &p, const WorkflowSummary &a)
{
    QStringList why;
    if (p.templateName != a.templateName || p.clusterScope != a.clusterScope)
        why << QStringLiteral("template %1 predicted, server used %2")
                   .arg((p.clusterScope ? QStringLiteral("cluster/") : QString()) + p.templateName,
                        (a.clusterScope ? QStringLiteral("cluster/") : QString()) + a.templateName);
    if (p.parameters != a.parameters) {
        // Name by name first: "parameter x predicted "1", server "2"" reads better than two lists.
        QMap<QString, QString> pm, am;
        for (const auto &[n, v] : p.parameters)
            pm.insert(n, v);
        for (const auto &[n, v] : a.parameters)
            am.insert(n, v);
        bool named = false;
        for (auto it = pm.cbegin(); it != pm.cend(); ++it) {
            if (!am.contains(it.key()))
                why << QStringLiteral("parameter %1 missing on the server").arg(it.key());
            else if (am.value(it.key()) != it.value())
                why << QStringLiteral("parameter %1 predicted \"%2\", server \"%3\"").arg(it.key(), it.value(), am.value(it.key()));
            else
                continue;
            named = true;
        }
        for (auto it = am.cbegin(); it != am.cend(); ++it) {
            if (!pm.contains(it.key())) {
                why << QStringLiteral("unexpected parameter %1=\"%2\"").arg(it.key(), it.value());
                named = true;
            }
        }
        if (!named) // same values, another order (or repeated names)
            why << QStringLiteral("parameters %1 predicted, server %2").arg(parametersText(p.parameters), parametersText(a.parameters));
    }
    return why.join(QStringLiteral(", "));
}

} // namespace

QString compareWorkflows(const QList<WorkflowSummary> &predicted, const QList<WorkflowSummary> &actual)
{
    // Group by binding, keeping the order in which bindings first appear (the dispatcher's order).
    QStringList bindings;
    QMap<QString, QList<WorkflowSummary>> p, a;
    for (const auto &w : predicted) {
        if (!bindings.contains(w.binding))
            bindings << w.binding;
        p[w.binding] << w;
    }
    for (const auto &w : actual) {
        if (!bindings.contains(w.binding))
            bindings << w.binding;
        a[w.binding] << w;
    }
    QStringList why;
    for (const QString &b : std::as_const(bindings)) {
        const QList<WorkflowSummary> pw = p.value(b), aw = a.value(b);
        const QString name = b.isEmpty() ? QStringLiteral("(unlabelled)") : b;
        if (aw.isEmpty()) {
            why << QStringLiteral("binding %1 missing").arg(name);
            continue;
        }
        if (pw.isEmpty()) {
            why << QStringLiteral("binding %1 unexpected (%2)").arg(name, describeWorkflow(aw.first()));
            continue;
        }
        if (pw.size() != aw.size())
            why << QStringLiteral("binding %1: %2 predicted, %3 created").arg(name).arg(pw.size()).arg(aw.size());
        for (qsizetype i = 0; i < std::min(pw.size(), aw.size()); ++i) {
            const QString d = difference(pw[i], aw[i]);
            if (!d.isEmpty())
                why << QStringLiteral("binding %1: %2").arg(name, d);
        }
    }
    if (why.isEmpty())
        return {};
    const auto count = [](qsizetype n) {
        return n == 1 ? QStringLiteral("1 workflow") : QStringLiteral("%1 workflows").arg(n);
    };
    return QStringLiteral("predicted %1, server created %2: %3")
        .arg(count(predicted.size()), QString::number(actual.size()), why.join(QStringLiteral("; ")));
}

} // namespace bindery::net
