// SPDX-License-Identifier: Apache-2.0
#include "net/replay_prediction.h"

#include "net/capture_headers.h"
#include "net/go_json.h"

#include <QJsonArray>

namespace bindery::net {

ReplayPrediction predictWithSink(EventSink &sink, const CaptureRecord &record)
{
    ReplayPrediction p;
    const FirstJsonValue value = scanFirstJsonValue(record.body);
    if (value.kind == FirstJsonValue::Kind::Error) {
        p.status = 400; // the gateway rejects the body before any binding is looked at
        return p;
    }
    IncomingEvent event;
    event.received = record.time;
    event.ns = record.ns;
    event.discriminator = record.discriminator;
    event.headers = record.headers;
    event.body = record.body;
    if (value.kind == FirstJsonValue::Kind::Value)
        event.payload = record.body.mid(value.begin, value.end - value.begin);
    EventContext context;
    context.host = headerValue(record.headers, "Host");
    const DispatchOutcome outcome = sink.dispatch(event, context);
    p.status = outcome.ok ? 200 : 500;
    p.bindings = outcome.matchedBindings;
    for (const QJsonObject &wf : outcome.workflows) {
        p.expected << workflowSummary(wf);
        const QString tmpl = wf.value(QLatin1String("spec")).toObject().value(QLatin1String("workflowTemplateRef"))
                                 .toObject().value(QLatin1String("name")).toString();
        p.workflows << (tmpl.isEmpty() ? wf.value(QLatin1String("metadata")).toObject().value(QLatin1String("generateName")).toString()
                                       : tmpl);
    }
    return p;
}

ReplayPredictor predictorFromSink(std::shared_ptr<EventSink> sink)
{
    return [sink](const CaptureRecord &record) -> std::optional<ReplayPrediction> {
        if (!sink)
            return std::nullopt;
        return predictWithSink(*sink, record);
    };
}

} // namespace bindery::net
