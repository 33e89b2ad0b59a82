// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/event_server.h"

#include <QStringList>

#include <optional>

class QSettings;

namespace bindery::ui {

// What the endpoint console edits. Only file paths are kept here: tokens and webhook secrets stay
// in their own files (or the keychain), never in the settings.
struct EndpointSettings {
    QString address = QStringLiteral("127.0.0.1");
    int port = 2746; // 0: any free port
    QString certFile, keyFile; // both or neither: HTTPS
    bool async = false;
    int queueSize = 16;
    int workers = 4;
    QString tokensFile;
    QString webhookClientsFile;
    QString journalPath;
    qint64 maxBodyBytes = 2 * 1024 * 1024;
    bool insecureListen = false;

    // The server configuration, or nullopt with one message per bad field (files are read here so
    // that a bad token file is reported before anything listens).
    std::optional<net::EventServerConfig> toConfig(QStringList *errors) const;

    void save(QSettings &settings) const;
    static EndpointSettings load(QSettings &settings);
    bool operator==(const EndpointSettings &) const = default;
};

} // namespace bindery::ui
