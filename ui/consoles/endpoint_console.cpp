// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/endpoint_console.h"

#include "ui/consoles/hosted_catalog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QScrollBar>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <cmath>

namespace bindery::ui {

namespace {

const QList<std::pair<QString, QString>> kCounters{
    {QStringLiteral("received"), QStringLiteral("Received")},   {QStringLiteral("2xx"), QStringLiteral("2xx")},
    {QStringLiteral("4xx"), QStringLiteral("4xx")},             {QStringLiteral("503"), QStringLiteral("503")},
    {QStringLiteral("5xx"), QStringLiteral("5xx")},             {QStringLiteral("processed"), QStringLiteral("Processed")},
    {QStringLiteral("workflows"), QStringLiteral("Workflows")}, {QStringLiteral("bindingErrors"), QStringLiteral("Binding errors")},
    {QStringLiteral("queue"), QStringLiteral("Queue")},
};

QLineEdit *fileEdit(const QString &placeholder, QWidget *parent)
{
    auto *e = new QLineEdit(parent);
    e->setPlaceholderText(placeholder);
    e->setClearButtonEnabled(true);
    return e;
}

QSpinBox *spin(int min, int max, int value, QWidget *parent)
{
    auto *s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setValue(value);
    return s;
}

QTableView *tableView(QAbstractItemModel *model, QWidget *parent)
{
    auto *v = new QTableView(parent);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->verticalHeader()->hide();
    v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 6);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setWordWrap(false);
    return v;
}

QChartView *chart(const QString &title, QLineSeries **series, QDateTimeAxis **x, QValueAxis **y, QWidget *parent)
{
    auto *c = new QChart;
    c->setTitle(title);
    c->legend()->hide();
    c->setMargins(QMargins(2, 2, 2, 2));
    *series = new QLineSeries(c);
    c->addSeries(*series);
    *x = new QDateTimeAxis(c);
    (*x)->setFormat(QStringLiteral("HH:mm:ss"));
    (*x)->setTickCount(4);
    *y = new QValueAxis(c);
    (*y)->setLabelFormat(QStringLiteral("%d"));
    (*y)->setRange(0, 1);
    c->addAxis(*x, Qt::AlignBottom);
    c->addAxis(*y, Qt::AlignLeft);
    (*series)->attachAxis(*x);
    (*series)->attachAxis(*y);
    auto *view = new QChartView(c, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(140);
    view->setMinimumWidth(240);
    return view;
}

} // namespace

EndpointConsole::EndpointConsole(EndpointHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("endpointConsole"));
    // Until the workspace offers an event, the curl command posts an empty object.
    m_sample.ns = QStringLiteral("argo");
    m_sample.discriminator = QStringLiteral("example");
    m_sample.headers = {{"Content-Type", "application/json"}};
    m_sample.body = "{}";
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *bar = new QHBoxLayout;
    m_start = new QPushButton(tr("Start hosting"), this);
    m_start->setObjectName(QStringLiteral("startHosting"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopHosting"));
    m_status = new QLabel(tr("Stopped"), this);
    m_url = new QLineEdit(this);
    m_url->setReadOnly(true);
    m_url->setPlaceholderText(tr("URL (when hosting)"));
    auto *copyUrl = new QPushButton(tr("Copy URL"), this);
    m_curl = new QLineEdit(this);
    m_curl->setReadOnly(true);
    m_curl->setPlaceholderText(tr("curl command (when hosting)"));
    auto *copyCurl = new QPushButton(tr("Copy curl"), this);
    bar->addWidget(m_start);
    bar->addWidget(m_stop);
    bar->addWidget(m_status);
    bar->addWidget(m_url, 1);
    bar->addWidget(copyUrl);
    bar->addWidget(m_curl, 2);
    bar->addWidget(copyCurl);
    layout->addLayout(bar);
    m_errors = new QLabel(this);
    m_errors->setObjectName(QStringLiteral("endpointErrors"));
    m_errors->setStyleSheet(QStringLiteral("color: #c62828"));
    m_errors->setWordWrap(true);
    m_errors->hide();
    layout->addWidget(m_errors);

    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *left = new QTabWidget(split);
    left->addTab(buildSettings(), tr("Settings"));
    left->addTab(buildFaults(), tr("Simulate faults"));
    split->addWidget(left);
    split->addWidget(buildTraffic());
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_start, &QPushButton::clicked, this, &EndpointConsole::startHosting);
    connect(m_stop, &QPushButton::clicked, this, &EndpointConsole::stopHosting);
    connect(copyUrl, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_url->text()); });
    connect(copyCurl, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_curl->text()); });
    connect(m_host, &EndpointHost::countersChanged, this, &EndpointConsole::refreshCounters);
    connect(m_host, &EndpointHost::runningChanged, this, &EndpointConsole::refreshRunning);
    connect(m_host, &EndpointHost::sampled, this, &EndpointConsole::addSample);
    connect(m_host, &EndpointHost::catalogApplied, this, [this](quint64 revision, int bindings, int errors) {
        m_status->setToolTip(tr("Serving workspace revision %1: %2 bindings%3").arg(revision).arg(bindings)
                                 .arg(errors ? tr(", %1 manifest errors").arg(errors) : QString()));
    });
    refreshRunning(m_host->isRunning());
    refreshCounters();
}

