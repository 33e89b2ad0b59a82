// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"
#include "net/token_auth.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace bindery::net {

// An event as the endpoint accepted it: the raw request parts the dispatcher turns into Argo's
// environment (the x-forwarded-host / x-forwarded-for pairs are derived from `host` and `client`).
struct IncomingEvent {
    QString id; // journal id, or a per-process sequence number
    QDateTime received;
    QString ns;
    QString discriminator;
    HeaderList headers;
    QByteArray body;    // the whole body as received
    QByteArray payload; // the first JSON value of the body (empty: payload null)
};

struct EventContext {
    QHostAddress client;
    QByteArray host; // the Host header
    Identity identity;
    QString clientText; // client.toString() when the server has it already (empty: render it)
};

// What dispatching one event did (a projection of the dispatcher's result the server needs).
struct DispatchOutcome {
    bool ok = true;
    QString error;            // Argo's aggregated message "failed to dispatch event: [...]"
    QStringList matchedBindings;
    QStringList bindingErrors; // one message per failed binding (Warning events)
    QList<QJsonObject> workflows; // the Workflows created, as JSON
};

// The dispatch step behind the endpoint. dispatch() is called concurrently from I/O threads (sync
// mode) and worker threads (async mode): implementations must be thread-safe.
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual DispatchOutcome dispatch(const IncomingEvent &event, const EventContext &context) = 0;
    // True when dispatch() may wait (sleeps, locks held by others, the network) rather than only
    // compute. Asked per event in sync mode: such dispatches run on the worker pool so that they
    // cannot stall the I/O thread; quick ones run in place (a hand-over costs more than they do).
    virtual bool mayBlock() const { return false; }
};

} // namespace bindery::net
