// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/replay_console.h"

#include "ui/consoles/endpoint_host.h"
#include "ui/consoles/hosted_catalog.h"
#include "net/capture_import.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bindery::ui {

namespace {

const QString kLocal = QStringLiteral("Local endpoint");

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QString eta(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("—");
    const qint64 s = (ms + 999) / 1000;
    return s >= 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60) : QStringLiteral("%1 s").arg(s);
}

QTableView *table(QAbstractItemModel *model, QWidget *parent)
{
    auto *v = new QTableView(parent);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->verticalHeader()->hide();
    v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 6);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setWordWrap(false);
    return v;
}

} // namespace

bool ReplayRow::diverged() const
{
    return result.diverged || !divergence().isEmpty();
}

QString ReplayRow::divergence() const
{
    QStringList why;
    if (result.diverged)
        why << result.divergence;
    if (result.prediction && actualBindings && sorted(*actualBindings) != sorted(result.prediction->bindings))
        why << QStringLiteral("predicted bindings [%1], the endpoint matched [%2]")
                   .arg(result.prediction->bindings.join(QStringLiteral(", ")), actualBindings->join(QStringLiteral(", ")));
    if (result.prediction && result.prediction->status == 200 && !actualErrors.isEmpty())
        why << QStringLiteral("the endpoint reported: %1").arg(actualErrors.join(QStringLiteral("; ")));
    return why.join(QStringLiteral("; "));
}

std::unique_ptr<ReplayResultsModel> makeReplayResultsModel(QObject *parent)
{
    using R = ReplayRow;
    auto cell = [](std::function<QVariant(const R &)> display) {
        return [display](const R &r, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return display(r);
            if (role == Qt::BackgroundRole && r.diverged())
                return QColor(0xff, 0xdd, 0xdd);
            if (role == Qt::ToolTipRole && r.diverged())
                return r.divergence();
            return {};
        };
    };
    std::vector<ReplayResultsModel::Column> columns{
        {QObject::tr("#"), cell([](const R &r) { return QVariant(r.result.index + 1); })},
        {QObject::tr("Event"), cell([](const R &r) { return QVariant(r.result.record.ns + QLatin1Char('/') + r.result.record.discriminator); })},
        {QObject::tr("Code"), cell([](const R &r) {
             return r.result.status ? QVariant(r.result.status) : QVariant(net::netErrorKindName(r.result.error));
         })},
        {QObject::tr("Predicted"), cell([](const R &r) {
             if (!r.result.prediction)
                 return QVariant(QObject::tr("—"));
             return QVariant(QStringLiteral("%1 %2").arg(r.result.prediction->status).arg(r.result.prediction->bindings.join(QStringLiteral(", "))));
         })},
        {QObject::tr("Actual bindings"), cell([](const R &r) {
             if (!r.actualBindings)
                 return QVariant(QObject::tr("—"));
             return QVariant(r.actualBindings->join(QStringLiteral(", "))
                             + (r.actualErrors.isEmpty() ? QString() : QObject::tr(" (%n failed)", nullptr, int(r.actualErrors.size()))));
         })},
        {QObject::tr("Latency"), cell([](const R &r) { return QVariant(QStringLiteral("%1 ms").arg(double(r.result.latencyUs) / 1000.0, 0, 'f', 1)); })},
        {QObject::tr("Tries"), cell([](const R &r) { return QVariant(r.result.attempts); })},
        {QObject::tr("Divergence / message"), cell([](const R &r) {
             const QString d = r.divergence();
             return QVariant(d.isEmpty() ? r.result.message : d);
         })},
    };
    auto model = std::make_unique<ReplayResultsModel>(std::move(columns), parent);
    model->setLimit(100'000);
    return model;
}

std::unique_ptr<ReplayEventsModel> makeReplayEventsModel(QObject *parent)
{
    using C = net::CaptureRecord;
    std::vector<ReplayEventsModel::Column> columns{
        {QObject::tr("Time"), [](const C &c, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(c.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))) : QVariant();
         }},
        {QObject::tr("Event"), [](const C &c, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(c.ns + QLatin1Char('/') + c.discriminator) : QVariant();
         }},
        {QObject::tr("Body"), [](const C &c, int role) -> QVariant {
             return role == Qt::DisplayRole ? QVariant(QObject::tr("%1 bytes").arg(c.body.size())) : QVariant();
         }},
    };
    auto model = std::make_unique<ReplayEventsModel>(std::move(columns), parent);
    model->setLimit(1'000'000);
    return model;
}