QWidget *EndpointConsole::buildSettings()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    m_address = new QLineEdit(w);
    m_address->setObjectName(QStringLiteral("address"));
    m_port = spin(0, 65535, 2746, w);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setSpecialValueText(tr("any free port"));
    m_cert = fileEdit(tr("certificate PEM (HTTPS)"), w);
    m_key = fileEdit(tr("private key PEM"), w);
    m_async = new QCheckBox(tr("Async (queue + workers)"), w);
    m_async->setObjectName(QStringLiteral("async"));
    m_queue = spin(1, 1'000'000, 16, w);
    m_queue->setObjectName(QStringLiteral("queueSize"));
    m_workers = spin(1, 256, 4, w);
    m_workers->setObjectName(QStringLiteral("workers"));
    m_tokens = fileEdit(tr("none: every caller is anonymous"), w);
    m_webhooks = fileEdit(tr("none"), w);
    m_journal = fileEdit(tr("none"), w);
    m_maxBodyKiB = spin(1, 1024 * 1024, 2048, w);
    m_maxBodyKiB->setSuffix(tr(" KiB"));
    m_insecureListen = new QCheckBox(tr("Allow a non-loopback address without tokens"), w);
    form->addRow(tr("Address"), m_address);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("TLS certificate"), m_cert);
    form->addRow(tr("TLS key"), m_key);
    form->addRow(QString(), m_async);
    form->addRow(tr("Queue size"), m_queue);
    form->addRow(tr("Workers"), m_workers);
    form->addRow(tr("Tokens file"), m_tokens);
    form->addRow(tr("Webhook clients"), m_webhooks);
    form->addRow(tr("Journal"), m_journal);
    form->addRow(tr("Body limit"), m_maxBodyKiB);
    form->addRow(QString(), m_insecureListen);
    auto syncEnabled = [this] {
        m_queue->setEnabled(m_async->isChecked());
        m_workers->setEnabled(m_async->isChecked());
    };
    connect(m_async, &QCheckBox::toggled, this, syncEnabled);
    setSettings(EndpointSettings{});
    syncEnabled();
    return w;
}

