// SPDX-License-Identifier: Apache-2.0
#include "net/argo_client.h"

#include "net/capture_headers.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QUrlQuery>

namespace bindery::net {

QByteArray authorizationFor(const QByteArray &token)
{
    const QByteArray t = token.trimmed();
    if (t.isEmpty())
        return {};
    // ARGO_TOKEN is documented as "Bearer xyz"; people also paste the bare token.
    if (t.startsWith("Bearer ") || t.startsWith("Basic ") || t.startsWith("bearer "))
        return t;
    return "Bearer " + t;
}

QString netErrorKindName(NetErrorKind kind)
{
    switch (kind) {
    case NetErrorKind::None: return QStringLiteral("ok");
    case NetErrorKind::InvalidUrl: return QStringLiteral("invalid URL");
    case NetErrorKind::Dns: return QStringLiteral("DNS");
    case NetErrorKind::Refused: return QStringLiteral("connection refused");
    case NetErrorKind::Tls: return QStringLiteral("TLS");
    case NetErrorKind::Timeout: return QStringLiteral("timeout");
    case NetErrorKind::Unauthorized: return QStringLiteral("unauthorized");
    case NetErrorKind::Forbidden: return QStringLiteral("forbidden");
    case NetErrorKind::HttpClient: return QStringLiteral("client error");
    case NetErrorKind::HttpServer: return QStringLiteral("server error");
    case NetErrorKind::Network: return QStringLiteral("network");
    case NetErrorKind::Aborted: return QStringLiteral("aborted");
    case NetErrorKind::BadResponse: return QStringLiteral("bad response");
    }
    return {};
}

bool prepareRequest(const ConnectionOptions &options, const QString &pathAndQuery, QNetworkRequest *request,
                    QString *error)
{
    QUrl url = options.baseUrl;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        if (error)
            *error = QStringLiteral("invalid server URL '%1': expected http(s)://host[:port]")
                         .arg(options.baseUrl.toString());
        return false;
    }
    QString path = pathAndQuery, query;
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    if (q >= 0) {
        query = path.mid(q + 1);
        path.truncate(q);
    }
    QString prefix = url.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path, QUrl::TolerantMode);
    url.setQuery(query.isEmpty() ? QString() : query, QUrl::TolerantMode);
    QNetworkRequest r(url);
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (options.timeoutMs > 0)
        r.setTransferTimeout(options.timeoutMs);
    const QByteArray auth = authorizationFor(options.token);
    if (!auth.isEmpty())
        r.setRawHeader("Authorization", auth);
    if (scheme == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!options.caFile.isEmpty()) {
            // Cached: a replay prepares thousands of requests with the same file.
            static thread_local QString cachedPath;
            static thread_local QList<QSslCertificate> cached;
            if (cachedPath != options.caFile) {
                cached = QSslCertificate::fromPath(options.caFile, QSsl::Pem);
                if (cached.isEmpty())
                    cached = QSslCertificate::fromPath(options.caFile, QSsl::Der);
                cachedPath = options.caFile;
            }
            if (cached.isEmpty()) {
                cachedPath.clear();
                if (error)
                    *error = QStringLiteral("no certificate could be read from CA file '%1'").arg(options.caFile);
                return false;
            }
            tls.addCaCertificates(cached);
        }
        if (options.insecure)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        r.setSslConfiguration(tls);
    }
    *request = r;
    return true;
}

