// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/endpoint_host.h"

#include "ui/consoles/hosted_catalog.h"
#include "net/argo_dispatch_sink.h"
#include "workspace/workspace.h"

#include <QColor>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QTimer>

namespace bindery::ui {

namespace {

constexpr int kKeptEvents = 2000;

QString shellQuote(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

QColor statusColor(int status)
{
    if (status >= 500)
        return QColor(0xc6, 0x28, 0x28);
    if (status >= 400)
        return QColor(0xb2, 0x6a, 0x00);
    return {};
}

} // namespace

SubmissionRow SubmissionRow::fromWorkflow(const QJsonObject &workflow, const QString &eventId)
{
    SubmissionRow row;
    row.time = QDateTime::currentDateTime();
    row.eventId = eventId;
    row.workflow = workflow;
    const QJsonObject meta = workflow.value(QStringLiteral("metadata")).toObject();
    row.workflowName = meta.value(QStringLiteral("name")).toString();
    if (row.workflowName.isEmpty())
        row.workflowName = meta.value(QStringLiteral("generateName")).toString();
    row.binding = meta.value(QStringLiteral("labels")).toObject().value(QStringLiteral("workflows.argoproj.io/workflow-event-binding")).toString();
    const QJsonObject spec = workflow.value(QStringLiteral("spec")).toObject();
    row.templateName = spec.value(QStringLiteral("workflowTemplateRef")).toObject().value(QStringLiteral("name")).toString();
    QStringList params;
    for (const QJsonValue &p : spec.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("parameters")).toArray())
        params << p.toObject().value(QStringLiteral("name")).toString() + QLatin1Char('=') + p.toObject().value(QStringLiteral("value")).toString();
    row.parameters = params.join(QStringLiteral(", "));
    return row;
}

std::unique_ptr<RequestLogModel> makeRequestLogModel(QObject *parent)
{
    using R = net::RequestRecord;
    std::vector<RequestLogModel::Column> columns{
        {QObject::tr("Time"), [](const R &r, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(r.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))) : QVariant();
         }},
        {QObject::tr("Path"), [](const R &r, int role) -> QVariant {
             if (role == Qt::DisplayRole)
                 return QString::fromUtf8(r.method + ' ' + r.path);
             if (role == Qt::ToolTipRole)
                 return r.error.isEmpty() ? QVariant() : QVariant(r.error);
             return {};
         }},
        {QObject::tr("Code"), [](const R &r, int role) -> QVariant {
             if (role == Qt::DisplayRole)
                 return r.status;
             if (role == Qt::ForegroundRole && statusColor(r.status).isValid())
                 return statusColor(r.status);
             return {};
         }},
        {QObject::tr("Latency"), [](const R &r, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(QStringLiteral("%1 ms").arg(double(r.latencyMicros) / 1000.0, 0, 'f', 1)) : QVariant();
         }},
        {QObject::tr("Matched bindings"), [](const R &r, int role) -> QVariant {
             if (role == Qt::DisplayRole)
                 return r.error.isEmpty() ? r.matchedBindings.join(QStringLiteral(", "))
                                          : r.matchedBindings.join(QStringLiteral(", ")) + QStringLiteral(" — ") + r.error;
             return {};
         }},
    };
    auto model = std::make_unique<RequestLogModel>(std::move(columns), parent);
    model->setLimit(5000);
    return model;
}

std::unique_ptr<SubmissionsModel> makeSubmissionsModel(QObject *parent)
{
    using S = SubmissionRow;
    auto text = [](QString S::*field) {
        return [field](const S &s, int role) -> QVariant { return role == Qt::DisplayRole ? QVariant(s.*field) : QVariant(); };
    };
    std::vector<SubmissionsModel::Column> columns{
        {QObject::tr("Workflow"), text(&S::workflowName)},
        {QObject::tr("Binding"), text(&S::binding)},
        {QObject::tr("Template"), text(&S::templateName)},
        {QObject::tr("Parameters"), text(&S::parameters)},
        {QObject::tr("Time"), [](const S &s, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(s.time.toString(QStringLiteral("HH:mm:ss"))) : QVariant();
         }},
    };
    auto model = std::make_unique<SubmissionsModel>(std::move(columns), parent);
    model->setLimit(5000);
    return model;
}

