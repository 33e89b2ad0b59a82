// SPDX-License-Identifier: Apache-2.0
#include "net/argo_dispatch_sink.h"

#include "argo/dispatcher.h"

#include <QJsonDocument>

namespace bindery::net {

namespace {

bool isSelectorError(const std::string &error)
{
    return error.starts_with("failed to evaluate workflow template expression");
}

} // namespace

ArgoDispatchSink::ArgoDispatchSink(std::shared_ptr<const argo::Dispatcher> dispatcher, std::string instanceId)
    : m_dispatcher(std::move(dispatcher))
    , m_instanceId(std::move(instanceId))
{
}

DispatchOutcome ArgoDispatchSink::dispatch(const IncomingEvent &event, const EventContext &context)
{
    argo::Event e;
    e.namespace_ = event.ns.toStdString();
    e.discriminator = event.discriminator.toStdString();
    e.headers.reserve(static_cast<size_t>(event.headers.size()));
    for (const auto &[name, value] : event.headers)
        e.headers.push_back({name.toStdString(), value.trimmed().toStdString()});
    e.body = event.body.toStdString();
    argo::RequestContext ctx;
    ctx.clientAddress = (context.clientText.isEmpty() ? context.client.toString() : context.clientText).toStdString();
    if (!context.host.isEmpty())
        ctx.host = context.host.toStdString();
    ctx.instanceId = m_instanceId;
    const Identity &who = context.identity;
    if (!who.anonymous || !who.claims.isEmpty()) {
        argo::Claims claims;
        claims.subject = who.claims.value(QStringLiteral("sub")).toString().toStdString();
        claims.email = who.claims.value(QStringLiteral("email")).toString().toStdString();
        claims.preferredUsername = who.claims.value(QStringLiteral("preferred_username")).toString().toStdString();
        ctx.claims = claims;
    }

    const argo::DispatchResult result = m_dispatcher->dispatch(e, ctx);
    DispatchOutcome out;
    if (result.httpStatus != 200 && result.outcomes.empty()) {
        out.ok = false;
        out.error = QString::fromStdString(result.message);
        return out;
    }
    QStringList errors;
    for (const argo::BindingOutcome &o : result.outcomes) {
        const QString bindingNs = QString::fromStdString(o.bindingNamespace);
        std::string error = o.error;
        const bool matched = o.status == argo::BindingStatus::Submitted || o.status == argo::BindingStatus::MatchedNoSubmit
                             || (o.status == argo::BindingStatus::Error && !isSelectorError(o.error));
        if (matched)
            out.matchedBindings << QString::fromStdString(o.bindingName);
        // RBAC: the template Get comes first, then the Create.
        if (o.status == argo::BindingStatus::Submitted || (o.status == argo::BindingStatus::Error && !isSelectorError(o.error))) {
            const bool cluster = o.workflow && o.workflow->clusterScope;
            const QString tmpl = o.workflow ? QString::fromStdString(o.workflow->templateName) : QString();
            if (o.workflow && !who.can(cluster ? Permission::GetClusterTemplates : Permission::GetTemplates, bindingNs)) {
                error = "failed to get workflow template: "
                        + who.forbiddenMessage(QStringLiteral("get"), cluster ? QStringLiteral("clusterworkflowtemplates") : QStringLiteral("workflowtemplates"),
                                               bindingNs, tmpl).toStdString();
            } else if (o.status == argo::BindingStatus::Submitted && !who.can(Permission::CreateWorkflows, bindingNs)) {
                error = "failed to create workflow: "
                        + who.forbiddenMessage(QStringLiteral("create"), QStringLiteral("workflows"), bindingNs).toStdString();
            }
        }
        if (!error.empty()) {
            errors << QString::fromStdString(error);
            out.bindingErrors << QStringLiteral("failed to dispatch event: ") + QString::fromStdString(error);
        } else if (o.status == argo::BindingStatus::Submitted && o.workflow) {
            out.workflows << QJsonDocument::fromJson(QByteArray::fromStdString(argo::toJson(*o.workflow))).object();
        }
    }
    if (!errors.isEmpty()) {
        out.ok = false;
        out.error = QStringLiteral("failed to dispatch event: [") + errors.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    return out;
}

} // namespace bindery::net