ArgoResult resultFromReply(QNetworkReply *reply, qint64 latencyUs)
{
    ArgoResult r;
    r.latencyUs = latencyUs;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        r.body = reply->readAll();
    if (!r.body.isEmpty()) {
        QJsonParseError pe;
        r.json = QJsonDocument::fromJson(r.body, &pe);
    }
    if (r.status == 0) {
        const QUrl url = reply->url();
        const QString where = url.host() + (url.port() >= 0 ? QLatin1Char(':') + QString::number(url.port()) : QString());
        switch (reply->error()) {
        case QNetworkReply::HostNotFoundError:
            r.error = NetErrorKind::Dns;
            r.message = QStringLiteral("cannot resolve host '%1'").arg(url.host());
            break;
        case QNetworkReply::ConnectionRefusedError:
            r.error = NetErrorKind::Refused;
            r.message = QStringLiteral("connection refused by %1 (is the server running?)").arg(where);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            r.error = NetErrorKind::Tls;
            r.message = QStringLiteral("TLS handshake with %1 failed: %2 (use a CA file, or insecure on purpose)")
                            .arg(where, reply->errorString());
            break;
        case QNetworkReply::TimeoutError:
            r.error = NetErrorKind::Timeout;
            r.message = QStringLiteral("%1 did not answer in time").arg(where);
            break;
        case QNetworkReply::OperationCanceledError:
            // Qt reports a transfer timeout as a cancellation; explicit aborts are marked by the caller.
            r.error = NetErrorKind::Timeout;
            r.message = QStringLiteral("%1 did not answer in time").arg(where);
            break;
        case QNetworkReply::NoError:
            r.error = NetErrorKind::Network;
            r.message = QStringLiteral("%1 sent no HTTP answer").arg(where);
            break;
        default:
            r.error = NetErrorKind::Network;
            r.message = QStringLiteral("%1: %2").arg(where, reply->errorString());
            break;
        }
        return r;
    }
    if (r.status >= 400 || (r.status >= 300 && r.status < 400)) {
        // Argo's errors are {"code":N,"message":"..."}; the webhook 403 is {"message": "..."}.
        QString argoMessage = r.json.object().value(QLatin1String("message")).toString();
        if (argoMessage.isEmpty())
            argoMessage = QString::fromUtf8(r.body.left(300)).trimmed();
        r.message = QStringLiteral("HTTP %1").arg(r.status);
        if (!argoMessage.isEmpty())
            r.message += QStringLiteral(": ") + argoMessage;
        if (r.status == 401)
            r.error = NetErrorKind::Unauthorized;
        else if (r.status == 403)
            r.error = NetErrorKind::Forbidden;
        else if (r.status >= 500)
            r.error = NetErrorKind::HttpServer;
        else
            r.error = NetErrorKind::HttpClient;
    }
    return r;
}

namespace {

// Stops a reply that is still running without its signals reaching `receiver` again. Takes the
// pointer (leaving it null) so that a re-entrant finish sees no reply.
void discardReply(QPointer<QNetworkReply> &reply, QObject *receiver)
{
    QNetworkReply *r = reply;
    reply = nullptr;
    r->disconnect(receiver);
    r->abort();
    r->deleteLater();
}

} // namespace

// ---- ArgoCall ---------------------------------------------------------------------------------

ArgoCall::ArgoCall(QString itemKind, QObject *parent)
    : QObject(parent)
    , m_itemKind(std::move(itemKind))
{
}

void ArgoCall::abort()
{
    if (m_finished)
        return;
    if (m_reply)
        discardReply(m_reply, this);
    ArgoResult r;
    r.error = NetErrorKind::Aborted;
    r.message = QStringLiteral("aborted");
    complete(r);
}

void ArgoCall::complete(ArgoResult result)
{
    if (m_finished)
        return;
    m_result = std::move(result);
    m_finished = true;
    emit finished();
}

QList<QJsonObject> ArgoCall::items() const
{
    QList<QJsonObject> out;
    const QJsonArray items = m_result.json.object().value(QLatin1String("items")).toArray();
    for (const QJsonValue &v : items) {
        QJsonObject o = v.toObject();
        if (!m_itemKind.isEmpty()) {
            // Lists leave apiVersion/kind out of their items; manifests need them.
            QJsonObject withKind{{QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
                                 {QStringLiteral("kind"), m_itemKind}};
            for (auto it = o.begin(); it != o.end(); ++it)
                withKind.insert(it.key(), it.value());
            o = withKind;
        }
        out.append(o);
    }
    return out;
}

// ---- ArgoWatch --------------------------------------------------------------------------------

ArgoWatch::ArgoWatch(QObject *parent)
    : QObject(parent)
{
}

void ArgoWatch::stop()
{
    if (!m_reply)
        return;
    discardReply(m_reply, this);
    ArgoResult r;
    r.error = NetErrorKind::Aborted;
    r.message = QStringLiteral("stopped");
    emit closed(r);
}

void ArgoWatch::feed(const QByteArray &bytes)
{
    m_buffer += bytes;
    qsizetype nl;
    while ((nl = m_buffer.indexOf('\n')) >= 0) {
        QByteArray line = m_buffer.left(nl).trimmed();
        m_buffer.remove(0, nl + 1);
        // SSE: "data: {...} " lines and ":" keep-alives; without SSE: one {"result":...} a line.
        if (line.startsWith("data:"))
            line = line.mid(5).trimmed();
        if (line.isEmpty() || line.startsWith(':'))
            continue;
        const QJsonObject msg = QJsonDocument::fromJson(line).object();
        const QJsonObject result = msg.value(QLatin1String("result")).toObject();
        if (result.isEmpty())
            continue;
        emit event(result.value(QLatin1String("type")).toString(), result.value(QLatin1String("object")).toObject());
    }
}

// ---- ArgoClient -------------------------------------------------------------------------------

ArgoClient::ArgoClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    qRegisterMetaType<bindery::net::ArgoResult>();
}

