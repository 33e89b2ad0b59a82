// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/endpoint_settings.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace bindery::ui {

std::optional<net::EventServerConfig> EndpointSettings::toConfig(QStringList *errors) const
{
    QStringList bad;
    net::EventServerConfig config;
    QHostAddress host;
    if (address.trimmed().isEmpty() || !host.setAddress(address.trimmed()))
        bad << QStringLiteral("Address: \"%1\" is not an IP address").arg(address);
    else
        config.http.address = host;
    if (port < 0 || port > 65535)
        bad << QStringLiteral("Port: %1 is outside 0-65535").arg(port);
    else
        config.http.port = quint16(port);
    if (certFile.isEmpty() != keyFile.isEmpty()) {
        bad << QStringLiteral("TLS: give both the certificate and the private key, or neither");
    } else if (!certFile.isEmpty()) {
        QFile c(certFile), k(keyFile);
        if (!c.open(QIODevice::ReadOnly)) {
            bad << QStringLiteral("TLS certificate: %1: %2").arg(certFile, c.errorString());
        } else {
            config.http.certificate = QSslCertificate(c.readAll());
            if (config.http.certificate.isNull())
                bad << QStringLiteral("TLS certificate: %1 is not a PEM certificate").arg(certFile);
        }
        if (!k.open(QIODevice::ReadOnly)) {
            bad << QStringLiteral("TLS key: %1: %2").arg(keyFile, k.errorString());
        } else {
            const QByteArray bytes = k.readAll();
            config.http.privateKey = QSslKey(bytes, QSsl::Rsa);
            if (config.http.privateKey.isNull())
                config.http.privateKey = QSslKey(bytes, QSsl::Ec);
            if (config.http.privateKey.isNull())
                bad << QStringLiteral("TLS key: %1 is not a PEM RSA or EC private key").arg(keyFile);
        }
    }
    config.async = async;
    if (queueSize < 1 || queueSize > 1'000'000)
        bad << QStringLiteral("Queue size: %1 is outside 1-1000000").arg(queueSize);
    config.queueSize = queueSize;
    if (workers < 1 || workers > 256)
        bad << QStringLiteral("Workers: %1 is outside 1-256").arg(workers);
    config.workers = workers;
    if (!tokensFile.isEmpty()) {
        QString error;
        if (auto tokens = net::TokenAuth::load(tokensFile, &error))
            config.tokens = std::make_shared<const net::TokenAuth>(std::move(*tokens));
        else
            bad << QStringLiteral("Tokens file: %1").arg(error);
    }
    if (!webhookClientsFile.isEmpty()) {
        QString error;
        if (auto hooks = net::WebhookVerifier::load(webhookClientsFile, &error))
            config.webhooks = std::make_shared<const net::WebhookVerifier>(std::move(*hooks));
        else
            bad << QStringLiteral("Webhook clients file: %1").arg(error);
    }
    if (!journalPath.isEmpty()) {
        const QFileInfo dir(QFileInfo(journalPath).absolutePath());
        if (!dir.isDir() || !dir.isWritable())
            bad << QStringLiteral("Journal: the folder %1 does not exist or is not writable").arg(dir.filePath());
        config.journalPath = journalPath;
    }
    if (maxBodyBytes < 1)
        bad << QStringLiteral("Body limit: must be at least 1 byte");
    config.http.limits.maxBodyBytes = maxBodyBytes;
    config.insecureListen = insecureListen;
    if (!host.isNull() && !host.isLoopback() && !config.tokens && !insecureListen)
        bad << QStringLiteral("Address: %1 is reachable from other machines; give a tokens file or allow insecure listening").arg(address);
    if (errors)
        *errors = bad;
    if (!bad.isEmpty())
        return std::nullopt;
    return config;
}

void EndpointSettings::save(QSettings &s) const
{
    s.beginGroup(QStringLiteral("endpoint"));
    s.setValue(QStringLiteral("address"), address);
    s.setValue(QStringLiteral("port"), port);
    s.setValue(QStringLiteral("certFile"), certFile);
    s.setValue(QStringLiteral("keyFile"), keyFile);
    s.setValue(QStringLiteral("async"), async);
    s.setValue(QStringLiteral("queueSize"), queueSize);
    s.setValue(QStringLiteral("workers"), workers);
    s.setValue(QStringLiteral("tokensFile"), tokensFile);
    s.setValue(QStringLiteral("webhookClientsFile"), webhookClientsFile);
    s.setValue(QStringLiteral("journalPath"), journalPath);
    s.setValue(QStringLiteral("maxBodyBytes"), maxBodyBytes);
    s.setValue(QStringLiteral("insecureListen"), insecureListen);
    s.endGroup();
}

EndpointSettings EndpointSettings::load(QSettings &s)
{
    EndpointSettings d;
    s.beginGroup(QStringLiteral("endpoint"));
    d.address = s.value(QStringLiteral("address"), d.address).toString();
    d.port = s.value(QStringLiteral("port"), d.port).toInt();
    d.certFile = s.value(QStringLiteral("certFile")).toString();
    d.keyFile = s.value(QStringLiteral("keyFile")).toString();
    d.async = s.value(QStringLiteral("async"), d.async).toBool();
    d.queueSize = s.value(QStringLiteral("queueSize"), d.queueSize).toInt();
    d.workers = s.value(QStringLiteral("workers"), d.workers).toInt();
    d.tokensFile = s.value(QStringLiteral("tokensFile")).toString();
    d.webhookClientsFile = s.value(QStringLiteral("webhookClientsFile")).toString();
    d.journalPath = s.value(QStringLiteral("journalPath")).toString();
    d.maxBodyBytes = s.value(QStringLiteral("maxBodyBytes"), d.maxBodyBytes).toLongLong();
    d.insecureListen = s.value(QStringLiteral("insecureListen"), d.insecureListen).toBool();
    s.endGroup();
    return d;
}

} // namespace bindery::ui
