// SPDX-License-Identifier: Apache-2.0
#include "net/replay_engine.h"

#include "net/capture_headers.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <random>

namespace bindery::net {

namespace {

bool isTransportHeader(QByteArrayView name)
{
    for (const char *n : {"host", "content-length", "transfer-encoding", "connection", "keep-alive", "expect", "te",
                          "upgrade", "trailer"}) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

qint64 percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    // Nearest rank.
    const auto rank = static_cast<qsizetype>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::clamp<qsizetype>(rank - 1, 0, values.size() - 1)];
}

} // namespace

ReplayEngine::ReplayEngine(QObject *parent)
    : QObject(parent)
    , m_pumpTimer(new QTimer(this))
{
    qRegisterMetaType<bindery::net::ReplayResult>();
    m_pumpTimer->setSingleShot(true);
    m_pumpTimer->setTimerType(Qt::PreciseTimer);
    connect(m_pumpTimer, &QTimer::timeout, this, &ReplayEngine::pump);
}

ReplayEngine::~ReplayEngine()
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
}

void ReplayEngine::setOptions(const ReplayOptions &options)
{
    m_options = options;
    m_options.concurrency = std::max(1, m_options.concurrency);
}

void ReplayEngine::setEvents(QList<CaptureRecord> events)
{
    m_events = std::move(events);
}

void ReplayEngine::setNetworkAccessManager(QNetworkAccessManager *nam)
{
    m_nam = nam;
}

namespace {
// Qt 6.4: QHttpNetworkConnection's channel count for HTTP/1.1 (no public setting before Qt 6.5's
// QHttp1Configuration).
constexpr int kConnectionsPerManager = 6;
} // namespace

bool ReplayEngine::start(QString *error)
{
    QNetworkRequest probe;
    if (!prepareRequest(m_options.connection, QStringLiteral("/"), &probe, error))
        return false;
    stop();
    if (!m_nam) {
        // Each manager has its own thread and connection pool: one per 6 requests in flight.
        const int wanted = (std::max(1, m_options.concurrency) + kConnectionsPerManager - 1) / kConnectionsPerManager;
        while (m_pool.size() < wanted)
            m_pool.append(new QNetworkAccessManager(this));
        while (m_pool.size() > wanted)
            delete m_pool.takeLast(); // stop() left nothing in flight
        m_poolLoad = QList<int>(m_pool.size(), 0);
    }
    if (m_options.compareWorkflows) {
        if (!m_lookupClient)
            m_lookupClient = new ArgoClient(this);
        m_lookupClient->setOptions(m_options.connection);
    }
    ++m_generation;
    m_results.clear();
    m_latencies.clear();
    m_stats = ReplayStats{};
    m_stats.total = static_cast<int>(m_events.size());
    m_order.resize(m_events.size());
    for (int i = 0; i < m_order.size(); ++i)
        m_order[i] = i;
    if (m_options.shuffleSeed) {
        // Fisher-Yates over mt19937 (fully specified by the standard, unlike std::shuffle): the same
        // seed gives the same order everywhere.
        std::mt19937 rng(*m_options.shuffleSeed);
        for (qsizetype i = m_order.size() - 1; i > 0; --i)
            std::swap(m_order[i], m_order[static_cast<qsizetype>(rng() % static_cast<quint32>(i + 1))]);
    }
    m_queue.clear();
    for (int i : std::as_const(m_order))
        m_queue.emplace_back(i, 1);
    m_waitingRetry = 0;
    m_activeNs = 0;
    m_clock.start();
    m_rateWindowStartNs = 0;
    m_startedSending = 0;
    setState(State::Running);
    QMetaObject::invokeMethod(this, &ReplayEngine::pump, Qt::QueuedConnection);
    return true;
}

void ReplayEngine::pause()
{
    if (m_state != State::Running)
        return;
    m_activeNs += m_clock.nsecsElapsed() - m_rateWindowStartNs;
    m_pumpTimer->stop();
    setState(State::Paused);
}

void ReplayEngine::resume()
{
    if (m_state != State::Paused && m_state != State::Stopped)
        return;
    if (m_state == State::Stopped)
        ++m_generation;
    m_rateWindowStartNs = m_clock.nsecsElapsed();
    m_startedSending = 0;
    setState(State::Running);
    pump();
}