ReplayConsole::ReplayConsole(QWidget *parent)
    : QWidget(parent)
    , m_engine(new net::ReplayEngine(this))
    , m_results(makeReplayResultsModel())
    , m_events(makeReplayEventsModel())
{
    setObjectName(QStringLiteral("replayConsole"));
    setAcceptDrops(true);
    qRegisterMetaType<net::ReplayResult>();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Target:"), this));
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setMinimumContentsLength(16);
    m_target->addItem(kLocal);
    top->addWidget(m_target);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Rate"), this));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setRange(0, 100'000);
    m_rate->setDecimals(1);
    m_rate->setSpecialValueText(tr("unlimited"));
    m_rate->setSuffix(tr(" /s"));
    top->addWidget(m_rate);
    top->addWidget(new QLabel(tr("Concurrency"), this));
    m_concurrency = new QSpinBox(this);
    m_concurrency->setRange(1, 256);
    m_concurrency->setValue(4);
    top->addWidget(m_concurrency);
    m_resign = new QCheckBox(tr("Re-sign webhooks"), this);
    m_resign->setToolTip(tr("Recompute GitHub signatures / GitLab tokens with the target's webhook secret"));
    top->addWidget(m_resign);
    m_secret = new QLineEdit(this);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("secret (else the target's)"));
    m_secret->setEnabled(false);
    top->addWidget(m_secret);
    m_compare = new QCheckBox(tr("Compare Workflows"), this);
    m_compare->setObjectName(QStringLiteral("compareWorkflows"));
    m_compare->setChecked(false); // it sends one event at a time: the user's concurrency would be ignored
    m_compare->setToolTip(tr("After each answer, list the Workflows the target created for the event and compare "
                             "them with the prediction (bindings, count, template, parameters). Workflows name "
                             "their binding, not their event, so events are then sent one at a time."));
    top->addWidget(m_compare);
    top->addStretch(1);
    layout->addLayout(top);

    auto *split = new QSplitter(Qt::Horizontal, this);
    // Left: what to send.
    auto *sources = new QWidget(split);
    auto *sv = new QVBoxLayout(sources);
    sv->setContentsMargins(0, 0, 0, 0);
    sv->addWidget(new QLabel(tr("Workspace events"), sources));
    m_workspaceEvents = new QListWidget(sources);
    m_workspaceEvents->setObjectName(QStringLiteral("workspaceEvents"));
    m_workspaceEvents->setSelectionMode(QAbstractItemView::ExtendedSelection);
    sv->addWidget(m_workspaceEvents, 1);
    auto *wsButtons = new QHBoxLayout;
    m_send = new QPushButton(tr("Send selected"), sources);
    m_send->setObjectName(QStringLiteral("sendSelected"));
    auto *addToReplay = new QPushButton(tr("Add to replay list"), sources);
    wsButtons->addWidget(m_send);
    wsButtons->addWidget(addToReplay);
    sv->addLayout(wsButtons);
    sv->addWidget(new QLabel(tr("Replay list (drop capture files here)"), sources));
    m_eventsView = table(m_events.get(), sources);
    m_eventsView->setObjectName(QStringLiteral("replayEvents"));
    sv->addWidget(m_eventsView, 2);
    auto *listButtons = new QHBoxLayout;
    auto *import = new QPushButton(tr("Import…"), sources);
    auto *clear = new QPushButton(tr("Clear"), sources);
    listButtons->addWidget(import);
    listButtons->addWidget(clear);
    sv->addLayout(listButtons);
    split->addWidget(sources);

    // Right: run and results.
    auto *run = new QWidget(split);
    auto *rv = new QVBoxLayout(run);
    rv->setContentsMargins(0, 0, 0, 0);
    auto *controls = new QHBoxLayout;
    m_replay = new QPushButton(tr("Replay"), run);
    m_replay->setObjectName(QStringLiteral("startReplay"));
    m_pause = new QPushButton(tr("Pause"), run);
    m_resume = new QPushButton(tr("Resume"), run);
    m_stop = new QPushButton(tr("Stop"), run);
    m_progress = new QProgressBar(run);
    m_progress->setObjectName(QStringLiteral("replayProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Idle"), run);
    m_status->setObjectName(QStringLiteral("replayStatus"));
    controls->addWidget(m_replay);
    controls->addWidget(m_pause);
    controls->addWidget(m_resume);
    controls->addWidget(m_stop);
    controls->addWidget(m_progress, 1);
    rv->addLayout(controls);
    rv->addWidget(m_status);
    auto *resultsSplit = new QSplitter(Qt::Vertical, run);
    m_resultsView = table(m_results.get(), resultsSplit);
    m_resultsView->setObjectName(QStringLiteral("replayResults"));
    for (const auto &[column, width] : {std::pair{0, 56}, {1, 150}, {2, 56}, {3, 170}, {4, 190}, {5, 80}, {6, 48}})
        m_resultsView->setColumnWidth(column, width);
    m_detail = new QPlainTextEdit(resultsSplit);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a result: predicted (local dispatcher on the workspace) beside actual"));
    resultsSplit->addWidget(m_resultsView);
    resultsSplit->addWidget(m_detail);
    resultsSplit->setStretchFactor(0, 3);
    resultsSplit->setStretchFactor(1, 1);
    rv->addWidget(resultsSplit, 1);
    split->addWidget(run);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(m_resign, &QCheckBox::toggled, m_secret, &QWidget::setEnabled);
    connect(m_send, &QPushButton::clicked, this, &ReplayConsole::sendSelectedEvents);
    connect(addToReplay, &QPushButton::clicked, this, [this] {
        QList<net::CaptureRecord> records;
        for (QListWidgetItem *item : m_workspaceEvents->selectedItems())
            if (auto entry = m_snapshot.file(item->data(Qt::UserRole).toString()); entry && entry->event)
                records << recordFromEvent(*entry->event);
        addReplayEvents(records);
    });
    connect(import, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import captures"), {},
                                                                tr("Captures (*.ndjson *.jsonl *.har *.http *.txt *.sh *.json);;All files (*)"));
        for (const QString &f : files)
            importFile(f);
    });
    connect(clear, &QPushButton::clicked, this, [this] { m_events->clear(); });
    connect(m_replay, &QPushButton::clicked, this, &ReplayConsole::startReplay);
    connect(m_pause, &QPushButton::clicked, m_engine, &net::ReplayEngine::pause);
    connect(m_resume, &QPushButton::clicked, m_engine, &net::ReplayEngine::resume);
    connect(m_stop, &QPushButton::clicked, m_engine, &net::ReplayEngine::stop);
    connect(m_engine, &net::ReplayEngine::eventFinished, this, &ReplayConsole::onFinished);
    connect(m_engine, &net::ReplayEngine::progress, this, &ReplayConsole::onProgress);
    connect(m_engine, &net::ReplayEngine::stateChanged, this, &ReplayConsole::onState);
    connect(m_resultsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReplayConsole::showDetail);
    onState(net::ReplayEngine::State::Idle);
}

