// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;


namespace bindery::net {

// How to reach an Argo Server (or Bindery's own endpoint): shared by ArgoClient and ReplayEngine.
struct ConnectionOptions {
    QUrl baseUrl;        // scheme://host:port[/prefix]; paths are appended to it
    QByteArray token;    // ARGO_TOKEN style: "Bearer xyz" or just "xyz" (then "Bearer " is added)
    bool insecure = false; // TLS without verification: an explicit choice, never a default
    QString caFile;      // extra CA certificates (PEM) trusted besides the system's
    int timeoutMs = 30'000; // per request (0: none); streams use it only until headers arrive
};

// "Authorization" header value for a token ("Bearer " added when no scheme is given).
QByteArray authorizationFor(const QByteArray &token);

// Errors sorted the way a user reads them.
enum class NetErrorKind {
    None,
    InvalidUrl,
    Dns,          // host not found
    Refused,      // connection refused
    Tls,          // handshake failed / certificate not trusted
    Timeout,
    Unauthorized, // HTTP 401 (Argo's message kept)
    Forbidden,    // HTTP 403
    HttpClient,   // other 4xx
    HttpServer,   // 5xx
    Network,      // anything else below HTTP (reset, closed...)
    Aborted,
    BadResponse,  // 2xx whose body is not what the operation expects
};
QString netErrorKindName(NetErrorKind kind);

struct ArgoResult {
    NetErrorKind error = NetErrorKind::None;
    QString message;        // human-readable, with Argo's own "message" for HTTP errors
    int status = 0;         // HTTP status; 0 when no answer
    QByteArray body;
    qint64 latencyUs = 0;   // request sent -> answer complete
    QJsonDocument json;     // the body when it is JSON
    bool ok() const { return error == NetErrorKind::None; }
};

// Builds the request for `path` (already percent-encoded) with auth, TLS and timeout applied.
// Returns false with *error when the options cannot be used (bad URL, unreadable CA file).
bool prepareRequest(const ConnectionOptions &options, const QString &path, QNetworkRequest *request,
                    QString *error);
// Reads a finished reply into a result (status, body, classified error with Argo's message).
ArgoResult resultFromReply(QNetworkReply *reply, qint64 latencyUs);

// One asynchronous call. Owned by the client until finished() is emitted; then the receiver
// owns it (deleteLater() it). Never blocks.
class ArgoCall : public QObject
{
    Q_OBJECT
public:
    const ArgoResult &result() const { return m_result; }
    bool isFinished() const { return m_finished; }
    void abort();

    // For list calls: the items of the list, each with apiVersion/kind set (Argo lists omit them),
    // ready to be written as manifests (JSON is YAML).
    QList<QJsonObject> items() const;

signals:
    void finished();

private:
    friend class ArgoClient;
    explicit ArgoCall(QString itemKind, QObject *parent);
    void complete(ArgoResult result);
    QPointer<QNetworkReply> m_reply;
    ArgoResult m_result;
    QString m_itemKind;
    bool m_finished = false;
};

// A workflow-events watch (server-sent events). Emits each event as it arrives.
class ArgoWatch : public QObject
{
    Q_OBJECT
public:
    void stop();
    bool isActive() const { return m_reply != nullptr; }

signals:
    void opened();
    // type: ADDED | MODIFIED | DELETED; object: the Workflow
    void event(const QString &type, const QJsonObject &object);
    // The stream ended (stop(), server closed it, or an error: see result).
    void closed(const bindery::net::ArgoResult &result);

private:
    friend class ArgoClient;
    explicit ArgoWatch(QObject *parent);
    void feed(const QByteArray &bytes);
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
    bool m_opened = false;
};

// The Argo Server client on QNetworkAccessManager: asynchronous, safe to use from the UI thread.
// Every operation returns at once; results arrive through signals. HTTP/1.1 keep-alive (HTTP/2
// off: Argo's gateway and Bindery's endpoint speak 1.1).
class ArgoClient : public QObject
{
    Q_OBJECT
public:
    explicit ArgoClient(QObject *parent = nullptr);
    ~ArgoClient() override;

    void setOptions(const ConnectionOptions &options);
    const ConnectionOptions &options() const { return m_options; }
    void setNamespace(const QString &ns) { m_namespace = ns; }
    QString ns() const { return m_namespace; }

    // POST /api/v1/events/{ns}/{discriminator}. Transport headers in `headers` are dropped.
    ArgoCall *postEvent(const QString &ns, const QString &discriminator, const HeaderList &headers,
                        const QByteArray &body);
    ArgoCall *postEvent(const CaptureRecord &record);
    // GET lists (ns empty: the client's namespace). items() gives the manifests.
    ArgoCall *listWorkflowTemplates(const QString &ns = {});
    ArgoCall *listClusterWorkflowTemplates();
    ArgoCall *listWorkflowEventBindings(const QString &ns = {});
    // Workflows an event created: label workflows.argoproj.io/workflow-event-binding (= binding
    // when given), created at or after `after` (the post time; filtered here as well, second
    // precision as Kubernetes stores it).
    ArgoCall *findWorkflowsFromEvent(const QString &ns, const QDateTime &after, const QString &binding = {});
    // POST /api/v1/workflow-templates/{ns}; when it exists (409), GET it and PUT with its
    // resourceVersion.
    ArgoCall *createOrUpdateWorkflowTemplate(const QString &ns, const QJsonObject &manifest);
    // GET /api/v1/workflow-events/{ns}: with Accept: text/event-stream (`data: {"result":...}`
    // messages), or without it newline-delimited {"result":...} as grpc-gateway streams by default.
    ArgoWatch *watchWorkflows(const QString &ns, const QString &labelSelector = {}, bool serverSentEvents = true);

    // Shared with ReplayEngine so that both reuse connections.
    QNetworkAccessManager *network() const { return m_nam; }

private:
    ArgoCall *send(const QByteArray &verb, const QString &path, const QByteArray &body, const HeaderList &headers,
                   const QString &itemKind);
    void sendInto(ArgoCall *call, const QByteArray &verb, const QString &path, const QByteArray &body,
                  const HeaderList &headers, std::function<void(ArgoCall *, ArgoResult)> done);
    QString nsOr(const QString &ns) const { return ns.isEmpty() ? m_namespace : ns; }

    QNetworkAccessManager *m_nam;
    ConnectionOptions m_options;
    QString m_namespace = QStringLiteral("argo");
};

} // namespace bindery::net

Q_DECLARE_METATYPE(bindery::net::ArgoResult)
