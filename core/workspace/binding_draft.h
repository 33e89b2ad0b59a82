// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "argo/manifest.h"
#include "workspace/event_document.h"

#include <QByteArray>

namespace bindery::workspace {

// "New binding from this event": a WorkflowEventBinding that fires for `event` (its discriminator,
// and its x-...-event header when it has one) and submits `workflowTemplate`, with one parameter
// per template parameter, taken from the payload key of the same name when there is one.
QByteArray bindingDraft(const EventDocument &event, const argo::WorkflowTemplate &workflowTemplate,
                        const QString &defaultNamespace);

} // namespace bindery::workspace