ReplayConsole::~ReplayConsole() = default;

void ReplayConsole::setTargets(const QStringList &names)
{
    const QString current = m_target->currentText();
    m_target->clear();
    m_target->addItem(kLocal);
    m_target->addItems(names);
    setCurrentTarget(current);
}

void ReplayConsole::setCurrentTarget(const QString &name)
{
    const int i = m_target->findText(name);
    m_target->setCurrentIndex(i < 0 ? 0 : i);
}

void ReplayConsole::setWorkspaceSnapshot(const workspace::WorkspaceSnapshot &snapshot)
{
    QStringList selected;
    for (QListWidgetItem *item : m_workspaceEvents->selectedItems())
        selected << item->data(Qt::UserRole).toString();
    m_snapshot = snapshot;
    m_workspaceEvents->clear();
    if (snapshot.isNull())
        return;
    for (const workspace::WorkspaceSnapshot::Entry &e : snapshot.events()) {
        auto *item = new QListWidgetItem(e->event ? QStringLiteral("%1  (%2/%3)").arg(e->event->name, e->event->namespaceName, e->event->discriminator)
                                                  : e->path + tr(" — does not parse"),
                                         m_workspaceEvents);
        item->setData(Qt::UserRole, e->path);
        item->setToolTip(e->path);
        if (!e->event)
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        item->setSelected(selected.contains(e->path));
    }
}

