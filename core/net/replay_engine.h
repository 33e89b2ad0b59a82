// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/argo_client.h"
#include "net/capture_record.h"
#include "net/webhook_signer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
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
};

// What the local dispatcher predicts for an event (the `argo` helper's dispatcher can fill it).
struct ReplayPrediction {
    int status = 200;        // the HTTP status the endpoint should answer
    QStringList bindings;    // bindings expected to fire
    QStringList workflows;   // WorkflowTemplate names expected to be submitted
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
    // Use a shared manager (e.g. ArgoClient::network()); by default the engine owns one.
    void setNetworkAccessManager(QNetworkAccessManager *nam);

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
    };
    void pump();
    void send(int index, int attempt);
    void onReply(QNetworkReply *reply);
    void complete(InFlight flight, ArgoResult result);
    void setState(State s);
    void emitProgress();

    ReplayOptions m_options;
    QList<CaptureRecord> m_events;
    ReplayPredictor m_predictor;
    QNetworkAccessManager *m_nam = nullptr;
    bool m_ownNam = false;
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
    quint64 m_generation = 0; // bumps on start/stop so stale retry timers do nothing
};

} // namespace bindery::net

Q_DECLARE_METATYPE(bindery::net::ReplayResult)
