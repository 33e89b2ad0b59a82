// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/argo_client.h"
#include "net/capture_record.h"
#include "net/webhook_signer.h"
#include "net/workflow_comparison.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <deque>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace bindery::net {

struct ReplayOptions {
    ConnectionOptions connection; // baseUrl = the target; each event keeps its own path
    double rate = 0;              // events per second (0: as fast as concurrency allows)
    int concurrency = 4;          // requests in flight at most
    std::optional<quint32> shuffleSeed; // nullopt: the captured order
    int maxRetries503 = 5;        // 503 (queue full) is retried with exponential backoff
    int backoffInitialMs = 100;
    int backoffMaxMs = 5'000;
    ResignOptions resign;         // re-sign GitHub/GitLab events with these secrets
    enum class Timestamps { Keep, Rewrite } timestamps = Timestamps::Keep; // results' record.time
    qsizetype maxResponseBody = 64 * 1024; // bytes of each response kept
    // Predicted vs actual Workflows: after each answer, list the Workflows the target created for
    // the event (label workflows.argoproj.io/workflow-event-binding, created since the send) and
    // compare them with the prediction. Needs a predictor; the target must serve
    // GET /api/v1/workflows/{ns} (Argo Server, Bindery's endpoint). Argo's label names only the
    // binding, not the event, so Workflows are attributed by time: events are then sent one at a
    // time (concurrency 1) and each lookup finishes before the next send.
    bool compareWorkflows = false;
    // An async server creates the Workflows after answering: fewer than predicted are looked up
    // again (100 ms, 200 ms, ... backoff) until this much time has passed since the answer.
    int compareSettleMs = 1'000;
};

// What the local dispatcher predicts for an event (the `argo` helper's dispatcher can fill it).
struct ReplayPrediction {
    int status = 200;        // the HTTP status the endpoint should answer
    QStringList bindings;    // bindings expected to fire
    QStringList workflows;   // WorkflowTemplate names expected to be submitted
    QList<WorkflowSummary> expected{}; // the Workflows themselves (binding, template, parameters)
};
using ReplayPredictor = std::function<std::optional<ReplayPrediction>(const CaptureRecord &)>;

struct ReplayResult {
    int index = -1;            // position in the list given to setEvents()
    CaptureRecord record;      // as sent (re-signed; time kept or rewritten to the send time)
    int status = 0;            // final HTTP status; 0 when there was no HTTP answer
    NetErrorKind error = NetErrorKind::None;
    QString message;           // error text (Argo's message for HTTP errors)
    QByteArray responseBody;
    qint64 latencyUs = 0;      // of the final attempt
    int attempts = 0;          // 1 + retries of 503
    std::optional<ReplayPrediction> prediction;
    bool diverged = false;     // prediction and answer disagree
    QString divergence;        // why
    // ReplayOptions::compareWorkflows: the Workflows the target created for this event (nullopt:
    // not looked up, or the lookup failed: see lookupError).
    std::optional<QList<WorkflowSummary>> actualWorkflows;
    QString lookupError;
};

struct ReplayStats {
    int total = 0;
    int sent = 0;        // events with a final outcome (sent == ok2xx + client4xx + server5xx + other + failed)
    int ok2xx = 0;
    int client4xx = 0;
    int server5xx = 0;   // includes 503 after the last retry
    int other = 0;       // 1xx/3xx
    int failed = 0;      // no HTTP answer (refused, TLS, timeout...)
    int retried503 = 0;  // retries made (not events)
    int inFlight = 0;
    int pending = 0;     // not sent yet (queued or waiting for a retry)
    int diverged = 0;
    int compared = 0;    // events whose Workflows were looked up and compared
    int lookupFailed = 0; // compareWorkflows: lookups that failed (not counted as divergences)
    double ratePerSecond = 0; // finished events per second since start (pauses excluded)
    qint64 etaMs = -1;        // -1: unknown
    qint64 p50LatencyUs = 0;
    qint64 p99LatencyUs = 0;
};

