// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/argo_client.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QSettings;

namespace bindery::ui {

// A named Argo Server. Secrets are not part of it: the token and the webhook secret live in the
// system keychain (SecretStore) under the profile's name.
struct ServerProfile {
    QString name;
    QUrl url;
    QString ns = QStringLiteral("argo");
    bool insecure = false; // skip TLS verification: an explicit, visible choice
    QString caFile;
    bool operator==(const ServerProfile &) const = default;
    net::ConnectionOptions connection(const QByteArray &token) const;
};

// The profiles, kept in QSettings (group "targets").
class ServerProfiles : public QObject
{
    Q_OBJECT
public:
    explicit ServerProfiles(QSettings *settings, QObject *parent = nullptr);
    QList<ServerProfile> profiles() const { return m_profiles; }
    std::optional<ServerProfile> find(const QString &name) const;
    QStringList names() const;
    // Adds or replaces (by name); false with *error when the profile is not usable.
    bool put(const ServerProfile &profile, QString *error);
    void remove(const QString &name);

signals:
    void changed();

private:
    void save();
    QSettings *m_settings;
    QList<ServerProfile> m_profiles;
};

// Secrets in the system keychain through QtKeychain, never in a plain file: without a keychain
// (headless sessions have no Secret Service on D-Bus) every job fails at once, and the caller
// offers to keep the secret for this session only.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    explicit SecretStore(QString service = QStringLiteral("Bindery"), QObject *parent = nullptr);

    static QString tokenKey(const QString &profile) { return QStringLiteral("target/%1/token").arg(profile); }
    static QString webhookSecretKey(const QString &profile) { return QStringLiteral("target/%1/webhook-secret").arg(profile); }

    // Each calls `done` on this thread once the keychain answered. ok=false: `error` says why
    // (a missing entry is ok=true with an empty secret for read()).
    void read(const QString &key, std::function<void(bool ok, QByteArray secret, QString error)> done);
    void write(const QString &key, const QByteArray &secret, std::function<void(bool ok, QString error)> done);
    void remove(const QString &key, std::function<void(bool ok, QString error)> done);

    // Secrets the user chose not to store (or that could not be stored): memory only.
    void keepForSession(const QString &key, const QByteArray &secret) { m_session.insert(key, secret); }
    std::optional<QByteArray> sessionSecret(const QString &key) const;
    static QString unavailableMessage(const QString &error);

private:
    QString m_service;
    QHash<QString, QByteArray> m_session;
};

} // namespace bindery::ui