ArgoClient::~ArgoClient() = default;

void ArgoClient::setOptions(const ConnectionOptions &options)
{
    m_options = options;
    // QNAM keeps connections (and their TLS settings) per host: a new CA file or the insecure switch
    // must not be ignored because an old connection is reused.
    m_nam->clearConnectionCache();
}

void ArgoClient::sendInto(ArgoCall *call, const QByteArray &verb, const QString &path, const QByteArray &body,
                          const HeaderList &headers, std::function<void(ArgoCall *, ArgoResult)> done)
{
    QNetworkRequest request;
    QString error;
    if (!prepareRequest(m_options, path, &request, &error)) {
        ArgoResult r;
        r.error = NetErrorKind::InvalidUrl;
        r.message = error;
        // Asynchronous even on immediate failure: callers connect after the call returns.
        QMetaObject::invokeMethod(call, [call, r, done] { done(call, r); }, Qt::QueuedConnection);
        return;
    }
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply = m_nam->sendCustomRequest(request, verb, body);
    call->m_reply = reply;
    connect(reply, &QNetworkReply::finished, call, [call, reply, timer, done] {
        call->m_reply = nullptr;
        ArgoResult r = resultFromReply(reply, timer->nsecsElapsed() / 1000);
        reply->deleteLater();
        done(call, std::move(r));
    });
}

ArgoCall *ArgoClient::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                           const HeaderList &headers, const QString &itemKind)
{
    auto *call = new ArgoCall(itemKind, this);
    sendInto(call, verb, path, body, headers, [](ArgoCall *c, ArgoResult r) { c->complete(std::move(r)); });
    return call;
}

namespace {

QString enc(const QString &s)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(s));
}

