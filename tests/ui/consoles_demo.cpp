// SPDX-License-Identifier: Apache-2.0
// A scripted demo of the consoles for screenshots (not a test): hosts the endpoint on a temporary
// workspace and replays a capture into it until killed. `consoles_demo [endpoint|replay|history]`
// chooses the dock in front. Run under Xvfb with /work/shared/tools/shot.
#include "ui/consoles/consoles_controller.h"
#include "ui/consoles/endpoint_console.h"
#include "ui/consoles/endpoint_host.h"
#include "ui/consoles/replay_console.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

using namespace bindery;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString front = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("replay");
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("ws"));
    QString error;
    if (!workspace::Workspace::create(root, QStringLiteral("demo"), &error))
        qFatal("%s", qPrintable(error));
    QFile m(root + QStringLiteral("/manifests/push.yaml"));
    if (!m.open(QIODevice::WriteOnly))
        qFatal("cannot write the manifest");
    m.write("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: build\nspec:\n"
            "  entrypoint: main\n  arguments:\n    parameters:\n      - name: repo\n  templates:\n    - name: main\n"
            "      container:\n        image: alpine\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\n"
            "metadata:\n  name: on-push\nspec:\n  event:\n    selector: payload.action == \"push\"\n  submit:\n"
            "    workflowTemplateRef:\n      name: build\n    arguments:\n      parameters:\n        - name: repo\n"
            "          valueFrom:\n            event: payload.repo\n");
    m.close();
    workspace::Workspace ws;
    if (!ws.open(root, &error))
        qFatal("%s", qPrintable(error));

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Bindery — consoles demo"));
    window.menuBar()->addMenu(QStringLiteral("&File"))->addSeparator();
    window.menuBar()->addMenu(QStringLiteral("&Help"));
    auto *editors = new QLabel(QStringLiteral("(editors)"));
    editors->setAlignment(Qt::AlignCenter);
    editors->setMaximumHeight(80);
    window.setCentralWidget(editors);
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    ui::ConsolesController consoles(&ws, &settings);
    consoles.installInto(&window);
    window.resize(1600, 1000);
    window.move(0, 0);
    window.show();
    const QString dock = front == QStringLiteral("endpoint") ? QStringLiteral("endpointConsoleDock")
                         : front == QStringLiteral("history") ? QStringLiteral("historyViewDock")
                         : front == QStringLiteral("targets") ? QStringLiteral("targetsViewDock")
                                                              : QStringLiteral("replayConsoleDock");
    window.findChild<QDockWidget *>(dock)->raise();
    window.resizeDocks({window.findChild<QDockWidget *>(dock)}, {900}, Qt::Vertical);

    ui::EndpointSettings s;
    s.port = 0;
    s.async = true;
    s.queueSize = 64;
    s.workers = 2;
    consoles.endpointConsole()->setSettings(s);
    if (!consoles.endpointConsole()->startHosting())
        qFatal("cannot host: %s", qPrintable(consoles.endpointConsole()->errorText()));
    consoles.host()->setFaults({false, 15, {}});

    QList<net::CaptureRecord> records;
    for (int i = 0; i < 3000; ++i) {
        net::CaptureRecord r;
        r.time = QDateTime::currentDateTimeUtc();
        r.ns = QStringLiteral("argo");
        r.discriminator = QStringLiteral("demo");
        r.headers = {{"Content-Type", "application/json"}};
        r.body = "{\"action\": \"" + QByteArray(i % 4 ? "push" : "pull") + "\", \"repo\": \"repo-" + QByteArray::number(i % 7) + "\"}";
        records << r;
    }
    consoles.replayConsole()->addReplayEvents(records);
    consoles.replayConsole()->setReplayOptions(120, 8);
    consoles.replayConsole()->startReplay();
    // Now and then the binding fails: divergences show in the results.
    QTimer faults;
    int tick = 0;
    QObject::connect(&faults, &QTimer::timeout, [&] {
        ++tick;
        consoles.host()->setFaults({false, 15, tick % 3 == 1 ? QStringLiteral("on-push") : QString()});
    });
    faults.start(700);
    // Follow the results and show the latest divergence in the detail pane.
    QTimer follow;
    QObject::connect(&follow, &QTimer::timeout, [&] {
        auto *results = consoles.replayConsole()->results();
        for (int i = results->rowCount() - 1; i >= 0 && i >= results->rowCount() - 50; --i)
            if (results->row(i).diverged()) {
                consoles.replayConsole()->resultsView()->setCurrentIndex(results->index(i, 0));
                break;
            }
        consoles.replayConsole()->resultsView()->scrollToBottom();
    });
    follow.start(500);
    return app.exec();
}
