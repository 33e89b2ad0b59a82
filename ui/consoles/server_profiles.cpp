// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/server_profiles.h"

#include <QSettings>

#include <qt6keychain/keychain.h>

namespace bindery::ui {

net::ConnectionOptions ServerProfile::connection(const QByteArray &token) const
{
    net::ConnectionOptions o;
    o.baseUrl = url;
    o.token = token;
    o.insecure = insecure;
    o.caFile = caFile;
    return o;
}

ServerProfiles::ServerProfiles(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    const int n = m_settings->beginReadArray(QStringLiteral("targets"));
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        ServerProfile p;
        p.name = m_settings->value(QStringLiteral("name")).toString();
        p.url = QUrl(m_settings->value(QStringLiteral("url")).toString());
        p.ns = m_settings->value(QStringLiteral("namespace"), p.ns).toString();
        p.insecure = m_settings->value(QStringLiteral("insecure")).toBool();
        p.caFile = m_settings->value(QStringLiteral("caFile")).toString();
        if (!p.name.isEmpty())
            m_profiles << p;
    }
    m_settings->endArray();
}

std::optional<ServerProfile> ServerProfiles::find(const QString &name) const
{
    for (const ServerProfile &p : m_profiles)
        if (p.name == name)
            return p;
    return std::nullopt;
}

QStringList ServerProfiles::names() const
{
    QStringList n;
    for (const ServerProfile &p : m_profiles)
        n << p.name;
    return n;
}

bool ServerProfiles::put(const ServerProfile &profile, QString *error)
{
    if (profile.name.trimmed().isEmpty()) {
        *error = tr("Give the target a name");
        return false;
    }
    const QString scheme = profile.url.scheme();
    if (!profile.url.isValid() || profile.url.host().isEmpty() || (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))) {
        *error = tr("URL: \"%1\" is not an http(s) URL with a host").arg(profile.url.toString());
        return false;
    }
    if (profile.ns.trimmed().isEmpty()) {
        *error = tr("Namespace: required");
        return false;
    }
    bool replaced = false;
    for (ServerProfile &p : m_profiles)
        if (p.name == profile.name) {
            p = profile;
            replaced = true;
        }
    if (!replaced)
        m_profiles << profile;
    save();
    emit changed();
    return true;
}

void ServerProfiles::remove(const QString &name)
{
    m_profiles.removeIf([&](const ServerProfile &p) { return p.name == name; });
    save();
    emit changed();
}

void ServerProfiles::save()
{
    m_settings->remove(QStringLiteral("targets"));
    m_settings->beginWriteArray(QStringLiteral("targets"), int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        const ServerProfile &p = m_profiles[i];
        m_settings->setValue(QStringLiteral("name"), p.name);
        m_settings->setValue(QStringLiteral("url"), p.url.toString());
        m_settings->setValue(QStringLiteral("namespace"), p.ns);
        m_settings->setValue(QStringLiteral("insecure"), p.insecure);
        m_settings->setValue(QStringLiteral("caFile"), p.caFile);
    }
    m_settings->endArray();
}

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

void SecretStore::read(const QString &key, std::function<void(bool, QByteArray, QString)> done)
{
    if (auto s = sessionSecret(key)) {
        done(true, *s, {});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() == QKeychain::NoError)
            done(true, job->binaryData(), {});
        else if (job->error() == QKeychain::EntryNotFound)
            done(true, {}, {});
        else
            done(false, {}, job->errorString());
    });
    job->start();
}

void SecretStore::write(const QString &key, const QByteArray &secret, std::function<void(bool, QString)> done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setInsecureFallback(false); // never a plain-text file
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, key, job, done = std::move(done)] {
        const bool ok = job->error() == QKeychain::NoError;
        if (ok)
            m_session.remove(key);
        done(ok, ok ? QString() : job->errorString());
    });
    job->start();
}

void SecretStore::remove(const QString &key, std::function<void(bool, QString)> done)
{
    m_session.remove(key);
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        const bool ok = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        done(ok, ok ? QString() : job->errorString());
    });
    job->start();
}

std::optional<QByteArray> SecretStore::sessionSecret(const QString &key) const
{
    const auto it = m_session.constFind(key);
    if (it == m_session.constEnd())
        return std::nullopt;
    return *it;
}

QString SecretStore::unavailableMessage(const QString &error)
{
    return tr("The system keychain is not available (%1). Bindery never writes secrets to its settings or the "
              "workspace: the secret can be kept for this session only.").arg(error);
}

} // namespace bindery::ui
