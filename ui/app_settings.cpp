// SPDX-License-Identifier: Apache-2.0
#include "ui/app_settings.h"

namespace bindery::ui {

namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kStateVersion = QStringLiteral("window/stateVersion");
const QString kLastWorkspace = QStringLiteral("workspace/last");
const QString kRecent = QStringLiteral("workspace/recent");
const QString kBindingView = QStringLiteral("editor/bindingView");
constexpr int kMaxRecent = 10;
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(iniFile, QSettings::IniFormat)
{
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    if (m_settings.value(kStateVersion, 0).toInt() != WindowStateVersion)
        return {};
    return m_settings.value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(kState, state);
    m_settings.setValue(kStateVersion, WindowStateVersion);
}

QString AppSettings::lastWorkspace() const
{
    return m_settings.value(kLastWorkspace).toString();
}

void AppSettings::setLastWorkspace(const QString &path)
{
    m_settings.setValue(kLastWorkspace, path);
}

QStringList AppSettings::recentWorkspaces() const
{
    return m_settings.value(kRecent).toStringList();
}

void AppSettings::addRecentWorkspace(const QString &path)
{
    QStringList recent = recentWorkspaces();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    m_settings.setValue(kRecent, recent);
}

QString AppSettings::bindingView() const
{
    return m_settings.value(kBindingView, QStringLiteral("yaml")).toString();
}

void AppSettings::setBindingView(const QString &view)
{
    m_settings.setValue(kBindingView, view);
}

void AppSettings::sync()
{
    m_settings.sync();
}

} // namespace bindery::ui