QWidget *EndpointConsole::buildFaults()
{
    auto *w = new QWidget(this);
    auto *form = new QFormLayout(w);
    auto *note = new QLabel(tr("Rehearse failures while hosting. Faults act on the dispatch step only."), w);
    note->setWordWrap(true);
    form->addRow(note);
    m_stall = new QCheckBox(tr("Stall dispatch (async: the queue fills, then 503)"), w);
    m_stall->setObjectName(QStringLiteral("faultStall"));
    m_latency = spin(0, 60'000, 0, w);
    m_latency->setObjectName(QStringLiteral("faultLatency"));
    m_latency->setSuffix(tr(" ms"));
    m_failBindingOn = new QCheckBox(tr("Make a binding fail:"), w);
    m_failBinding = new QLineEdit(w);
    m_failBinding->setObjectName(QStringLiteral("faultBinding"));
    m_failBinding->setPlaceholderText(tr("binding name"));
    form->addRow(m_stall);
    form->addRow(tr("Added latency"), m_latency);
    form->addRow(m_failBindingOn, m_failBinding);
    connect(m_stall, &QCheckBox::toggled, this, &EndpointConsole::applyFaults);
    connect(m_latency, &QSpinBox::valueChanged, this, &EndpointConsole::applyFaults);
    connect(m_failBindingOn, &QCheckBox::toggled, this, &EndpointConsole::applyFaults);
    connect(m_failBinding, &QLineEdit::editingFinished, this, &EndpointConsole::applyFaults);
    return w;
}

QWidget *EndpointConsole::buildTraffic()
{
    auto *w = new QWidget(this);
    auto *v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    auto *grid = new QHBoxLayout;
    for (const auto &[key, title] : kCounters) {
        auto *box = new QLabel(w);
        box->setObjectName(QStringLiteral("counter_") + key);
        box->setAlignment(Qt::AlignCenter);
        box->setFrameShape(QFrame::StyledPanel);
        box->setMinimumWidth(64);
        box->setProperty("title", title);
        m_counters.insert(key, box);
        grid->addWidget(box);
    }
    v->addLayout(grid);

    auto *split = new QSplitter(Qt::Horizontal, w);
    auto *charts = new QSplitter(Qt::Vertical, split);
    charts->addWidget(chart(tr("Queue depth"), &m_depthSeries, &m_depthX, &m_depthY, charts));
    charts->addWidget(chart(tr("Requests / s"), &m_rateSeries, &m_rateX, &m_rateY, charts));
    split->addWidget(charts);

    auto *tabs = new QTabWidget(split);
    m_logView = tableView(m_host->requestLog(), tabs);
    m_logView->setObjectName(QStringLiteral("requestLog"));
    m_logView->setToolTip(tr("Double-click a request to open its event in the editors"));
    tabs->addTab(m_logView, tr("Requests"));
    auto *subs = new QSplitter(Qt::Horizontal, tabs);
    m_submissionsView = tableView(m_host->submissions(), subs);
    m_submissionsView->setObjectName(QStringLiteral("submissions"));
    m_yaml = new QPlainTextEdit(subs);
    m_yaml->setObjectName(QStringLiteral("workflowYaml"));
    m_yaml->setReadOnly(true);
    m_yaml->setPlaceholderText(tr("Select a submission to see its Workflow"));
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    subs->addWidget(m_submissionsView);
    subs->addWidget(m_yaml);
    tabs->addTab(subs, tr("Submissions"));
    split->addWidget(tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setSizes({360, 720});
    v->addWidget(split, 1);
    m_logView->setColumnWidth(0, 96);
    m_logView->setColumnWidth(1, 300);
    m_logView->setColumnWidth(2, 48);
    m_submissionsView->setColumnWidth(0, 200);

    connect(m_submissionsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_yaml->setPlainText(current.isValid() ? toYamlText(m_host->submissions()->row(current.row()).workflow) : QString());
    });
    connect(m_logView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const net::RequestRecord &r = m_host->requestLog()->row(index.row());
        if (auto event = m_host->receivedEvent(r.eventId))
            emit openEventRequested(*event);
        else
            m_errors->setText(tr("The event of this request was not kept (refused before dispatch, or too old)."));
        m_errors->setHidden(m_host->receivedEvent(r.eventId).has_value());
    });
    // Follow the log's tail unless the user scrolled away from it.
    connect(m_host->requestLog(), &QAbstractItemModel::rowsInserted, m_logView, [this] {
        if (m_logView->verticalScrollBar()->value() >= m_logView->verticalScrollBar()->maximum() - 2)
            QMetaObject::invokeMethod(m_logView, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });
    return w;
}

EndpointSettings EndpointConsole::settings() const
{
    EndpointSettings s;
    s.address = m_address->text().trimmed();
    s.port = m_port->value();
    s.certFile = m_cert->text().trimmed();
    s.keyFile = m_key->text().trimmed();
    s.async = m_async->isChecked();
    s.queueSize = m_queue->value();
    s.workers = m_workers->value();
    s.tokensFile = m_tokens->text().trimmed();
    s.webhookClientsFile = m_webhooks->text().trimmed();
    s.journalPath = m_journal->text().trimmed();
    s.maxBodyBytes = qint64(m_maxBodyKiB->value()) * 1024;
    s.insecureListen = m_insecureListen->isChecked();
    return s;
}

void EndpointConsole::setSettings(const EndpointSettings &s)
{
    m_address->setText(s.address);
    m_port->setValue(s.port);
    m_cert->setText(s.certFile);
    m_key->setText(s.keyFile);
    m_async->setChecked(s.async);
    m_queue->setValue(s.queueSize);
    m_workers->setValue(s.workers);
    m_tokens->setText(s.tokensFile);
    m_webhooks->setText(s.webhookClientsFile);
    m_journal->setText(s.journalPath);
    m_maxBodyKiB->setValue(int(std::max<qint64>(1, s.maxBodyBytes / 1024)));
    m_insecureListen->setChecked(s.insecureListen);
}

void EndpointConsole::setSampleEvent(const net::CaptureRecord &record)
{
    m_sample = record;
    m_curl->setText(m_host->curlCommand(m_sample));
}

bool EndpointConsole::startHosting()
{
    QStringList errors;
    const bool ok = m_host->start(settings(), &errors);
    m_errors->setText(errors.join(QLatin1Char('\n')));
    m_errors->setVisible(!ok);
    if (ok)
        applyFaults();
    return ok;
}

void EndpointConsole::stopHosting()
{
    m_host->stop();
}

QString EndpointConsole::counterText(const QString &name) const
{
    const QLabel *l = m_counters.value(name);
    return l ? l->property("value").toString() : QString();
}

QString EndpointConsole::errorText() const
{
    return m_errors->isHidden() ? QString() : m_errors->text();
}

void EndpointConsole::refreshCounters()
{
    const EndpointHost::Counters c = m_host->counters();
    const QHash<QString, QString> values{
        {QStringLiteral("received"), QString::number(c.received)},
        {QStringLiteral("2xx"), QString::number(c.ok2xx)},
        {QStringLiteral("4xx"), QString::number(c.client4xx)},
        {QStringLiteral("503"), QString::number(c.unavailable503)},
        {QStringLiteral("5xx"), QString::number(c.server5xx)},
        {QStringLiteral("processed"), QString::number(c.processed)},
        {QStringLiteral("workflows"), QString::number(c.workflows)},
        {QStringLiteral("bindingErrors"), QString::number(c.bindingErrors)},
        {QStringLiteral("queue"), c.queueCapacity ? QStringLiteral("%1/%2").arg(c.queueDepth).arg(c.queueCapacity) : tr("sync")},
    };
    for (auto it = m_counters.begin(); it != m_counters.end(); ++it) {
        const QString value = values.value(it.key());
        it.value()->setProperty("value", value);
        it.value()->setText(QStringLiteral("<small>%1</small><br><b>%2</b>").arg(it.value()->property("title").toString(), value));
    }
}

void EndpointConsole::refreshRunning(bool running)
{
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    const QUrl url = m_host->url();
    m_status->setText(running ? tr("Hosting") : tr("Stopped"));
    m_url->setText(running ? url.toString() : QString());
    m_curl->setText(running ? m_host->curlCommand(m_sample) : QString());
    for (QWidget *w : {static_cast<QWidget *>(m_address), static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_cert),
                       static_cast<QWidget *>(m_key), static_cast<QWidget *>(m_async), static_cast<QWidget *>(m_tokens),
                       static_cast<QWidget *>(m_webhooks), static_cast<QWidget *>(m_journal), static_cast<QWidget *>(m_maxBodyKiB)})
        w->setEnabled(!running);
    m_queue->setEnabled(!running && m_async->isChecked());
    m_workers->setEnabled(!running && m_async->isChecked());
    refreshCounters();
}

