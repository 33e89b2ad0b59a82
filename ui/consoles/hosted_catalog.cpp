// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/hosted_catalog.h"

#include "argo/catalog.h"
#include "argo/dispatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace bindery::ui {

namespace {

QJsonObject labelsJson(const argo::StringMap &map)
{
    QJsonObject o;
    for (const argo::StringEntry &e : map)
        o.insert(QString::fromStdString(e.key), QString::fromStdString(e.value));
    return o;
}

QJsonObject metadataJson(const argo::ObjectMeta &meta)
{
    QJsonObject m{{QStringLiteral("name"), QString::fromStdString(meta.name)}};
    if (!meta.namespace_.empty())
        m.insert(QStringLiteral("namespace"), QString::fromStdString(meta.namespace_));
    if (!meta.labels.empty())
        m.insert(QStringLiteral("labels"), labelsJson(meta.labels));
    return m;
}

QJsonObject templateJson(const argo::WorkflowTemplate &t)
{
    QJsonArray params;
    for (const argo::TemplateParameter &p : t.parameters) {
        QJsonObject o{{QStringLiteral("name"), QString::fromStdString(p.name)}};
        if (p.value)
            o.insert(QStringLiteral("value"), QString::fromStdString(*p.value));
        params.append(o);
    }
    QJsonObject spec;
    if (!params.isEmpty())
        spec.insert(QStringLiteral("arguments"), QJsonObject{{QStringLiteral("parameters"), params}});
    return {{QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
            {QStringLiteral("kind"), t.clusterScoped ? QStringLiteral("ClusterWorkflowTemplate") : QStringLiteral("WorkflowTemplate")},
            {QStringLiteral("metadata"), metadataJson(t.metadata)},
            {QStringLiteral("spec"), spec}};
}

QJsonObject bindingJson(const argo::WorkflowEventBinding &b)
{
    QJsonObject spec{{QStringLiteral("event"), QJsonObject{{QStringLiteral("selector"), QString::fromStdString(b.selector)}}}};
    if (b.submit) {
        QJsonObject ref{{QStringLiteral("name"), QString::fromStdString(b.submit->templateName)}};
        if (b.submit->clusterScope)
            ref.insert(QStringLiteral("clusterScope"), true);
        QJsonObject submit{{QStringLiteral("workflowTemplateRef"), ref}};
        QJsonArray params;
        for (const argo::BindingParameter &p : b.submit->parameters)
            params.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(p.name)},
                                      {QStringLiteral("valueFrom"), QJsonObject{{QStringLiteral("event"), QString::fromStdString(p.event)}}}});
        if (!params.isEmpty())
            submit.insert(QStringLiteral("arguments"), QJsonObject{{QStringLiteral("parameters"), params}});
        spec.insert(QStringLiteral("submit"), submit);
    }
    return {{QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
            {QStringLiteral("kind"), QStringLiteral("WorkflowEventBinding")},
            {QStringLiteral("metadata"), metadataJson(b.metadata)},
            {QStringLiteral("spec"), spec}};
}

void appendYaml(QString &out, const QJsonValue &value, int indent);

QString scalarYaml(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("null");
    const QString s = v.toString();
    // Plain scalars only when YAML reads them back as the same string.
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_/.][A-Za-z0-9_./ -]*$"));
    static const QRegularExpression special(QStringLiteral("^(true|false|yes|no|on|off|null|~)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (plain.match(s).hasMatch() && !special.match(s).hasMatch() && !s.endsWith(QLatin1Char(' ')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    q.replace(QLatin1Char('\n'), QStringLiteral("\\n")).replace(QLatin1Char('\t'), QStringLiteral("\\t"));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

void appendYaml(QString &out, const QJsonValue &value, int indent)
{
    const QString pad(indent, QLatin1Char(' '));
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QJsonValue v = it.value();
            out += pad + scalarYaml(it.key()) + QLatin1Char(':');
            if ((v.isObject() && !v.toObject().isEmpty()) || (v.isArray() && !v.toArray().isEmpty())) {
                out += QLatin1Char('\n');
                appendYaml(out, v, indent + 2);
            } else if (v.isObject()) {
                out += QStringLiteral(" {}\n");
            } else if (v.isArray()) {
                out += QStringLiteral(" []\n");
            } else {
                out += QLatin1Char(' ') + scalarYaml(v) + QLatin1Char('\n');
            }
        }
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            if (v.isObject() && !v.toObject().isEmpty()) {
                QString item;
                appendYaml(item, v, indent + 2);
                out += pad + QStringLiteral("- ") + item.mid(indent + 2);
            } else {
                out += pad + QStringLiteral("- ") + scalarYaml(v) + QLatin1Char('\n');
            }
        }
    } else {
        out += pad + scalarYaml(value) + QLatin1Char('\n');
    }
}

} // namespace

