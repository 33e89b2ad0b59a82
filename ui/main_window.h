// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMainWindow>

class QDockWidget;
class QTabWidget;

namespace bindery::ui {

class AppSettings;

// The studio's frame: wires docks, pages and actions. Views are their own classes; this class
// holds no business logic.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(AppSettings &settings, QWidget *parent = nullptr);

    // Opens a workspace folder; returns false (and says why in the status bar) when it is not one.
    bool openWorkspace(const QString &dir);
    QString workspacePath() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addViewDock(const QString &objectName, const QString &title, QWidget *view,
                             Qt::DockWidgetArea area);
    void createMenus();
    void restoreLayout();

    AppSettings &m_settings;
    QTabWidget *m_editors = nullptr;
    QString m_workspacePath;
};

} // namespace bindery::ui