EndpointHost::EndpointHost(workspace::Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_server(new net::EventServer(this))
    , m_sink(std::make_shared<net::FaultInjectionSink>())
    , m_log(makeRequestLogModel())
    , m_submissions(makeSubmissionsModel())
    , m_sampler(new QTimer(this))
    , m_catalogTimer(new QTimer(this))
{
    qRegisterMetaType<net::RequestRecord>();
    qRegisterMetaType<net::DispatchOutcome>();
    qRegisterMetaType<Sample>();
    qRegisterMetaType<ReceivedEvent>();
    m_server->setSink(m_sink);
    // The observer runs on I/O or worker threads: hand the event to this thread, in order.
    m_sink->setObserver([this](const net::IncomingEvent &event, const net::DispatchOutcome &outcome) {
        ReceivedEvent received;
        received.record.time = event.received;
        received.record.ns = event.ns;
        received.record.discriminator = event.discriminator;
        received.record.headers = event.headers;
        received.record.body = event.body;
        received.record.id = event.id;
        received.outcome = outcome;
        QMetaObject::invokeMethod(this, [this, received] { onDispatched(received); }, Qt::QueuedConnection);
    });
    connect(m_server, &net::EventServer::requestFinished, this, &EndpointHost::onRequest, Qt::QueuedConnection);
    m_sampler->setInterval(1000);
    connect(m_sampler, &QTimer::timeout, this, &EndpointHost::sampleNow);
    // Edits arrive keystroke by keystroke: rebuild the catalog once typing pauses.
    m_catalogTimer->setSingleShot(true);
    m_catalogTimer->setInterval(250);
    connect(m_catalogTimer, &QTimer::timeout, this, [this] {
        if (isRunning())
            applySnapshot(m_workspace->snapshot());
    });
    if (m_workspace)
        connect(m_workspace, &workspace::Workspace::snapshotChanged, this, [this] {
            if (isRunning())
                m_catalogTimer->start();
        });
}

EndpointHost::~EndpointHost()
{
    m_sink->setObserver({});
    stop();
}

bool EndpointHost::start(const EndpointSettings &settings, QStringList *errors)
{
    if (isRunning())
        stop();
    auto config = settings.toConfig(errors);
    if (!config)
        return false;
    if (m_workspace)
        applySnapshot(m_workspace->snapshot());
    QString error;
    if (!m_server->start(*config, &error)) {
        if (errors)
            *errors = QStringList{error};
        return false;
    }
    m_counters = {};
    m_lastRequests = 0;
    m_lastSample = QDateTime::currentDateTimeUtc();
    m_sampler->start();
    sampleNow();
    emit runningChanged(true);
    emit countersChanged();
    return true;
}

void EndpointHost::stop()
{
    if (!m_server->isRunning())
        return;
    // A stalled dispatch would keep the queue from draining.
    net::FaultSettings f = m_sink->faults();
    f.stallDispatch = false;
    m_sink->setFaults(f);
    m_server->stop();
    m_sampler->stop();
    m_catalogTimer->stop();
    emit runningChanged(false);
}

bool EndpointHost::isRunning() const
{
    return m_server->isRunning();
}

QUrl EndpointHost::url() const
{
    const net::EventServerSnapshot s = m_server->snapshot();
    if (!s.running)
        return {};
    QUrl url;
    url.setScheme(s.tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(s.address);
    url.setPort(s.port);
    return url;
}

QString EndpointHost::curlCommand(const net::CaptureRecord &record) const
{
    QUrl u = url();
    if (u.isEmpty())
        return {};
    u.setPath(QStringLiteral("/api/v1/events/%1/%2").arg(record.ns, record.discriminator));
    QStringList parts{QStringLiteral("curl")};
    if (u.scheme() == QStringLiteral("https"))
        parts << QStringLiteral("-k");
    parts << QStringLiteral("-X POST") << shellQuote(u.toString());
    bool contentType = false;
    for (const auto &[name, value] : record.headers) {
        contentType = contentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        parts << QStringLiteral("-H") << shellQuote(QString::fromUtf8(name + ": " + value));
    }
    if (!contentType)
        parts << QStringLiteral("-H") << shellQuote(QStringLiteral("Content-Type: application/json"));
    parts << QStringLiteral("--data-binary") << shellQuote(QString::fromUtf8(record.body));
    return parts.join(QLatin1Char(' '));
}

void EndpointHost::setFaults(const net::FaultSettings &faults)
{
    m_sink->setFaults(faults);
}

net::FaultSettings EndpointHost::faults() const
{
    return m_sink->faults();
}

void EndpointHost::sampleNow()
{
    const net::EventServerSnapshot s = m_server->snapshot();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const double seconds = std::max(0.001, double(m_lastSample.msecsTo(now)) / 1000.0);
    Sample sample{now, s.queueDepth, double(s.requests - std::min(s.requests, m_lastRequests)) / seconds};
    m_lastRequests = s.requests;
    m_lastSample = now;
    m_samples.append(sample);
    if (m_samples.size() > kSampleWindow)
        m_samples.removeFirst();
    m_counters.queueDepth = s.queueDepth;
    m_counters.queueCapacity = s.queueCapacity;
    emit sampled(sample);
    emit countersChanged();
}

void EndpointHost::applySnapshot(const workspace::WorkspaceSnapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    HostedCatalog catalog = HostedCatalog::fromSnapshot(snapshot);
    // Requests in flight finish with the dispatcher they started with.
    m_sink->setInner(std::make_shared<net::ArgoDispatchSink>(catalog.dispatcher));
    m_server->cluster()->setResources(catalog.templates, catalog.clusterTemplates, catalog.bindings);
    m_catalogRevision = catalog.revision;
    emit catalogApplied(catalog.revision, int(catalog.bindings.size()), catalog.manifestErrors);
}

void EndpointHost::onDispatched(const ReceivedEvent &event)
{
    if (!event.record.id.isEmpty() && !m_received.contains(event.record.id)) {
        m_received.insert(event.record.id, event);
        m_receivedOrder.push_back(event.record.id);
        while (m_receivedOrder.size() > size_t(kKeptEvents)) {
            m_received.remove(m_receivedOrder.front());
            m_receivedOrder.pop_front();
        }
    }
    const QByteArray key = fingerprint(event.record);
    if (!m_actual.contains(key)) {
        m_actualOrder.push_back(key);
        while (m_actualOrder.size() > size_t(kKeptEvents)) {
            m_actual.remove(m_actualOrder.front());
            m_actualOrder.pop_front();
        }
    }
    m_actual.insert(key, event.outcome);
    QList<SubmissionRow> rows;
    for (const QJsonObject &w : event.outcome.workflows)
        rows << SubmissionRow::fromWorkflow(w, event.record.id);
    m_submissions->append(rows);
    m_counters.processed++;
    m_counters.workflows += quint64(event.outcome.workflows.size());
    m_counters.bindingErrors += quint64(event.outcome.bindingErrors.size());
    // Async mode has already answered 200; sync mode answers the dispatch's outcome.
    const bool answeredBeforeDispatch = m_server->snapshot().async;
    emit eventReceived(event.record, answeredBeforeDispatch || event.outcome.ok ? 200 : 500, event.outcome.matchedBindings,
                       event.outcome.error);
    emit eventDispatched(event.record, event.outcome);
    emit countersChanged();
}

void EndpointHost::onRequest(const net::RequestRecord &record)
{
    ++m_counters.received;
    if (record.status == 503)
        ++m_counters.unavailable503;
    else if (record.status >= 500)
        ++m_counters.server5xx;
    else if (record.status >= 400)
        ++m_counters.client4xx;
    else if (record.status >= 200 && record.status < 300)
        ++m_counters.ok2xx;
    m_log->append(record);
    emit requestLogged(record);
    // Refused before dispatch (auth, bad body, queue full): history keeps what is known of it.
    if (record.path.startsWith("/api/v1/events/") && record.eventId.isEmpty()) {
        net::CaptureRecord refused;
        refused.time = record.time.toUTC();
        refused.ns = record.ns;
        refused.discriminator = record.discriminator;
        emit eventReceived(refused, record.status, {}, record.error);
    }
    emit countersChanged();
}

std::optional<ReceivedEvent> EndpointHost::receivedEvent(const QString &eventId) const
{
    const auto it = m_received.constFind(eventId);
    if (eventId.isEmpty() || it == m_received.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<net::DispatchOutcome> EndpointHost::actualOutcome(const net::CaptureRecord &record) const
{
    const auto it = m_actual.constFind(fingerprint(record));
    if (it == m_actual.constEnd())
        return std::nullopt;
    return *it;
}

QByteArray EndpointHost::fingerprint(const net::CaptureRecord &record)
{
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData(record.ns.toUtf8());
    h.addData(QByteArrayView("\0", 1));
    h.addData(record.discriminator.toUtf8());
    h.addData(QByteArrayView("\0", 1));
    h.addData(record.body);
    return h.result();
}

} // namespace bindery::ui