// Replays captured events to a target (Bindery's endpoint or a live Argo Server), asynchronously
// on the thread it lives in. Accounting: every event ends in exactly one outcome class.
class ReplayEngine : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopped, Finished };
    Q_ENUM(State)

    explicit ReplayEngine(QObject *parent = nullptr);
    ~ReplayEngine() override;

    void setOptions(const ReplayOptions &options);
    void setEvents(QList<CaptureRecord> events);
    void setPredictor(ReplayPredictor predictor) { m_predictor = std::move(predictor); }
    // Use a shared manager (e.g. ArgoClient::network()): then at most 6 requests are really in
    // flight to one host, whatever the concurrency (Qt 6.4's QNetworkAccessManager opens at most 6
    // HTTP/1.1 connections per host and has no setting for it). By default the engine owns one
    // manager per 6 of concurrency, each with its own connection pool, and spreads requests over them.
    void setNetworkAccessManager(QNetworkAccessManager *nam);
    // The managers used by the last start() (1 when shared).
    int networkManagerCount() const { return m_nam ? 1 : static_cast<int>(m_pool.size()); }

    // Starts (or restarts from the beginning). False with *error when the target is unusable.
    bool start(QString *error = nullptr);
    void pause();  // no new requests; those in flight finish
    void resume(); // after pause() or stop(): continues with the events not yet sent
    void stop();   // aborts requests in flight (they go back to the queue) and stops

    State state() const { return m_state; }
    ReplayStats stats() const;
    const QList<ReplayResult> &results() const { return m_results; } // in completion order
    // The order in which events are sent (indices into the list given to setEvents()).
    QList<int> order() const { return m_order; }

signals:
    void eventFinished(const bindery::net::ReplayResult &result);
    void progress(int done, int total, double ratePerSecond, qint64 etaMs);
    void stateChanged(bindery::net::ReplayEngine::State state);
    void finished(); // every event has an outcome

private:
    struct InFlight {
        int index;
        int attempt;
        CaptureRecord record;
        QElapsedTimer timer;
        QDateTime sentAt; // wall clock, for the Workflow lookup's creation-time filter
        int pool = -1;    // index in m_pool (-1: the shared manager)
    };
    // An answered event whose Workflows are being looked up (compareWorkflows).
    struct Verifying {
        InFlight flight;
        ArgoResult answer;
        std::optional<ReplayPrediction> prediction;
        QStringList namespaces; // still to list
        int nsIndex = 0; // next namespace of this round
        QList<std::pair<QString, WorkflowSummary>> found; // this round's new Workflows (key, summary)
        QElapsedTimer sinceAnswer;
        int round = 0;
        QPointer<ArgoCall> call;
    };
    void pump();
    void send(int index, int attempt);
    void onReply(QNetworkReply *reply);
    void complete(InFlight flight, ArgoResult result, std::optional<ReplayPrediction> prediction = std::nullopt,
                  bool predicted = false, std::optional<QList<WorkflowSummary>> actual = std::nullopt,
                  QString lookupError = {});
    void verify(InFlight flight, ArgoResult answer);
    void lookupNext(quint64 generation);
    void finishVerifying(std::optional<QList<WorkflowSummary>> actual, QString error);
    int effectiveConcurrency() const;
    void setState(State s);
    void emitProgress();

    ReplayOptions m_options;
    QList<CaptureRecord> m_events;
    ReplayPredictor m_predictor;
    QNetworkAccessManager *m_nam = nullptr;   // shared (not owned); null: m_pool
    QList<QNetworkAccessManager *> m_pool;    // owned, children of the engine
    QList<int> m_poolLoad;                    // requests in flight per pool manager
    State m_state = State::Idle;
    QList<int> m_order;
    std::deque<std::pair<int, int>> m_queue; // (index, attempt)
    QHash<QNetworkReply *, InFlight> m_inFlight;
    int m_waitingRetry = 0;
    QList<std::pair<int, int>> m_retryWaiting; // (index, attempt) waiting for their backoff
    QList<ReplayResult> m_results;
    QList<qint64> m_latencies;
    ReplayStats m_stats;
    QElapsedTimer m_clock;     // since start
    qint64 m_activeNs = 0;     // running time accumulated before the last resume
    qint64 m_startedSending = 0; // sends since the rate window began
    qint64 m_rateWindowStartNs = 0;
    QTimer *m_pumpTimer = nullptr;
    ArgoClient *m_lookupClient = nullptr;  // compareWorkflows
    std::optional<Verifying> m_verifying;  // at most one (compare mode sends one at a time)
    QSet<QString> m_attributed;            // Workflows (uid or ns/name) already given to an event
    quint64 m_generation = 0; // bumps on start/stop so stale retry timers do nothing
};

} // namespace bindery::net

Q_DECLARE_METATYPE(bindery::net::ReplayResult)
