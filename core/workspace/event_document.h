// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/diagnostic.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace bindery::workspace {

struct EventHeader {
    QString name;
    QString value;
    bool operator==(const EventHeader &) const = default;
};

// One sample event of a workspace: what would be POSTed to /api/v1/events/{namespace}/{discriminator}.
// Headers keep their spelling and order as captured; only Argo decides what reaches the selector.
struct EventDocument {
    QString name;
    QString notes;
    QString namespaceName;
    QString discriminator;
    QList<EventHeader> headers;
    QString body; // raw text, exactly as it would be sent

    bool operator==(const EventDocument &) const = default;
};

// The event file format (events/*.yaml):
//   name: <text>            notes: <text>
//   namespace: <text>       discriminator: <text>
//   headers: [{name: <text>, value: <text>}, ...]
//   body: |
//     <raw body>
class EventFormat
{
public:
    struct Result {
        std::optional<EventDocument> event;
        Diagnostic error; // set when event is empty; file left empty for the caller to fill
    };

    // `defaultName` names an event whose file has no `name`; `defaultNamespace` likewise.
    static Result parse(const QByteArray &yaml, const QString &defaultName = {},
                        const QString &defaultNamespace = {});
    // Writes the canonical form: block keys in the order above, headers one flow map per line, the
    // body as a literal block whenever that keeps it byte-exact (else a double-quoted scalar).
    static QByteArray serialize(const EventDocument &event);
};

} // namespace bindery::workspace
