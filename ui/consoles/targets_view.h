// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/consoles/server_profiles.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

// Named Argo Servers: URL, namespace, TLS options; token and webhook secret in the keychain;
// "test connection"; import of the server's templates and bindings into the workspace.
class TargetsView : public QWidget
{
    Q_OBJECT
public:
    TargetsView(ServerProfiles *profiles, SecretStore *secrets, workspace::Workspace *workspace, QWidget *parent = nullptr);

    // Resolves a profile to a connection (token and webhook secret read from the keychain).
    void resolve(const QString &name, std::function<void(std::optional<ServerProfile>, QByteArray token, QByteArray webhookSecret, QString error)> done);

    void saveCurrent();
    void testConnection();
    void importFromServer();
    QString messageText() const;

signals:
    void message(const QString &text);

private:
    void load(const QString &name);
    ServerProfile formProfile() const;
    void say(const QString &text, bool error = false);
    void storeSecret(const QString &key, const QByteArray &secret);

    ServerProfiles *m_profiles;
    SecretStore *m_secrets;
    workspace::Workspace *m_workspace;
    QListWidget *m_list;
    QLineEdit *m_name, *m_url, *m_ns, *m_ca, *m_token, *m_webhookSecret;
    QCheckBox *m_insecure, *m_useKeychain;
    QPushButton *m_keepForSession;
    QLabel *m_message;
    QHash<QString, QByteArray> m_unstored; // secrets waiting for "keep for this session"
};

} // namespace bindery::ui
