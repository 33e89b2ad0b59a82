// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/event_sink.h"

#include <memory>

namespace bindery::argo {
class Dispatcher;
}

namespace bindery::net {

// The real dispatch step: bindery::argo's Dispatcher behind the endpoint's EventSink interface.
// Kubernetes RBAC is applied on top of what the dispatcher decided, as Argo's API server would:
// a matched binding whose identity may not get its (cluster) template, or may not create
// Workflows, fails with Kubernetes' Forbidden message instead of creating its Workflow.
class ArgoDispatchSink : public EventSink
{
public:
    explicit ArgoDispatchSink(std::shared_ptr<const argo::Dispatcher> dispatcher, std::string instanceId = {});
    DispatchOutcome dispatch(const IncomingEvent &event, const EventContext &context) override;

private:
    std::shared_ptr<const argo::Dispatcher> m_dispatcher;
    std::string m_instanceId;
};

} // namespace bindery::net