bool isTransport(QByteArrayView name)
{
    for (const char *n : {"host", "content-length", "transfer-encoding", "connection", "keep-alive", "expect"}) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

ArgoCall *ArgoClient::postEvent(const QString &ns, const QString &discriminator, const HeaderList &headers,
                                const QByteArray &body)
{
    HeaderList sent;
    for (const auto &h : headers) {
        if (!isTransport(h.first))
            sent.append(h);
    }
    // Argo decodes every content type as JSON (events-spec §1.3); QNAM would warn and pick a form type.
    if (!hasHeader(sent, "Content-Type"))
        sent.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return send("POST", QStringLiteral("/api/v1/events/") + enc(ns) + QLatin1Char('/') + enc(discriminator), body,
                sent, {});
}

ArgoCall *ArgoClient::postEvent(const CaptureRecord &record)
{
    return postEvent(record.ns, record.discriminator, record.headers, record.body);
}

ArgoCall *ArgoClient::listWorkflowTemplates(const QString &ns)
{
    return send("GET", QStringLiteral("/api/v1/workflow-templates/") + enc(nsOr(ns)), {}, {}, QStringLiteral("WorkflowTemplate"));
}

ArgoCall *ArgoClient::listClusterWorkflowTemplates()
{
    return send("GET", QStringLiteral("/api/v1/cluster-workflow-templates"), {}, {}, QStringLiteral("ClusterWorkflowTemplate"));
}

ArgoCall *ArgoClient::listWorkflowEventBindings(const QString &ns)
{
    return send("GET", QStringLiteral("/api/v1/workflow-event-bindings/") + enc(nsOr(ns)), {}, {},
                QStringLiteral("WorkflowEventBinding"));
}

ArgoCall *ArgoClient::findWorkflowsFromEvent(const QString &ns, const QDateTime &after, const QString &binding)
{
    QString selector = QStringLiteral("workflows.argoproj.io/workflow-event-binding");
    if (!binding.isEmpty())
        selector += QLatin1Char('=') + binding;
    QString path = QStringLiteral("/api/v1/workflows/") + enc(nsOr(ns)) + QStringLiteral("?listOptions.labelSelector=")
        + enc(selector);
    // creationTimestamp has second precision: compare on whole seconds.
    const QDateTime from = after.isValid() ? after.toUTC().addMSecs(-after.time().msec()) : QDateTime();
    if (from.isValid())
        path += QStringLiteral("&createdAfter=") + enc(from.toString(Qt::ISODate));
    auto *call = new ArgoCall(QStringLiteral("Workflow"), this);
    sendInto(call, "GET", path, {}, {}, [from](ArgoCall *c, ArgoResult r) {
        if (r.ok() && from.isValid()) {
            QJsonObject list = r.json.object();
            QJsonArray kept;
            for (const QJsonValue &v : list.value(QLatin1String("items")).toArray()) {
                const QString created = v.toObject().value(QLatin1String("metadata")).toObject()
                                            .value(QLatin1String("creationTimestamp")).toString();
                const QDateTime t = QDateTime::fromString(created, Qt::ISODate);
                if (!t.isValid() || t >= from)
                    kept.append(v);
            }
            list.insert(QStringLiteral("items"), kept);
            r.json = QJsonDocument(list);
        }
        c->complete(std::move(r));
    });
    return call;
}

ArgoCall *ArgoClient::createOrUpdateWorkflowTemplate(const QString &nsArg, const QJsonObject &manifest)
{
    const QString ns = nsOr(nsArg);
    const QString name = manifest.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    auto *call = new ArgoCall(QStringLiteral("WorkflowTemplate"), this);
    const QString base = QStringLiteral("/api/v1/workflow-templates/") + enc(ns);
    const QByteArray createBody = QJsonDocument(QJsonObject{{QStringLiteral("template"), manifest}}).toJson(QJsonDocument::Compact);
    QPointer<ArgoClient> self(this);
    sendInto(call, "POST", base, createBody, {}, [self, base, name, manifest](ArgoCall *c, ArgoResult created) {
        if (created.status != 409 || name.isEmpty() || !self) {
            c->complete(std::move(created));
            return;
        }
        // It exists: update it with the current resourceVersion (Kubernetes' optimistic lock).
        self->sendInto(c, "GET", base + QLatin1Char('/') + enc(name), {}, {}, [self, base, name, manifest](ArgoCall *c2, ArgoResult current) {
            if (!current.ok() || !self) {
                c2->complete(std::move(current));
                return;
            }
            QJsonObject updated = manifest;
            QJsonObject meta = updated.value(QLatin1String("metadata")).toObject();
            meta.insert(QStringLiteral("resourceVersion"),
                        current.json.object().value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")));
            updated.insert(QStringLiteral("metadata"), meta);
            const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("template"), updated}}).toJson(QJsonDocument::Compact);
            self->sendInto(c2, "PUT", base + QLatin1Char('/') + enc(name), body, {},
                           [](ArgoCall *c3, ArgoResult r) { c3->complete(std::move(r)); });
        });
    });
    return call;
}

ArgoWatch *ArgoClient::watchWorkflows(const QString &ns, const QString &labelSelector, bool serverSentEvents)
{
    auto *watch = new ArgoWatch(this);
    QString path = QStringLiteral("/api/v1/workflow-events/") + enc(nsOr(ns));
    if (!labelSelector.isEmpty())
        path += QStringLiteral("?listOptions.labelSelector=") + enc(labelSelector);
    ConnectionOptions options = m_options;
    options.timeoutMs = 0; // a watch is idle between events (keep-alives every 15 s)
    QNetworkRequest request;
    QString error;
    if (!prepareRequest(options, path, &request, &error)) {
        ArgoResult r;
        r.error = NetErrorKind::InvalidUrl;
        r.message = error;
        QMetaObject::invokeMethod(watch, [watch, r] { emit watch->closed(r); }, Qt::QueuedConnection);
        return watch;
    }
    request.setRawHeader("Accept", serverSentEvents ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_nam->get(request);
    watch->m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, watch, [watch, reply] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200 && !watch->m_opened) {
            watch->m_opened = true;
            emit watch->opened();
        }
    });
    connect(reply, &QNetworkReply::readyRead, watch, [watch, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
            watch->feed(reply->readAll());
    });
    connect(reply, &QNetworkReply::finished, watch, [watch, reply] {
        watch->m_reply = nullptr;
        const ArgoResult r = resultFromReply(reply, 0);
        reply->deleteLater();
        emit watch->closed(r);
    });
    return watch;
}

} // namespace bindery::net
