// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/event_sink.h"
#include "net/replay_engine.h"

#include <memory>

namespace bindery::net {

// Predictions from a local dispatch step (the EventSink the hosted endpoint uses, e.g. the Argo
// dispatcher over the workspace's catalog): for each replayed event, the status Bindery's sync
// endpoint would answer (400 for a body Go cannot decode, 500 when a binding fails, else 200), the
// bindings that fired and the templates of the Workflows it would create. The sink must be
// thread-safe (it is, by EventSink's contract); the call runs on the replay engine's thread.
ReplayPredictor predictorFromSink(std::shared_ptr<EventSink> sink);

// The prediction for one record (exposed for tests and the UI's "what would happen" view).
ReplayPrediction predictWithSink(EventSink &sink, const CaptureRecord &record);

} // namespace bindery::net
