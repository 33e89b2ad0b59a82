// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/consoles/endpoint_host.h"

#include <QWidget>

class QCheckBox;
class QChartView;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

namespace bindery::ui {

// Host mode: the endpoint's settings, start/stop, URL and curl, live counters, charts, the request
// log, the submissions, and the simulated faults. Everything it shows comes from EndpointHost.
class EndpointConsole : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointConsole(EndpointHost *host, QWidget *parent = nullptr);

    EndpointSettings settings() const;
    void setSettings(const EndpointSettings &settings);
    // The event the curl command posts.
    void setSampleEvent(const net::CaptureRecord &record);

    bool startHosting(); // validates the settings first; errors are shown in the console
    void stopHosting();

    QString counterText(const QString &name) const; // "received", "2xx", "4xx", "503", "5xx", "processed", "workflows", "bindingErrors"
    QTableView *requestLogView() const { return m_logView; }
    QTableView *submissionsView() const { return m_submissionsView; }
    QPlainTextEdit *workflowYaml() const { return m_yaml; }
    QString errorText() const;

signals:
    // The user asked to open a received event in the editors.
    void openEventRequested(const bindery::ui::ReceivedEvent &event);

private:
    QWidget *buildSettings();
    QWidget *buildFaults();
    QWidget *buildTraffic();
    void refreshCounters();
    void refreshRunning(bool running);
    void addSample(const EndpointHost::Sample &sample);
    void applyFaults();

    EndpointHost *m_host;
    net::CaptureRecord m_sample;
    QLineEdit *m_address, *m_cert, *m_key, *m_tokens, *m_webhooks, *m_journal;
    QSpinBox *m_port, *m_queue, *m_workers, *m_maxBodyKiB;
    QCheckBox *m_async, *m_insecureListen;
    QCheckBox *m_stall, *m_failBindingOn;
    QSpinBox *m_latency;
    QLineEdit *m_failBinding;
    QPushButton *m_start, *m_stop;
    QLabel *m_status, *m_errors;
    QLineEdit *m_url, *m_curl;
    QHash<QString, QLabel *> m_counters;
    QTableView *m_logView, *m_submissionsView;
    QPlainTextEdit *m_yaml;
    QLineSeries *m_depthSeries, *m_rateSeries;
    QDateTimeAxis *m_depthX, *m_rateX;
    QValueAxis *m_depthY, *m_rateY;
};

} // namespace bindery::ui
