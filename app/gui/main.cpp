// SPDX-License-Identifier: Apache-2.0
// bindery: the desktop studio.
#include "bindery_version.h"
#include "ui/app_settings.h"
#include "ui/main_window.h"
#include "workspace/workspace_locator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bindery"));
    QApplication::setOrganizationName(QStringLiteral("Bindery"));
    QApplication::setApplicationVersion(QStringLiteral(BINDERY_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral(BINDERY_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A studio for Argo Workflows events and bindings."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"),
                                 QStringLiteral("The workspace folder to open (default: the last one, or the example)."));
    parser.process(app);

    bindery::ui::AppSettings settings;
    bindery::ui::MainWindow window(settings);

    QString workspace = parser.positionalArguments().value(0);
    if (workspace.isEmpty())
        workspace = settings.lastWorkspace();
    if (workspace.isEmpty() || !bindery::workspace::WorkspaceLocator::isWorkspace(workspace))
        workspace = bindery::workspace::WorkspaceLocator::exampleWorkspace(QApplication::applicationDirPath());
    if (!workspace.isEmpty())
        window.openWorkspace(workspace);

    window.show();
    return app.exec();
}
