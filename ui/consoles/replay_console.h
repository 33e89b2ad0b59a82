// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/consoles/history_store.h"
#include "ui/consoles/record_table_model.h"
#include "net/event_sink.h"
#include "net/replay_engine.h"
#include "workspace/workspace_snapshot.h"

#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace bindery::argo {
class Dispatcher;
}

namespace bindery::ui {

// Where posts and replays go: the hosted endpoint or a server profile, resolved at send time
// (profiles read their token from the keychain, which answers asynchronously).
struct SendTarget {
    QString name;
    bool local = false;
    net::ConnectionOptions connection;
    QByteArray webhookSecret; // for re-signing
};
using TargetResolver = std::function<void(const QString &name, std::function<void(std::optional<SendTarget>, QString error)>)>;

// One replayed (or posted) event with what the local dispatcher predicted and, for the hosted
// endpoint, which bindings it actually matched.
struct ReplayRow {
    net::ReplayResult result;
    std::optional<QStringList> actualBindings;
    QStringList actualErrors; // bindings that failed at the endpoint
    bool diverged() const;
    QString divergence() const;
};
using ReplayResultsModel = RecordTableModel<ReplayRow>;
using ReplayEventsModel = RecordTableModel<net::CaptureRecord>;
std::unique_ptr<ReplayResultsModel> makeReplayResultsModel(QObject *parent = nullptr);
std::unique_ptr<ReplayEventsModel> makeReplayEventsModel(QObject *parent = nullptr);

// Post and replay: send workspace events, import captures (File ▸ Import or drag and drop),
// replay them with rate/concurrency/re-signing, watch progress and predicted-vs-actual results.
class ReplayConsole : public QWidget
{
    Q_OBJECT
public:
    explicit ReplayConsole(QWidget *parent = nullptr);
    ~ReplayConsole() override;

    void setTargetResolver(TargetResolver resolver) { m_resolver = std::move(resolver); }
    void setTargets(const QStringList &names); // "Local endpoint" always comes first
    void setCurrentTarget(const QString &name);
    void setWorkspaceSnapshot(const workspace::WorkspaceSnapshot &snapshot);
    void setPredictionDispatcher(std::shared_ptr<const argo::Dispatcher> dispatcher) { m_dispatcher = std::move(dispatcher); }
    void setActualOutcomeLookup(std::function<std::optional<net::DispatchOutcome>(const net::CaptureRecord &)> lookup)
    {
        m_actualLookup = std::move(lookup);
    }

    // The hosted endpoint dispatched an event (async mode answers before that): fills the actual
    // bindings of the oldest result still waiting for an event with that content.
    void noteActualOutcome(const net::CaptureRecord &record, const net::DispatchOutcome &outcome);

    // Imports a capture file (any format importCapture detects) into the replay list.
    bool importFile(const QString &path, QString *message = nullptr);
    void addReplayEvents(const QList<net::CaptureRecord> &records);
    void selectWorkspaceEvents(const QStringList &paths);

    void sendSelectedEvents();          // post the selected workspace events to the target
    void send(const QList<net::CaptureRecord> &records); // post these (no 503 retries)
    void startReplay();                 // replay the replay list
    void setReplayOptions(double rate, int concurrency);
    void setResign(bool on, const QByteArray &secret = {});
    // Predicted vs actual Workflows (off by default: events are then sent one at a time; needs the
    // prediction dispatcher).
    void setCompareWorkflows(bool on);

    net::ReplayEngine *engine() const { return m_engine; }
    ReplayResultsModel *results() const { return m_results.get(); }
    ReplayEventsModel *replayEvents() const { return m_events.get(); }
    QProgressBar *progressBar() const { return m_progress; }
    QString statusText() const;
    QTableView *resultsView() const { return m_resultsView; }

signals:
    void eventSent(const bindery::ui::HistoryEntry &entry);
    void message(const QString &text);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void run(QList<net::CaptureRecord> records, bool replay);
    void onFinished(const net::ReplayResult &result);
    void onProgress(int done, int total, double rate, qint64 etaMs);
    void onState(net::ReplayEngine::State state);
    void showDetail(const QModelIndex &index);

    TargetResolver m_resolver;
    std::shared_ptr<const argo::Dispatcher> m_dispatcher;
    std::function<std::optional<net::DispatchOutcome>(const net::CaptureRecord &)> m_actualLookup;
    workspace::WorkspaceSnapshot m_snapshot;
    net::ReplayEngine *m_engine;
    std::unique_ptr<ReplayResultsModel> m_results;
    std::unique_ptr<ReplayEventsModel> m_events;
    QHash<QByteArray, QList<int>> m_awaitingActual; // content fingerprint -> result rows
    QString m_runningTarget;
    bool m_runningLocal = false;
    int m_diverged = 0; // rows whose prediction and actual disagree
    QComboBox *m_target;
    QListWidget *m_workspaceEvents;
    QTableView *m_eventsView, *m_resultsView;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_concurrency;
    QCheckBox *m_resign;
    QCheckBox *m_compare;
    QLineEdit *m_secret;
    QPushButton *m_send, *m_replay, *m_pause, *m_resume, *m_stop;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPlainTextEdit *m_detail;
};

} // namespace bindery::ui