void ReplayConsole::selectWorkspaceEvents(const QStringList &paths)
{
    for (int i = 0; i < m_workspaceEvents->count(); ++i)
        m_workspaceEvents->item(i)->setSelected(paths.contains(m_workspaceEvents->item(i)->data(Qt::UserRole).toString()));
}

bool ReplayConsole::importFile(const QString &path, QString *message)
{
    const net::ImportResult result = net::importCaptureFile(path, net::CaptureFormat::Auto);
    QString text;
    if (result.unreadable) {
        text = tr("%1: cannot import: %2").arg(QFileInfo(path).fileName(),
                                               result.skipped.isEmpty() ? tr("unknown format") : result.skipped.first().toString());
    } else {
        addReplayEvents(result.records);
        text = tr("%1: %2 events imported (%3)").arg(QFileInfo(path).fileName()).arg(result.records.size()).arg(net::captureFormatName(result.format));
        if (!result.skipped.isEmpty())
            text += tr(", %1 skipped — first: %2").arg(result.skipped.size()).arg(result.skipped.first().toString());
    }
    m_status->setText(text);
    emit this->message(text);
    if (message)
        *message = text;
    return !result.unreadable;
}

void ReplayConsole::addReplayEvents(const QList<net::CaptureRecord> &records)
{
    QList<net::CaptureRecord> events;
    for (const net::CaptureRecord &r : records)
        if (r.kind == net::CaptureRecord::Kind::Event)
            events << r;
    m_events->append(events);
}

void ReplayConsole::sendSelectedEvents()
{
    QList<net::CaptureRecord> records;
    for (QListWidgetItem *item : m_workspaceEvents->selectedItems())
        if (auto entry = m_snapshot.file(item->data(Qt::UserRole).toString()); entry && entry->event)
            records << recordFromEvent(*entry->event);
    if (records.isEmpty()) {
        m_status->setText(tr("Select one or more workspace events to send"));
        return;
    }
    send(records);
}

void ReplayConsole::send(const QList<net::CaptureRecord> &records)
{
    run(records, false);
}

void ReplayConsole::startReplay()
{
    if (m_events->rows().isEmpty()) {
        m_status->setText(tr("The replay list is empty: import a capture or add workspace events"));
        return;
    }
    run(m_events->rows(), true);
}

void ReplayConsole::setReplayOptions(double rate, int concurrency)
{
    m_rate->setValue(rate);
    m_concurrency->setValue(concurrency);
}

void ReplayConsole::setResign(bool on, const QByteArray &secret)
{
    m_resign->setChecked(on);
    m_secret->setText(QString::fromUtf8(secret));
}

void ReplayConsole::setCompareWorkflows(bool on)
{
    m_compare->setChecked(on);
}

