// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace bindery::ui {

// Typed access to the application's persistent settings. Every key lives here, nowhere else.
class AppSettings
{
public:
    // Bump when the dock/page layout changes so that stale saved window state is ignored
    // instead of restoring docks into places that no longer exist.
    static constexpr int WindowStateVersion = 2;

    AppSettings();
    explicit AppSettings(const QString &iniFile); // for tests

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

    // Returns an empty array when the saved state was written by another layout version.
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    QString lastWorkspace() const;
    void setLastWorkspace(const QString &path);

    QStringList recentWorkspaces() const;
    void addRecentWorkspace(const QString &path);

    // How binding manifests open: "yaml", "form" or "both" (the view the user picked last).
    QString bindingView() const;
    void setBindingView(const QString &view);

    void sync();

private:
    QSettings m_settings;
};

} // namespace bindery::ui
