// SPDX-License-Identifier: Apache-2.0
#include "net/event_server.h"

#include "net/argo_status.h"
#include "net/go_json.h"
#include "net/journal.h"
#include "net/operation_queue.h"

#include <QElapsedTimer>
#include <QMetaMethod>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <array>

namespace bindery::net {

namespace {

const QString kTokenNotValid = QStringLiteral("token not valid. see https://argo-workflows.readthedocs.io/en/latest/faq/");

HttpResponse grpcError(GrpcCode code, const QString &message)
{
    return HttpResponse::json(httpStatusFor(code), grpcErrorBody(code, message));
}

// Written raw by Argo's webhook interceptor (note the space after the colon).
HttpResponse webhookFailure()
{
    return HttpResponse::json(403, QByteArrayLiteral("{\"message\": \"failed to process webhook request\"}"));
}

// Go's path.Clean as http.ServeMux applies it (keeping a trailing slash): non-canonical paths are
// redirected with 301 before any handler runs.
QByteArray cleanPath(const QByteArray &path)
{
    if (path.isEmpty())
        return "/";
    QList<QByteArray> out;
    const QList<QByteArray> parts = path.split('/');
    for (const QByteArray &p : parts) {
        if (p.isEmpty() || p == ".")
            continue;
        if (p == "..") {
            if (!out.isEmpty())
                out.removeLast();
            continue;
        }
        out.append(p);
    }
    QByteArray clean = '/' + out.join('/');
    if (path.endsWith('/') && clean != "/")
        clean += '/';
    return clean;
}

// True when cleanPath() would not change `path` (one pass, no allocation: this runs on every request).
bool isCleanPath(QByteArrayView path)
{
    if (path.isEmpty() || path.front() != '/')
        return false;
    for (qsizetype from = 1; from <= path.size();) {
        qsizetype slash = path.indexOf('/', from);
        const bool lastSegment = slash < 0;
        if (lastSegment)
            slash = path.size();
        const QByteArrayView segment = path.sliced(from, slash - from);
        if ((segment.isEmpty() && !lastSegment) || segment == "." || segment == "..")
            return false;
        from = slash + 1;
    }
    return true;
}

QJsonObject outcomeJson(const DispatchOutcome &o)
{
    QJsonObject j{{QStringLiteral("ok"), o.ok}};
    if (!o.error.isEmpty())
        j.insert(QStringLiteral("error"), o.error);
    if (!o.matchedBindings.isEmpty())
        j.insert(QStringLiteral("matchedBindings"), QJsonArray::fromStringList(o.matchedBindings));
    QJsonArray names;
    for (const auto &w : o.workflows)
        names.append(w.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")));
    if (!names.isEmpty())
        j.insert(QStringLiteral("workflows"), names);
    return j;
}

} // namespace

EventServer::EventServer(QObject *parent)
    : QObject(parent)
    , m_metrics(std::make_unique<Metrics>())
{
    qRegisterMetaType<RequestRecord>();
    qRegisterMetaType<DispatchOutcome>();
}

EventServer::~EventServer() { stop(); }

void EventServer::setSink(std::shared_ptr<EventSink> sink)
{
    std::lock_guard lock(m_sinkMutex);
    m_sink = std::move(sink);
}

std::shared_ptr<EventSink> EventServer::currentSink() const
{
    std::lock_guard lock(m_sinkMutex);
    return m_sink;
}

void EventServer::setRequestLogger(std::function<void(const RequestRecord &)> logger) { m_logger = std::move(logger); }

bool EventServer::start(const EventServerConfig &config, QString *error)
{
    auto fail = [error](const QString &m) {
        if (error)
            *error = m;
        return false;
    };
    if (isRunning())
        return fail(QStringLiteral("the endpoint is already running"));
    const QHostAddress &addr = config.http.address;
    if (!addr.isLoopback() && !config.tokens && !config.insecureListen)
        return fail(QStringLiteral("refusing to listen on %1 without a tokens file: anyone on the network could "
                                   "submit workflows (give --tokens FILE, or --insecure-listen to accept the risk)")
                        .arg(addr.toString()));
    m_config = config;
    m_metrics = std::make_unique<Metrics>();
    m_accepted = m_rejectedFull = m_processed = 0;
    m_dispatchNanosAverage = 0;
    m_cluster.setMaxWorkflows(config.maxWorkflows);
    m_recovered = 0;
    if (!config.journalPath.isEmpty()) {
        QString journalError;
        m_journal = Journal::open(config.journalPath, &journalError);
        if (!m_journal)
            return fail(journalError);
        // Acknowledged by an earlier run but never processed: dispatch each once, now, before new
        // traffic; the outcome line written by process() makes the next restart skip it.
        for (const CaptureRecord &r : m_journal->unprocessed()) {
            IncomingEvent e{r.id, r.time, r.ns, r.discriminator, r.headers, r.body, {}};
            const auto v = scanFirstJsonValue(r.body);
            if (v.kind == FirstJsonValue::Kind::Value)
                e.payload = r.body.mid(v.begin, v.end - v.begin);
            EventContext ctx;
            ctx.host = QByteArrayView(r.headers.isEmpty() ? QByteArray() : QByteArray()).toByteArray();
            for (const auto &[n, val] : r.headers) {
                if (QByteArrayView(n).compare("Host", Qt::CaseInsensitive) == 0)
                    ctx.host = val;
            }
            process(e, ctx);
            ++m_recovered;
        }
    }
    if (config.async) {
        m_queue = std::make_unique<OperationQueue>(config.queueSize, config.workers);
    } else {
        // Sync mode answers after the dispatch, but the dispatch runs here, not on the I/O thread:
        // one slow dispatch must not stall the other connections of that thread. Each connection
        // waits for at most one answer, so the connection limit bounds this queue.
        m_syncPool = std::make_unique<OperationQueue>(std::max(config.http.maxConnections, 1), config.workers);
    }
    m_http = std::make_unique<HttpServer>([this](const HttpRequest &r, const PeerInfo &p) { return handle(r, p); });
    // Events accepted during one I/O pass wake the idle workers together, at the end of it.
    OperationQueue *queue = m_queue ? m_queue.get() : m_syncPool.get();
    m_http->setPassEndHook([queue] { queue->wakeDeferred(); });
    m_http->setRejectObserver([this](int status, const PeerInfo &peer) {
        // Requests refused by the HTTP layer (limits, malformed, timeouts, connection cap).
        m_metrics->countRequest(status);
        if (m_logger || isSignalConnected(QMetaMethod::fromSignal(&EventServer::requestFinished))) {
            RequestRecord record;
            record.time = QDateTime::currentDateTimeUtc();
            record.method = "-";
            record.path = "-";
            record.peer = peer.address.toString();
            record.status = status;
            record.error = status == 503 ? QStringLiteral("too many connections") : QStringLiteral("refused by the HTTP layer");
            if (m_logger)
                m_logger(record);
            emit requestFinished(record);
        }
    });
    QString httpError;
    if (!m_http->start(config.http, &httpError)) {
        m_http.reset();
        m_queue.reset();
        m_syncPool.reset();
        m_journal.reset();
        return fail(httpError);
    }
    return true;
}

void EventServer::stop()
{
    if (m_http)
        m_http->stop(); // no new requests
    if (m_queue)
        m_queue->stop(); // drains what was accepted
    if (m_syncPool)
        m_syncPool->stop(); // the same (their clients are gone, the events were accepted)
    m_http.reset();
    m_queue.reset();
    m_syncPool.reset();
    m_journal.reset();
}

bool EventServer::isRunning() const { return m_http && m_http->isRunning(); }
quint16 EventServer::port() const { return m_http ? m_http->serverPort() : 0; }

EventServerSnapshot EventServer::snapshot() const
{
    EventServerSnapshot s;
    s.running = isRunning();
    if (m_http) {
        s.address = m_http->serverAddress().toString();
        s.port = m_http->serverPort();
        s.connections = m_http->connectionCount();
    }
    s.tls = m_config.http.tlsEnabled();
    s.async = m_config.async;
    if (m_queue) {
        s.queueDepth = m_queue->depth();
        s.queueCapacity = m_queue->capacity();
        s.busyWorkers = m_queue->busyWorkers();
        s.workerCount = m_queue->workerCount();
    }
    s.requests = m_metrics->totalRequests();
    s.accepted = m_accepted.load();
    s.rejectedFull = m_rejectedFull.load();
    s.processed = m_processed.load();
    s.workflowsCreated = m_metrics->workflowsCreated();
    s.bindingErrors = m_metrics->bindingErrors();
    s.recovered = m_recovered;
    return s;
}

HttpResponse EventServer::handle(const HttpRequest &request, const PeerInfo &peer)
{
    QElapsedTimer clock;
    clock.start();
    RequestRecord record;
    std::optional<PendingDispatch> pending;
    HttpResponse response = route(request, peer, record, pending);
    if (!pending) {
        finishRequest(request.method, request.target, peer, response.status, clock, record);
        return response;
    }
    // Sync mode: dispatch on the pool; the connection waits for the answer (and reads nothing
    // further meanwhile), its I/O thread does not.
    HttpResponse deferred;
    deferred.deferred = [this, pending = std::move(*pending), record = std::move(record), clock, method = request.method,
                         target = request.target, peer](std::function<void(HttpResponse)> done) mutable {
        auto job = [this, pending, record, clock, method, target, peer, done]() mutable {
            HttpResponse answer = dispatchNow(pending, record);
            finishRequest(method, target, peer, answer.status, clock, record);
            done(std::move(answer));
        };
        if (!m_syncPool->tryPush(job, OperationQueue::Wake::Deferred))
            job(); // stopping: answer from here
    };
    return deferred;
}

void EventServer::finishRequest(const QByteArray &method, const QByteArray &target, const PeerInfo &peer, int status,
                                const QElapsedTimer &clock, RequestRecord &record)
{
    m_metrics->countRequest(status);
    if (m_logger || isSignalConnected(QMetaMethod::fromSignal(&EventServer::requestFinished))) {
        record.time = QDateTime::currentDateTimeUtc();
        record.method = method;
        record.path = target;
        record.peer = peer.addressText.isEmpty() ? peer.address.toString() : peer.addressText;
        record.status = status;
        record.latencyMicros = clock.nsecsElapsed() / 1000;
        if (m_logger)
            m_logger(record);
        emit requestFinished(record);
    }
}

HttpResponse EventServer::dispatchNow(const PendingDispatch &pending, RequestRecord &record)
{
    const DispatchOutcome outcome = process(pending.event, pending.context);
    record.matchedBindings = outcome.matchedBindings;
    if (!outcome.ok) {
        record.error = outcome.error;
        return grpcError(GrpcCode::Internal, outcome.error);
    }
    return HttpResponse::json(200, QByteArrayLiteral("{}"));
}

std::optional<HttpResponse> EventServer::authenticate(const HttpRequest &request, std::optional<Identity> &identity) const
{
    if (identity)
        return std::nullopt; // a webhook signature verified
    if (!m_config.tokens) {
        static const Identity anonymous; // shared: copies only bump reference counts
        identity = anonymous;
        return std::nullopt;
    }
    identity = m_config.tokens->authenticate(request.header("Authorization"));
    if (!identity)
        return grpcError(GrpcCode::Unauthenticated, kTokenNotValid);
    return std::nullopt;
}

HttpResponse EventServer::route(const HttpRequest &request, const PeerInfo &peer, RequestRecord &record,
                                std::optional<PendingDispatch> &pending)
{
    const QByteArray &path = request.path;
    if (!isCleanPath(path)) {
        const QByteArray clean = cleanPath(path);
        HttpResponse r = HttpResponse::text(301, {});
        r.contentType.clear();
        r.headers.append(qMakePair(QByteArrayLiteral("Location"), request.rawQuery.isEmpty() ? clean : clean + "?" + request.rawQuery));
        return r;
    }
    if (path == "/metrics") {
        HttpResponse r = HttpResponse::text(200, m_metrics->render(m_queue ? m_queue->depth() : 0,
                                                                   m_queue ? m_queue->capacity() : 0,
                                                                   m_queue ? m_queue->busyWorkers() : 0));
        r.contentType = "text/plain; version=0.0.4; charset=utf-8";
        return r;
    }
    if (!path.startsWith("/api/"))
        return HttpResponse::text(404, "404 page not found\n");

    // Argo's webhook interceptor (events-spec.md §1.6): only for POSTs without Authorization on
    // /api/v1/events/{ns}/..., and only when this endpoint has auth or webhook clients configured
    // (the anonymous simulator has no secret to miss).
    std::optional<Identity> webhookIdentity;
    constexpr QByteArrayView eventsPrefix("/api/v1/events/");
    if ((m_config.tokens || m_config.webhooks) && request.method == "POST" && !request.hasHeader("Authorization")
        && path.startsWith(eventsPrefix)) {
        const QByteArray rest = path.mid(eventsPrefix.size());
        const qsizetype slash = rest.indexOf('/');
        if (slash >= 0) {
            const QString ns = QString::fromUtf8(rest.left(slash));
            if (!m_config.webhooks) {
                record.error = QStringLiteral("webhook: no webhook clients configured");
                return webhookFailure();
            }
            const auto result = m_config.webhooks->verify(ns, request);
            if (result.kind == WebhookVerifier::Result::Kind::Failure) {
                record.error = QStringLiteral("webhook: ") + result.reason;
                return webhookFailure();
            }
            if (result.kind == WebhookVerifier::Result::Kind::Matched) {
                if (m_config.tokens) {
                    webhookIdentity = m_config.tokens->forServiceAccount(result.serviceAccount);
                    if (!webhookIdentity) {
                        record.error = QStringLiteral("webhook: service account \"%1\" has no entry in the tokens file")
                                           .arg(result.serviceAccount);
                        return webhookFailure();
                    }
                } else {
                    webhookIdentity = Identity{};
                    webhookIdentity->serviceAccount = result.serviceAccount;
                }
            }
        }
    }

    // grpc-gateway v1.16 matching: split on '/', a ':' in the last component starts a verb (none
    // of these routes has one), variables may be empty. Views into the path: no copies on the
    // event route, which is the hot one.
    constexpr int kMaxComps = 6; // the longest route has 5 components; more means no route
    std::array<QByteArrayView, kMaxComps> comps;
    int compCount = 0;
    QByteArrayView last;
    for (qsizetype from = 1;;) {
        const qsizetype slash = path.indexOf('/', from);
        const QByteArrayView comp = QByteArrayView(path).sliced(from, (slash < 0 ? path.size() : slash) - from);
        if (compCount < kMaxComps)
            comps[static_cast<size_t>(compCount)] = comp;
        ++compCount;
        last = comp;
        if (slash < 0)
            break;
        from = slash + 1;
    }
    if (last.lastIndexOf(':') >= 0)
        return grpcError(GrpcCode::Unimplemented, QStringLiteral("Not Implemented"));
    const bool isV1 = compCount >= 3 && comps[0] == "api" && comps[1] == "v1";
    enum class Route { None, Events, Bindings, Templates, Template, ClusterTemplates, Workflows, WorkflowEvents };
    Route routeKind = Route::None;
    if (isV1) {
        const QByteArrayView kind = comps[2];
        if (kind == "events" && compCount == 5) routeKind = Route::Events;
        else if (kind == "workflow-event-bindings" && compCount == 4) routeKind = Route::Bindings;
        else if (kind == "workflow-templates" && compCount == 4) routeKind = Route::Templates;
        else if (kind == "workflow-templates" && compCount == 5) routeKind = Route::Template;
        else if (kind == "cluster-workflow-templates" && compCount == 3) routeKind = Route::ClusterTemplates;
        else if (kind == "workflows" && compCount == 4) routeKind = Route::Workflows;
        else if (kind == "workflow-events" && compCount == 4) routeKind = Route::WorkflowEvents;
    }
    if (routeKind == Route::None)
        return grpcError(GrpcCode::Unimplemented, QStringLiteral("Not Implemented"));
    // The template writes Argo has beside the reads: create (POST on the collection) and update
    // (PUT on the item).
    const bool write = (routeKind == Route::Templates && request.method == "POST")
                       || (routeKind == Route::Template && request.method == "PUT");
    const QByteArrayView wantedMethod = routeKind == Route::Events ? "POST" : "GET";
    if (request.method != wantedMethod && !write)
        return grpcError(GrpcCode::Unimplemented, QStringLiteral("Method Not Allowed"));
    if (routeKind == Route::Events)
        return receiveEvent(request, peer, QString::fromUtf8(comps[3]), QString::fromUtf8(comps[4]),
                            std::move(webhookIdentity), record, pending);
    QStringList strComps;
    for (int i = 0; i < compCount; ++i)
        strComps << QString::fromUtf8(QByteArray::fromPercentEncoding(comps[static_cast<size_t>(i)].toByteArray()));
    if (write)
        return restWriteTemplate(request, strComps, record);
    return restGet(request, strComps, record);
}

HttpResponse EventServer::receiveEvent(const HttpRequest &request, const PeerInfo &peer, const QString &ns,
                                       const QString &discriminator, std::optional<Identity> identity,
                                       RequestRecord &record, std::optional<PendingDispatch> &pending)
{
    record.ns = ns;
    record.discriminator = discriminator;
    // The gateway decodes the body before the gRPC call, so a bad body is 400 even without a token.
    const FirstJsonValue value = scanFirstJsonValue(request.body);
    if (value.kind == FirstJsonValue::Kind::Error) {
        record.error = value.error;
        return grpcError(GrpcCode::InvalidArgument, value.error);
    }
    if (auto denied = authenticate(request, identity)) {
        record.error = QStringLiteral("unauthenticated");
        return *denied;
    }
    // ReceiveEvent lists the bindings synchronously in both modes: RBAC on `list` shows here.
    if (!identity->can(Permission::ListBindings, ns)) {
        record.error = identity->forbiddenMessage(QStringLiteral("list"), QStringLiteral("workfloweventbindings"), ns);
        return grpcError(GrpcCode::PermissionDenied, record.error);
    }

    IncomingEvent event;
    event.received = QDateTime::currentDateTimeUtc();
    event.ns = ns;
    event.discriminator = discriminator;
    event.headers = request.headers;
    event.body = request.body;
    if (value.kind == FirstJsonValue::Kind::Value)
        event.payload = request.body.mid(value.begin, value.end - value.begin);
    EventContext context{peer.address, request.header("Host"), std::move(*identity), peer.addressText};

    const bool reserved = m_queue ? m_queue->tryReserve() : true;
    if (!reserved) {
        m_rejectedFull.fetch_add(1, std::memory_order_relaxed);
        record.error = QStringLiteral("operation queue full");
        return grpcError(GrpcCode::Unavailable, QStringLiteral("operation queue full"));
    }
    if (m_journal) {
        // Credentials never reach the disk: the journal is a capture file people open and share.
        HeaderList headers = event.headers;
        for (auto &[name, value] : headers) {
            if (QByteArrayView(name).compare("Authorization", Qt::CaseInsensitive) == 0
                || QByteArrayView(name).compare("Cookie", Qt::CaseInsensitive) == 0)
                value = QByteArrayLiteral("[redacted]");
        }
        CaptureRecord line{CaptureRecord::Kind::Event, event.received, ns, discriminator, std::move(headers),
                           event.body, std::nullopt, {}};
        QString journalError;
        if (!m_journal->appendEvent(line, &journalError)) {
            if (m_queue)
                m_queue->cancel();
            record.error = journalError;
            return grpcError(GrpcCode::Unavailable, QStringLiteral("cannot journal the event: ") + journalError);
        }
        event.id = line.id;
    } else {
        event.id = QString::number(m_sequence.fetch_add(1) + 1);
    }
    record.eventId = event.id;
    m_accepted.fetch_add(1, std::memory_order_relaxed);

    if (m_queue) {
        m_queue->commit([this, event = std::move(event), context = std::move(context)] { process(event, context); },
                        OperationQueue::Wake::Deferred);
        return HttpResponse::json(200, QByteArrayLiteral("{}"));
    }
    PendingDispatch dispatch{std::move(event), std::move(context)};
    // Off the I/O thread when the dispatch may wait, or has lately been slow (a heavy catalog).
    const auto sink = currentSink();
    const bool offload = m_syncPool
                         && ((sink && sink->mayBlock()) || m_dispatchNanosAverage.load(std::memory_order_relaxed) > kSlowDispatchNanos);
    if (!offload)
        return dispatchNow(dispatch, record);
    pending = std::move(dispatch); // handle() runs it on the pool
    return {};
}

DispatchOutcome EventServer::process(const IncomingEvent &event, const EventContext &context)
{
    QElapsedTimer clock;
    clock.start();
    DispatchOutcome outcome;
    if (const auto sink = currentSink()) {
        try {
            outcome = sink->dispatch(event, context);
        } catch (const std::exception &e) {
            outcome.ok = false;
            outcome.error = QStringLiteral("failed to dispatch event: [%1]").arg(QString::fromUtf8(e.what()));
        }
    }
    const qint64 nanos = clock.nsecsElapsed();
    m_metrics->observeDispatch(double(nanos) / 1e9);
    // A moving average (1/8 weight per dispatch); races between threads only blur it.
    const qint64 average = m_dispatchNanosAverage.load(std::memory_order_relaxed);
    m_dispatchNanosAverage.store(average + (nanos - average) / 8, std::memory_order_relaxed);
    for (const QJsonObject &w : outcome.workflows)
        m_cluster.addWorkflow(w);
    m_metrics->addWorkflows(static_cast<int>(outcome.workflows.size()));
    m_metrics->addBindingErrors(static_cast<int>(outcome.bindingErrors.size()));
    if (m_journal && !event.id.isEmpty())
        m_journal->appendOutcome(event.id, outcomeJson(outcome));
    m_processed.fetch_add(1, std::memory_order_relaxed);
    if (isSignalConnected(QMetaMethod::fromSignal(&EventServer::eventProcessed)))
        emit eventProcessed(event.id, outcome);
    return outcome;
}

HttpResponse EventServer::restGet(const HttpRequest &request, const QStringList &comps, RequestRecord &record)
{
    std::optional<Identity> identity;
    if (auto denied = authenticate(request, identity))
        return *denied;
    const QString &kind = comps[2];
    const QString ns = comps.size() > 3 ? comps[3] : QString();
    record.ns = ns;
    QUrlQuery query(QString::fromUtf8(QByteArray(request.rawQuery).replace('+', ' ')));
    const QString selectorText = query.queryItemValue(QStringLiteral("listOptions.labelSelector"), QUrl::FullyDecoded);
    std::optional<LabelSelector> selector;
    if (!selectorText.isEmpty()) {
        QString error;
        selector = LabelSelector::parse(selectorText, &error);
        if (!selector)
            return grpcError(GrpcCode::InvalidArgument, error);
    }
    const LabelSelector *sel = selector ? &*selector : nullptr;
    auto forbidden = [&](const QString &verb, const QString &resource) {
        return grpcError(GrpcCode::PermissionDenied, identity->forbiddenMessage(verb, resource, ns));
    };
    auto ok = [](const QJsonObject &o) {
        return HttpResponse::json(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
    };
    if (kind == QStringLiteral("workflow-event-bindings")) {
        if (!identity->can(Permission::ListBindings, ns))
            return forbidden(QStringLiteral("list"), QStringLiteral("workfloweventbindings"));
        return ok(m_cluster.listBindings(ns, sel));
    }
    if (kind == QStringLiteral("workflow-templates") && comps.size() == 5) {
        const QString &name = comps[4];
        if (!identity->can(Permission::GetTemplates, ns))
            return grpcError(GrpcCode::PermissionDenied,
                             identity->forbiddenMessage(QStringLiteral("get"), QStringLiteral("workflowtemplates"), ns, name));
        if (const auto t = m_cluster.getTemplate(ns, name))
            return ok(*t);
        return grpcError(GrpcCode::NotFound, QStringLiteral("workflowtemplates.argoproj.io \"%1\" not found").arg(name));
    }
    if (kind == QStringLiteral("workflow-templates")) {
        if (!identity->can(Permission::GetTemplates, ns))
            return forbidden(QStringLiteral("list"), QStringLiteral("workflowtemplates"));
        return ok(m_cluster.listTemplates(ns, sel));
    }
    if (kind == QStringLiteral("cluster-workflow-templates")) {
        if (!identity->can(Permission::GetClusterTemplates, ns))
            return forbidden(QStringLiteral("list"), QStringLiteral("clusterworkflowtemplates"));
        return ok(m_cluster.listClusterTemplates(sel));
    }
    if (!identity->namespaces.contains(QStringLiteral("*")) && !identity->namespaces.contains(ns))
        return forbidden(QStringLiteral("list"), QStringLiteral("workflows"));
    if (kind == QStringLiteral("workflows")) {
        QDateTime createdAfter;
        if (const QString text = query.queryItemValue(QStringLiteral("createdAfter"), QUrl::FullyDecoded); !text.isEmpty()) {
            createdAfter = QDateTime::fromString(text, Qt::ISODateWithMs);
            if (!createdAfter.isValid())
                return grpcError(GrpcCode::InvalidArgument,
                                 QStringLiteral("createdAfter: \"%1\" is not an RFC 3339 time").arg(text));
        }
        return ok(m_cluster.listWorkflows(ns, sel, createdAfter));
    }

    // GET /api/v1/workflow-events/{ns}: a watch stream of the Workflows created from now on.
    const bool sse = request.header("Accept").contains("text/event-stream");
    HttpResponse r;
    r.contentType = sse ? "text/event-stream" : "application/json";
    r.headers.append(qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")));
    SimulatedCluster *cluster = &m_cluster;
    std::optional<LabelSelector> streamSelector = selector;
    r.openStream = [cluster, ns, sse, streamSelector](QObject *context, std::function<void(const QByteArray &)> write) {
        if (sse) {
            auto *keepAlive = new QTimer(context); // Argo's forwarder writes ":\n" every 15 s
            QObject::connect(keepAlive, &QTimer::timeout, context, [write] { write(QByteArrayLiteral(":\n")); });
            keepAlive->start(15'000);
        }
        return QObject::connect(cluster, &SimulatedCluster::workflowAdded, context,
                                [ns, sse, streamSelector, write](const QJsonObject &wf) {
                                    const QJsonObject meta = wf.value(QStringLiteral("metadata")).toObject();
                                    if (!ns.isEmpty() && meta.value(QStringLiteral("namespace")).toString() != ns)
                                        return;
                                    if (streamSelector && !streamSelector->matches(meta.value(QStringLiteral("labels")).toObject()))
                                        return;
                                    const QJsonObject result{{QStringLiteral("result"),
                                                              QJsonObject{{QStringLiteral("type"), QStringLiteral("ADDED")},
                                                                          {QStringLiteral("object"), wf}}}};
                                    const QByteArray json = QJsonDocument(result).toJson(QJsonDocument::Compact);
                                    write(sse ? QByteArray("data: ").append(json).append(" \n\n") : QByteArray(json).append('\n'));
                                });
    };
    return r;
}

HttpResponse EventServer::restWriteTemplate(const HttpRequest &request, const QStringList &comps, RequestRecord &record)
{
    std::optional<Identity> identity;
    if (auto denied = authenticate(request, identity))
        return *denied;
    const QString &ns = comps[3];
    const bool create = comps.size() == 4;
    record.ns = ns;
    // The gateway decodes the body into WorkflowTemplateCreateRequest / ...UpdateRequest first.
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        record.error = parseError.error != QJsonParseError::NoError
                           ? QStringLiteral("invalid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString())
                           : QStringLiteral("the body must be a JSON object");
        return grpcError(GrpcCode::InvalidArgument, record.error);
    }
    const QJsonValue templ = doc.object().value(QStringLiteral("template"));
    if (!templ.isObject()) {
        record.error = QStringLiteral("workflow template was not found in the request body");
        return grpcError(GrpcCode::InvalidArgument, record.error);
    }
    QJsonObject manifest = templ.toObject();
    const QString name = manifest.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
    const Permission needed = create ? Permission::CreateTemplates : Permission::UpdateTemplates;
    if (!identity->can(needed, ns)) {
        record.error = identity->forbiddenMessage(create ? QStringLiteral("create") : QStringLiteral("update"),
                                                  QStringLiteral("workflowtemplates"), ns, create ? QString() : name);
        return grpcError(GrpcCode::PermissionDenied, record.error);
    }
    // Update: the name in the path is ignored (openapi: "DEPRECATED: This field is ignored"), the
    // template's metadata.name decides.
    const SimulatedCluster::WriteResult result = create ? m_cluster.createTemplate(ns, std::move(manifest))
                                                        : m_cluster.updateTemplate(ns, std::move(manifest));
    using E = SimulatedCluster::WriteResult::Error;
    switch (result.error) {
    case E::None:
        return HttpResponse::json(200, QJsonDocument(result.object).toJson(QJsonDocument::Compact));
    case E::Invalid:
        record.error = result.message;
        return grpcError(GrpcCode::InvalidArgument, result.message);
    case E::AlreadyExists:
    case E::Conflict: // HTTP 409 from Kubernetes: ToStatusError makes both AlreadyExists
        record.error = result.message;
        return grpcError(GrpcCode::AlreadyExists, result.message);
    case E::NotFound:
        record.error = result.message;
        return grpcError(GrpcCode::NotFound, result.message);
    }
    return grpcError(GrpcCode::Internal, QStringLiteral("unexpected write result"));
}

} // namespace bindery::net