void ReplayConsole::run(QList<net::CaptureRecord> records, bool replay)
{
    if (m_engine->state() == net::ReplayEngine::State::Running || m_engine->state() == net::ReplayEngine::State::Paused) {
        m_status->setText(tr("A run is in progress: stop it first"));
        return;
    }
    if (!m_resolver) {
        m_status->setText(tr("No target available"));
        return;
    }
    const QString targetName = m_target->currentText();
    const double rate = replay ? m_rate->value() : 0;
    const int concurrency = m_concurrency->value();
    const bool resign = m_resign->isChecked();
    const bool compare = m_compare->isChecked() && m_dispatcher;
    const QByteArray typedSecret = m_secret->text().toUtf8();
    m_status->setText(tr("Connecting to %1…").arg(targetName));
    m_resolver(targetName, [=, this, records = std::move(records)](std::optional<SendTarget> target, QString error) {
        if (!target) {
            m_status->setText(error);
            emit message(error);
            return;
        }
        net::ReplayOptions options;
        options.connection = target->connection;
        options.rate = rate;
        options.concurrency = concurrency;
        options.maxRetries503 = replay ? 5 : 0; // a post shows the 503 as it is
        options.compareWorkflows = compare;
        if (resign) {
            const QByteArray secret = typedSecret.isEmpty() ? target->webhookSecret : typedSecret;
            options.resign.githubSecret = secret;
            options.resign.gitlabToken = secret;
        }
        m_runningTarget = target->name;
        m_runningLocal = target->local;
        // The prediction uses the catalog as it is now, for the whole run.
        if (auto dispatcher = m_dispatcher)
            m_engine->setPredictor([dispatcher](const net::CaptureRecord &r) -> std::optional<net::ReplayPrediction> { return predict(*dispatcher, r); });
        else
            m_engine->setPredictor({});
        m_engine->setOptions(options);
        m_engine->setEvents(records);
        m_results->clear();
        m_awaitingActual.clear();
        m_diverged = 0;
        m_progress->setRange(0, int(std::max<qsizetype>(1, records.size())));
        m_progress->setValue(0);
        QString startError;
        if (!m_engine->start(&startError)) {
            m_status->setText(startError);
            emit message(startError);
        }
    });
}

void ReplayConsole::onFinished(const net::ReplayResult &result)
{
    ReplayRow row;
    row.result = result;
    if (m_runningLocal && m_actualLookup)
        if (auto actual = m_actualLookup(result.record)) {
            row.actualBindings = actual->matchedBindings;
            row.actualErrors = actual->bindingErrors;
        }
    if (m_runningLocal && !row.actualBindings && result.status >= 200 && result.status < 300)
        m_awaitingActual[EndpointHost::fingerprint(result.record)].append(int(m_results->rows().size()));
    m_diverged += row.diverged() ? 1 : 0;
    m_results->append(row);
    HistoryEntry entry;
    entry.direction = HistoryEntry::Direction::Sent;
    entry.record = result.record;
    entry.status = result.status;
    entry.target = m_runningTarget;
    if (row.actualBindings)
        entry.bindings = *row.actualBindings;
    else if (result.prediction)
        entry.bindings = result.prediction->bindings;
    entry.error = result.status >= 200 && result.status < 300 ? QString() : result.message;
    emit eventSent(entry);
}

void ReplayConsole::onProgress(int done, int total, double rate, qint64 etaMs)
{
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    const net::ReplayStats s = m_engine->stats();
    m_status->setText(tr("%1/%2 done · %3/s · ETA %4 · 2xx %5 · 4xx %6 · 5xx %7 · failed %8 · 503 retries %9 · diverged %10")
                          .arg(done).arg(total).arg(rate, 0, 'f', 1).arg(eta(etaMs)).arg(s.ok2xx).arg(s.client4xx)
                          .arg(s.server5xx).arg(s.failed).arg(s.retried503).arg(m_diverged));
}

