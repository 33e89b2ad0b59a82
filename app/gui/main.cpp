// SPDX-License-Identifier: Apache-2.0
// bindery: the desktop studio.
#include "bindery_version.h"
#include "ui/app_settings.h"
#include "ui/live_results.h"
#include "ui/main_window.h"
#include "workspace/workspace.h"
#include "workspace/workspace_locator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIcon>
#include <QFile>
#include <QTimer>

#include <cstdio>

namespace {

// Resident memory in MB (Linux), for --measure-startup.
double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bindery"));
    QApplication::setOrganizationName(QStringLiteral("Bindery"));
    QApplication::setApplicationVersion(QStringLiteral(BINDERY_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral(BINDERY_APP_ID));
    // The icon installed in the hicolor theme under the application id (X11 has no desktop-file lookup).
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(BINDERY_APP_ID)));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A studio for Argo Workflows events and bindings."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption measure(QStringLiteral("measure-startup"),
                                     QStringLiteral("Print the time to the first window and to the first results, "
                                                    "and the resident memory, then quit."));
    parser.addOption(measure);
    parser.addPositionalArgument(QStringLiteral("workspace"),
                                 QStringLiteral("The workspace folder to open (default: the last one, or the example)."));
    parser.process(app);

    bindery::ui::AppSettings settings;
    bindery::ui::MainWindow window(settings);

    QString workspace = parser.positionalArguments().value(0);
    // The desktop file passes a file (%f): a workspace's index file stands for its folder.
    if (QFileInfo(workspace).isFile()
        && QFileInfo(workspace).fileName() == bindery::workspace::WorkspaceLocator::indexFileName())
        workspace = QFileInfo(workspace).absolutePath();
    if (workspace.isEmpty())
        workspace = settings.lastWorkspace();
    if (workspace.isEmpty() || !bindery::workspace::WorkspaceLocator::isWorkspace(workspace))
        workspace = bindery::workspace::WorkspaceLocator::exampleWorkspace(QApplication::applicationDirPath());
    if (!workspace.isEmpty())
        window.openWorkspace(workspace);

    window.show();
    if (parser.isSet(measure)) {
        const qint64 shown = sinceStart.elapsed();
        QObject::connect(window.liveResults(), &bindery::ui::LiveResults::evaluated, &app, [&] {
            // Let the results paint before reading the clock and the memory.
            QTimer::singleShot(0, &app, [&] {
                std::printf("events: %lld\nfirst window: %lld ms\nfirst results: %lld ms\nresident: %.1f MB\n",
                            static_cast<long long>(window.workspace().snapshot().events().size()),
                            static_cast<long long>(shown), static_cast<long long>(sinceStart.elapsed()),
                            residentMegabytes());
                std::fflush(stdout);
                app.quit();
            });
        });
    }
    return app.exec();
}