void ReplayEngine::stop()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    if (m_state == State::Running)
        m_activeNs += m_clock.nsecsElapsed() - m_rateWindowStartNs;
    ++m_generation; // retry timers of this run are void: their events go back to the queue below
    m_pumpTimer->stop();
    QList<std::pair<int, int>> back;
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
        back.append({it->index, it->attempt});
    }
    m_inFlight.clear();
    m_poolLoad.fill(0);
    if (m_verifying) {
        // Answered already: it is not sent again, it ends without its Workflows.
        if (m_verifying->call) {
            m_verifying->call->disconnect(this);
            m_verifying->call->abort();
            m_verifying->call->deleteLater();
        }
        finishVerifying(std::nullopt, QStringLiteral("stopped before the Workflows were looked up"));
    }
    for (const auto &[index, attempt] : std::as_const(m_retryWaiting))
        back.append({index, attempt});
    m_retryWaiting.clear();
    m_waitingRetry = 0;
    // Unfinished events go back to the front, in send order.
    QHash<int, int> position;
    for (int i = 0; i < m_order.size(); ++i)
        position.insert(m_order[i], i);
    std::sort(back.begin(), back.end(), [&](const auto &a, const auto &b) { return position[a.first] > position[b.first]; });
    for (const auto &b : std::as_const(back))
        m_queue.emplace_front(b);
    setState(State::Stopped);
    emitProgress();
}

ReplayStats ReplayEngine::stats() const
{
    ReplayStats s = m_stats;
    s.inFlight = static_cast<int>(m_inFlight.size()) + (m_verifying ? 1 : 0);
    s.pending = static_cast<int>(m_queue.size()) + m_waitingRetry;
    qint64 active = m_activeNs;
    if (m_state == State::Running)
        active += m_clock.nsecsElapsed() - m_rateWindowStartNs;
    s.ratePerSecond = active > 0 ? s.sent * 1e9 / static_cast<double>(active) : 0;
    const int left = s.total - s.sent;
    s.etaMs = left == 0 ? 0 : (s.ratePerSecond > 0 ? static_cast<qint64>(left / s.ratePerSecond * 1000) : -1);
    s.p50LatencyUs = percentile(m_latencies, 0.50);
    s.p99LatencyUs = percentile(m_latencies, 0.99);
    return s;
}