void EndpointConsole::addSample(const EndpointHost::Sample &sample)
{
    const qreal t = qreal(sample.time.toMSecsSinceEpoch());
    m_depthSeries->append(t, sample.queueDepth);
    m_rateSeries->append(t, sample.requestsPerSecond);
    for (QLineSeries *s : {m_depthSeries, m_rateSeries})
        if (s->count() > EndpointHost::kSampleWindow)
            s->removePoints(0, s->count() - EndpointHost::kSampleWindow);
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(qint64(m_depthSeries->at(0).x()));
    const QDateTime last = std::max(sample.time, first.addSecs(60));
    m_depthX->setRange(first, last);
    m_rateX->setRange(first, last);
    double maxDepth = 1, maxRate = 1;
    for (const QPointF &p : m_depthSeries->points())
        maxDepth = std::max(maxDepth, p.y());
    for (const QPointF &p : m_rateSeries->points())
        maxRate = std::max(maxRate, p.y());
    m_depthY->setRange(0, std::ceil(maxDepth * 1.1));
    m_rateY->setRange(0, std::ceil(maxRate * 1.1));
}

void EndpointConsole::applyFaults()
{
    net::FaultSettings f;
    f.stallDispatch = m_stall->isChecked();
    f.addedLatencyMs = m_latency->value();
    f.failingBinding = m_failBindingOn->isChecked() ? m_failBinding->text().trimmed() : QString();
    m_host->setFaults(f);
}

} // namespace bindery::ui