void ReplayConsole::onState(net::ReplayEngine::State state)
{
    using S = net::ReplayEngine::State;
    const bool active = state == S::Running || state == S::Paused;
    m_replay->setEnabled(!active);
    m_send->setEnabled(!active);
    m_pause->setEnabled(state == S::Running);
    m_resume->setEnabled(state == S::Paused || state == S::Stopped);
    m_stop->setEnabled(active);
    if (state == S::Finished)
        onProgress(m_engine->stats().sent, m_engine->stats().total, m_engine->stats().ratePerSecond, 0);
}

void ReplayConsole::noteActualOutcome(const net::CaptureRecord &record, const net::DispatchOutcome &outcome)
{
    const auto it = m_awaitingActual.find(EndpointHost::fingerprint(record));
    if (it == m_awaitingActual.end())
        return;
    const int index = it->takeFirst();
    if (it->isEmpty())
        m_awaitingActual.erase(it);
    if (index < 0 || index >= m_results->rowCount())
        return;
    ReplayRow row = m_results->row(index);
    const bool before = row.diverged();
    row.actualBindings = outcome.matchedBindings;
    row.actualErrors = outcome.bindingErrors;
    m_diverged += int(row.diverged()) - int(before);
    m_results->replace(index, row);
}

QString ReplayConsole::statusText() const
{
    return m_status->text();
}

void ReplayConsole::showDetail(const QModelIndex &index)
{
    if (!index.isValid()) {
        m_detail->clear();
        return;
    }
    const ReplayRow &row = m_results->row(index.row());
    const net::ReplayResult &r = row.result;
    QStringList lines;
    lines << tr("Event %1: POST /api/v1/events/%2/%3").arg(r.index + 1).arg(r.record.ns, r.record.discriminator);
    if (r.prediction)
        lines << tr("Predicted: HTTP %1 · bindings [%2] · templates [%3]")
                     .arg(r.prediction->status)
                     .arg(r.prediction->bindings.join(QStringLiteral(", ")), r.prediction->workflows.join(QStringLiteral(", ")));
    else
        lines << tr("Predicted: — (no workspace catalog)");
    lines << tr("Actual:    HTTP %1 · bindings %2 · %3 attempt(s) · %4 ms")
                 .arg(r.status ? QString::number(r.status) : net::netErrorKindName(r.error))
                 .arg(row.actualBindings ? QLatin1Char('[') + row.actualBindings->join(QStringLiteral(", ")) + QLatin1Char(']')
                                         : tr("unknown (only the hosted endpoint reports them)"))
                 .arg(r.attempts)
                 .arg(double(r.latencyUs) / 1000.0, 0, 'f', 1);
    for (const QString &e : row.actualErrors)
        lines << tr("           %1").arg(e);
    if (r.prediction && !r.prediction->expected.isEmpty()) {
        lines << tr("Predicted Workflows:");
        for (const net::WorkflowSummary &w : r.prediction->expected)
            lines << QStringLiteral("  ") + net::describeWorkflow(w);
    }
    if (r.actualWorkflows) {
        lines << tr("Workflows the target created: %1").arg(r.actualWorkflows->size());
        for (const net::WorkflowSummary &w : *r.actualWorkflows)
            lines << QStringLiteral("  %1: %2").arg(w.name, net::describeWorkflow(w));
    } else if (!r.lookupError.isEmpty()) {
        lines << tr("Workflows the target created: unknown (%1)").arg(r.lookupError);
    }
    if (row.diverged())
        lines << tr("DIVERGED: %1").arg(row.divergence());
    if (!r.message.isEmpty())
        lines << tr("Message: %1").arg(r.message);
    lines << QString() << tr("Response body:") << QString::fromUtf8(r.responseBody);
    m_detail->setPlainText(lines.join(QLatin1Char('\n')));
}

void ReplayConsole::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void ReplayConsole::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            importFile(url.toLocalFile());
    event->acceptProposedAction();
}

} // namespace bindery::ui
