// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/event_sink.h"
#include "net/http_server.h"
#include "net/metrics.h"
#include "net/simulated_cluster.h"
#include "net/token_auth.h"
#include "net/webhook_verifier.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace bindery::net {

class Journal;
class OperationQueue;

struct EventServerConfig {
    HttpServerConfig http;               // address (127.0.0.1 by default), port, limits, TLS
    bool async = false;                  // Argo v4.1's default is sync
    int queueSize = 16;                  // async: the operation queue
    int workers = 4;                     // async: worker threads
    std::shared_ptr<const TokenAuth> tokens;         // null: every request is anonymous, allowed everything
    std::shared_ptr<const WebhookVerifier> webhooks; // null: no webhook clients
    QString journalPath;                 // empty: no journal
    bool insecureListen = false;         // allow a non-loopback address without tokens
    int maxWorkflows = 1000;             // simulated cluster: kept Workflows
};

// One answered request, for logs and the UI.
struct RequestRecord {
    QDateTime time;
    QByteArray method;
    QByteArray path;
    QString peer;
    int status = 0;
    qint64 latencyMicros = 0;
    QString ns;
    QString discriminator;
    QString eventId;
    QStringList matchedBindings; // sync mode (async: see eventProcessed)
    QString error;
};

struct EventServerSnapshot {
    bool running = false;
    QString address;
    quint16 port = 0;
    bool tls = false;
    bool async = false;
    int connections = 0;
    int queueDepth = 0;
    int queueCapacity = 0;
    int busyWorkers = 0;
    int workerCount = 0;
    quint64 requests = 0;
    quint64 accepted = 0;   // events acknowledged (200 in async, or dispatched in sync)
    quint64 rejectedFull = 0; // 503 queue full
    quint64 processed = 0;  // events dispatched (either mode)
    quint64 workflowsCreated = 0;
    quint64 bindingErrors = 0;
    int recovered = 0;      // journal entries re-dispatched at the last start
};

// The hosted Argo events endpoint: HTTP server + routes + auth + webhooks + queue + journal +
// simulated cluster + metrics. Lives in the thread that creates it (the UI or the CLI's main
// thread); requests run on the HTTP server's I/O threads and the queue's workers, so no call here
// blocks on traffic. Signals are emitted from those threads (connect queued from the UI).
class EventServer : public QObject
{
    Q_OBJECT
public:
    explicit EventServer(QObject *parent = nullptr);
    ~EventServer() override;

    // The dispatch step; may be swapped while running (e.g. a new Catalog): requests already in
    // flight finish with the sink they started with.
    void setSink(std::shared_ptr<EventSink> sink);
    // Called on I/O threads after every request (the CLI's one log line per request).
    void setRequestLogger(std::function<void(const RequestRecord &)> logger);

    bool start(const EventServerConfig &config, QString *error);
    void stop(); // stops accepting, drains the queue, closes connections and the journal
    bool restart(const EventServerConfig &config, QString *error) { stop(); return start(config, error); }
    bool isRunning() const;

    EventServerSnapshot snapshot() const;
    SimulatedCluster *cluster() { return &m_cluster; }
    const Metrics &metrics() const { return *m_metrics; }
    quint16 port() const;

signals:
    void requestFinished(const bindery::net::RequestRecord &record);
    void eventProcessed(const QString &eventId, const bindery::net::DispatchOutcome &outcome);

private:
    struct PendingDispatch { // a sync-mode event accepted, to dispatch before answering
        IncomingEvent event;
        EventContext context;
    };
    HttpResponse handle(const HttpRequest &request, const PeerInfo &peer);
    HttpResponse route(const HttpRequest &request, const PeerInfo &peer, RequestRecord &record,
                       std::optional<PendingDispatch> &pending);
    HttpResponse receiveEvent(const HttpRequest &request, const PeerInfo &peer, const QString &ns,
                              const QString &discriminator, std::optional<Identity> webhookIdentity,
                              RequestRecord &record, std::optional<PendingDispatch> &pending);
    HttpResponse dispatchNow(const PendingDispatch &pending, RequestRecord &record);
    void finishRequest(const QByteArray &method, const QByteArray &target, const PeerInfo &peer, int status,
                       const QElapsedTimer &clock, RequestRecord &record);
    HttpResponse restGet(const HttpRequest &request, const QStringList &components, RequestRecord &record);
    HttpResponse restWriteTemplate(const HttpRequest &request, const QStringList &components, RequestRecord &record);
    std::optional<HttpResponse> authenticate(const HttpRequest &request, std::optional<Identity> &identity) const;
    DispatchOutcome process(const IncomingEvent &event, const EventContext &context);
    std::shared_ptr<EventSink> currentSink() const;

    EventServerConfig m_config;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<OperationQueue> m_queue;    // async mode
    std::unique_ptr<OperationQueue> m_syncPool; // sync mode: dispatches off the I/O threads
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Metrics> m_metrics;
    SimulatedCluster m_cluster;
    mutable std::mutex m_sinkMutex;
    std::shared_ptr<EventSink> m_sink;
    std::function<void(const RequestRecord &)> m_logger;
    std::atomic<quint64> m_accepted{0}, m_rejectedFull{0}, m_processed{0}, m_sequence{0};
    static constexpr qint64 kSlowDispatchNanos = 2'000'000; // sync mode: offload above this average
    std::atomic<qint64> m_dispatchNanosAverage{0};
    int m_recovered = 0;
};

} // namespace bindery::net

Q_DECLARE_METATYPE(bindery::net::RequestRecord)
Q_DECLARE_METATYPE(bindery::net::DispatchOutcome)
