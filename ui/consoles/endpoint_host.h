// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/consoles/endpoint_settings.h"
#include "ui/consoles/record_table_model.h"
#include "net/event_server.h"
#include "net/fault_injection_sink.h"
#include "workspace/workspace_snapshot.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <deque>
#include <memory>

class QTimer;

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

// One Workflow the hosted endpoint created.
struct SubmissionRow {
    QDateTime time;
    QString eventId;
    QString workflowName;
    QString binding;
    QString templateName;
    QString parameters; // "name=value, ..."
    QJsonObject workflow;
    static SubmissionRow fromWorkflow(const QJsonObject &workflow, const QString &eventId);
};

// One event the endpoint dispatched, kept for the request log (open in editors) and history.
struct ReceivedEvent {
    net::CaptureRecord record;
    net::DispatchOutcome outcome;
};

using RequestLogModel = RecordTableModel<net::RequestRecord>;
using SubmissionsModel = RecordTableModel<SubmissionRow>;
std::unique_ptr<RequestLogModel> makeRequestLogModel(QObject *parent = nullptr);
std::unique_ptr<SubmissionsModel> makeSubmissionsModel(QObject *parent = nullptr);

// The hosted endpoint on the current workspace (host mode), without widgets: the endpoint console
// shows it, tests drive it. Traffic signals from the server's threads arrive here queued; the
// catalog follows the workspace (a new snapshot swaps the dispatcher of the running endpoint).
class EndpointHost : public QObject
{
    Q_OBJECT
public:
    struct Counters {
        quint64 received = 0, ok2xx = 0, client4xx = 0, unavailable503 = 0, server5xx = 0;
        quint64 processed = 0, workflows = 0, bindingErrors = 0;
        int queueDepth = 0, queueCapacity = 0;
    };
    struct Sample {
        QDateTime time;
        int queueDepth = 0;
        double requestsPerSecond = 0;
    };

    explicit EndpointHost(workspace::Workspace *workspace, QObject *parent = nullptr);
    ~EndpointHost() override;

    bool start(const EndpointSettings &settings, QStringList *errors);
    void stop();
    bool isRunning() const;
    QUrl url() const; // http(s)://address:port
    // A curl command that posts `record` to this endpoint (shell-quoted).
    QString curlCommand(const net::CaptureRecord &record) const;

    void setFaults(const net::FaultSettings &faults);
    net::FaultSettings faults() const;
    int stalledDispatches() const { return m_sink->stalledCount(); }

    Counters counters() const { return m_counters; }
    const QList<Sample> &samples() const { return m_samples; } // last kSampleWindow seconds
    static constexpr int kSampleWindow = 300;
    void sampleNow(); // also called every second while running

    RequestLogModel *requestLog() const { return m_log.get(); }
    SubmissionsModel *submissions() const { return m_submissions.get(); }
    std::optional<ReceivedEvent> receivedEvent(const QString &eventId) const;
    // What the endpoint actually did with an event of this content (the latest one).
    std::optional<net::DispatchOutcome> actualOutcome(const net::CaptureRecord &record) const;
    quint64 catalogRevision() const { return m_catalogRevision; }
    net::EventServer *server() const { return m_server; }
    // Identifies an event by its content (namespace, discriminator, body).
    static QByteArray fingerprint(const net::CaptureRecord &record);

signals:
    void runningChanged(bool running);
    void countersChanged();
    void sampled(const bindery::ui::EndpointHost::Sample &sample);
    void requestLogged(const bindery::net::RequestRecord &record);
    // Every event the endpoint received: dispatched ones with their body, refused ones (503, 4xx)
    // with what the request line tells.
    void eventReceived(const bindery::net::CaptureRecord &record, int status, const QStringList &bindings, const QString &error);
    void eventDispatched(const bindery::net::CaptureRecord &record, const bindery::net::DispatchOutcome &outcome);
    void catalogApplied(quint64 revision, int bindings, int manifestErrors);

private:
    void applySnapshot(const workspace::WorkspaceSnapshot &snapshot);
    void onRequest(const net::RequestRecord &record);
    void onDispatched(const ReceivedEvent &event);

    workspace::Workspace *m_workspace;
    net::EventServer *m_server;
    std::shared_ptr<net::FaultInjectionSink> m_sink;
    std::unique_ptr<RequestLogModel> m_log;
    std::unique_ptr<SubmissionsModel> m_submissions;
    Counters m_counters;
    QList<Sample> m_samples;
    quint64 m_lastRequests = 0;
    QDateTime m_lastSample;
    QTimer *m_sampler;
    QTimer *m_catalogTimer;
    quint64 m_catalogRevision = 0;
    QHash<QString, ReceivedEvent> m_received; // by event id, bounded
    std::deque<QString> m_receivedOrder;
    QHash<QByteArray, net::DispatchOutcome> m_actual; // by content fingerprint, bounded
    std::deque<QByteArray> m_actualOrder;
};

} // namespace bindery::ui

Q_DECLARE_METATYPE(bindery::ui::EndpointHost::Sample)
Q_DECLARE_METATYPE(bindery::ui::ReceivedEvent)