void ReplayEngine::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void ReplayEngine::pump()
{
    if (m_state != State::Running)
        return;
    while (m_inFlight.size() + (m_verifying ? 1 : 0) < effectiveConcurrency() && !m_queue.empty()) {
        if (m_options.rate > 0) {
            const qint64 due = m_rateWindowStartNs + static_cast<qint64>(m_startedSending * 1e9 / m_options.rate);
            const qint64 now = m_clock.nsecsElapsed();
            if (now < due) {
                m_pumpTimer->start(static_cast<int>((due - now + 999'999) / 1'000'000));
                return;
            }
        }
        const auto [index, attempt] = m_queue.front();
        m_queue.pop_front();
        ++m_startedSending;
        send(index, attempt);
    }
    if (m_queue.empty() && m_inFlight.isEmpty() && m_waitingRetry == 0 && !m_verifying) {
        m_activeNs += m_clock.nsecsElapsed() - m_rateWindowStartNs;
        m_rateWindowStartNs = m_clock.nsecsElapsed();
        setState(State::Finished);
        emitProgress();
        emit finished();
    }
}

void ReplayEngine::send(int index, int attempt)
{
    InFlight flight{index, attempt, m_events[index], {}, QDateTime::currentDateTimeUtc()};
    CaptureRecord &record = flight.record;
    resignRecord(record, m_options.resign);
    if (m_options.timestamps == ReplayOptions::Timestamps::Rewrite)
        record.time = QDateTime::currentDateTimeUtc();
    const QString path = QStringLiteral("/api/v1/events/") + QString::fromUtf8(QUrl::toPercentEncoding(record.ns))
        + QLatin1Char('/') + QString::fromUtf8(QUrl::toPercentEncoding(record.discriminator));
    QNetworkRequest request;
    QString error;
    if (!prepareRequest(m_options.connection, path, &request, &error)) {
        ArgoResult r;
        r.error = NetErrorKind::InvalidUrl;
        r.message = error;
        complete(std::move(flight), r);
        return;
    }
    const bool tokenGiven = request.hasRawHeader("Authorization");
    QHash<QByteArray, QByteArray> merged; // QNetworkRequest keeps one value per name: join repeats
    QList<QByteArray> names;
    for (const auto &h : std::as_const(record.headers)) {
        if (isTransportHeader(h.first) || (tokenGiven && h.first.compare("Authorization", Qt::CaseInsensitive) == 0))
            continue;
        const QByteArray key = h.first.toLower();
        if (merged.contains(key)) {
            merged[key] += ", " + h.second;
        } else {
            merged.insert(key, h.second);
            names.append(h.first);
        }
    }
    for (const QByteArray &name : std::as_const(names))
        request.setRawHeader(name, merged.value(name.toLower()));
    // Argo decodes every content type as JSON (events-spec §1.3); without one QNAM warns and picks a form type.
    if (!merged.contains("content-type"))
        request.setRawHeader("Content-Type", "application/json");
    QNetworkAccessManager *nam = m_nam;
    if (!nam) {
        // The least loaded manager (ties: the first), so that none has more than 6 in flight.
        flight.pool = static_cast<int>(std::min_element(m_poolLoad.begin(), m_poolLoad.end()) - m_poolLoad.begin());
        ++m_poolLoad[flight.pool];
        nam = m_pool[flight.pool];
    }
    flight.timer.start();
    QNetworkReply *reply = nam->post(request, record.body);
    m_inFlight.insert(reply, std::move(flight));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void ReplayEngine::onReply(QNetworkReply *reply)
{
    auto it = m_inFlight.find(reply);
    if (it == m_inFlight.end())
        return;
    InFlight flight = std::move(*it);
    m_inFlight.erase(it);
    if (flight.pool >= 0 && flight.pool < m_poolLoad.size())
        --m_poolLoad[flight.pool];
    ArgoResult r = resultFromReply(reply, flight.timer.nsecsElapsed() / 1000);
    reply->deleteLater();
    if (r.status == 503 && flight.attempt <= m_options.maxRetries503 && m_state != State::Stopped) {
        ++m_stats.retried503;
        const int delay = static_cast<int>(std::min<qint64>(
            static_cast<qint64>(m_options.backoffInitialMs) << std::min(flight.attempt - 1, 20), m_options.backoffMaxMs));
        const quint64 generation = m_generation;
        const int index = flight.index, attempt = flight.attempt + 1;
        m_retryWaiting.append({index, attempt});
        ++m_waitingRetry;
        QTimer::singleShot(delay, this, [this, generation, index, attempt] {
            if (generation != m_generation)
                return; // stop() already put it back in the queue
            m_retryWaiting.removeOne(std::pair<int, int>{index, attempt});
            --m_waitingRetry;
            m_queue.emplace_front(index, attempt);
            pump();
        });
        pump();
        return;
    }
    if (m_options.compareWorkflows && m_predictor && r.status > 0 && m_lookupClient) {
        verify(std::move(flight), std::move(r));
        return;
    }
    complete(std::move(flight), std::move(r));
    pump();
}

int ReplayEngine::effectiveConcurrency() const
{
    // Workflows carry the binding's name, not the event's: one event at a time keeps them apart.
    return m_options.compareWorkflows && m_predictor ? 1 : m_options.concurrency;
}

void ReplayEngine::verify(InFlight flight, ArgoResult answer)
{
    Verifying v;
    v.prediction = m_predictor(flight.record);
    if (!flight.record.ns.isEmpty())
        v.namespaces << flight.record.ns;
    if (v.prediction) {
        for (const WorkflowSummary &w : std::as_const(v.prediction->expected))
            if (!w.ns.isEmpty() && !v.namespaces.contains(w.ns))
                v.namespaces << w.ns;
    }
    v.flight = std::move(flight);
    v.answer = std::move(answer);
    v.sinceAnswer.start();
    if (!v.prediction || v.namespaces.isEmpty()) {
        const QString why = v.prediction ? QStringLiteral("the event has no namespace to look Workflows up in") : QString();
        complete(std::move(v.flight), std::move(v.answer), std::move(v.prediction), true, std::nullopt, why);
        pump();
        return;
    }
    m_verifying = std::move(v);
    lookupNext(m_generation);
}

void ReplayEngine::lookupNext(quint64 generation)
{
    if (!m_verifying || generation != m_generation)
        return;
    Verifying &v = *m_verifying;
    if (v.nsIndex < v.namespaces.size()) {
        const QString ns = v.namespaces[v.nsIndex++];
        ArgoCall *call = m_lookupClient->findWorkflowsFromEvent(ns, v.flight.sentAt);
        v.call = call;
        connect(call, &ArgoCall::finished, this, [this, call, generation] {
            call->deleteLater();
            if (!m_verifying || generation != m_generation || m_verifying->call != call)
                return;
            m_verifying->call = nullptr;
            const ArgoResult &r = call->result();
            if (!r.ok()) {
                finishVerifying(std::nullopt, QStringLiteral("cannot list the Workflows: ") + r.message);
                pump();
                return;
            }
            for (const QJsonObject &item : call->items()) {
                const QJsonObject meta = item.value(QLatin1String("metadata")).toObject();
                QString key = meta.value(QLatin1String("uid")).toString();
                if (key.isEmpty())
                    key = meta.value(QLatin1String("namespace")).toString() + QLatin1Char('/')
                          + meta.value(QLatin1String("name")).toString();
                if (!m_attributed.contains(key))
                    m_verifying->found.append({key, workflowSummary(item)});
            }
            lookupNext(generation);
        });
        return;
    }
    // A round is complete.
    const qsizetype expected = v.prediction ? v.prediction->expected.size() : 0;
    const qint64 left = m_options.compareSettleMs - v.sinceAnswer.elapsed();
    if (v.found.size() < expected && left > 0) {
        // An async server dispatches after answering: look again a little later.
        const int delay = static_cast<int>(std::min<qint64>(left, qint64(100) << std::min(v.round, 6)));
        ++v.round;
        v.nsIndex = 0;
        v.found.clear();
        QTimer::singleShot(delay, this, [this, generation] { lookupNext(generation); });
        return;
    }
    if (m_attributed.size() > 1'000'000)
        m_attributed.clear(); // bounded; Workflows that old are out of every later lookup's time window
    QList<WorkflowSummary> actual;
    for (const auto &[key, summary] : std::as_const(v.found)) {
        m_attributed.insert(key);
        actual.append(summary);
    }
    finishVerifying(std::move(actual), {});
    pump();
}

void ReplayEngine::finishVerifying(std::optional<QList<WorkflowSummary>> actual, QString error)
{
    if (!m_verifying)
        return;
    Verifying v = std::move(*m_verifying);
    m_verifying.reset();
    complete(std::move(v.flight), std::move(v.answer), std::move(v.prediction), true, std::move(actual), std::move(error));
}

void ReplayEngine::complete(InFlight flight, ArgoResult r, std::optional<ReplayPrediction> prediction, bool predicted,
                            std::optional<QList<WorkflowSummary>> actual, QString lookupError)
{
    ReplayResult result;
    result.index = flight.index;
    result.record = std::move(flight.record);
    result.status = r.status;
    result.error = r.error;
    result.message = r.message;
    result.responseBody = r.body.left(m_options.maxResponseBody);
    result.latencyUs = r.latencyUs;
    result.attempts = flight.attempt;
    ++m_stats.sent;
    if (r.status >= 200 && r.status < 300)
        ++m_stats.ok2xx;
    else if (r.status >= 400 && r.status < 500)
        ++m_stats.client4xx;
    else if (r.status >= 500)
        ++m_stats.server5xx;
    else if (r.status > 0)
        ++m_stats.other;
    else
        ++m_stats.failed;
    if (r.status > 0)
        m_latencies.append(r.latencyUs);
    if (m_predictor) {
        result.prediction = predicted ? std::move(prediction) : m_predictor(result.record);
        QStringList why;
        if (result.prediction && result.prediction->status != result.status)
            why << QStringLiteral("predicted HTTP %1, the server answered %2")
                       .arg(result.prediction->status)
                       .arg(result.status ? QString::number(result.status) : result.message);
        if (result.prediction && actual) {
            ++m_stats.compared;
            if (const QString d = compareWorkflows(result.prediction->expected, *actual); !d.isEmpty())
                why << d;
        }
        if (!lookupError.isEmpty())
            ++m_stats.lookupFailed;
        result.actualWorkflows = std::move(actual);
        result.lookupError = std::move(lookupError);
        if (!why.isEmpty()) {
            result.diverged = true;
            result.divergence = why.join(QStringLiteral("; "));
            ++m_stats.diverged;
        }
    }
    m_results.append(result);
    emit eventFinished(result);
    emitProgress();
}

void ReplayEngine::emitProgress()
{
    const ReplayStats s = stats();
    emit progress(s.sent, s.total, s.ratePerSecond, s.etaMs);
}

} // namespace bindery::net