HostedCatalog HostedCatalog::fromSnapshot(const workspace::WorkspaceSnapshot &snapshot)
{
    HostedCatalog c;
    if (snapshot.isNull())
        return c;
    c.revision = snapshot.revision();
    argo::ManifestSet all;
    for (const workspace::WorkspaceSnapshot::Entry &entry : snapshot.manifests())
        all.append(argo::loadManifests(std::string_view(entry->text.constData(), size_t(entry->text.size())),
                                       entry->path.toStdString()));
    for (const argo::Diagnostic &d : all.diagnostics)
        c.manifestErrors += d.severity == argo::Severity::Error ? 1 : 0;
    argo::CatalogOptions options;
    options.defaultNamespace = snapshot.index().namespaceName.toStdString();
    argo::Catalog catalog = argo::Catalog::fromManifests(all, options);
    for (const argo::WorkflowTemplate &t : catalog.templates())
        c.templates << templateJson(t);
    for (const argo::WorkflowTemplate &t : catalog.clusterTemplates())
        c.clusterTemplates << templateJson(t);
    for (const argo::WorkflowEventBinding &b : catalog.allBindings())
        c.bindings << bindingJson(b);
    argo::DispatcherOptions dispatcherOptions;
    dispatcherOptions.nameSuffix = argo::NameSuffix::Random;
    c.dispatcher = std::make_shared<const argo::Dispatcher>(std::move(catalog), dispatcherOptions);
    return c;
}

net::CaptureRecord recordFromEvent(const workspace::EventDocument &event)
{
    net::CaptureRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.ns = event.namespaceName;
    r.discriminator = event.discriminator;
    for (const workspace::EventHeader &h : event.headers)
        r.headers.append({h.name.toUtf8(), h.value.toUtf8()});
    r.body = event.body.toUtf8();
    return r;
}

workspace::EventDocument eventFromRecord(const net::CaptureRecord &record, const QString &name)
{
    workspace::EventDocument e;
    e.name = name;
    e.namespaceName = record.ns;
    e.discriminator = record.discriminator;
    for (const auto &[n, v] : record.headers)
        e.headers.append({QString::fromUtf8(n), QString::fromUtf8(v)});
    e.body = QString::fromUtf8(record.body);
    return e;
}

net::ReplayPrediction predict(const argo::Dispatcher &dispatcher, const net::CaptureRecord &record)
{
    argo::Event e;
    e.namespace_ = record.ns.toStdString();
    e.discriminator = record.discriminator.toStdString();
    for (const auto &[name, value] : record.headers)
        e.headers.push_back({name.toStdString(), value.trimmed().toStdString()});
    e.body = record.body.toStdString();
    const argo::DispatchResult result = dispatcher.dispatch(e, argo::RequestContext{});
    net::ReplayPrediction p;
    p.status = result.httpStatus;
    for (const argo::BindingOutcome &o : result.outcomes) {
        if (o.status == argo::BindingStatus::Submitted || o.status == argo::BindingStatus::MatchedNoSubmit)
            p.bindings << QString::fromStdString(o.bindingName);
        if (o.status == argo::BindingStatus::Submitted && o.workflow) {
            p.workflows << QString::fromStdString(o.workflow->templateName);
            p.expected << net::workflowSummary(QJsonDocument::fromJson(QByteArray::fromStdString(argo::toJson(*o.workflow))).object());
        }
    }
    return p;
}

QString toYamlText(const QJsonObject &object)
{
    QString out;
    appendYaml(out, object, 0);
    return out;
}

} // namespace bindery::ui
