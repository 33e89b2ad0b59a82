// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/event_sink.h"

#include "argo/dispatcher.h"
#include "argo/manifest.h"

#include <QJsonObject>

#include <memory>
#include <mutex>
#include <vector>

namespace bindery::net {

class ArgoDispatchSink;

// The hosted endpoint's dispatch step over a catalog that WorkflowTemplates written through the
// REST API join: the base manifests (files, workspace) plus every template created or updated
// since, which replaces a base template of the same namespace and name (the API server keeps one
// object per name). Each write builds a new Dispatcher; events already dispatching finish with the
// one they started with. Thread-safe.
class CatalogSink : public EventSink
{
public:
    CatalogSink(argo::ManifestSet base, argo::DispatcherOptions options, std::string instanceId = {});

    DispatchOutcome dispatch(const IncomingEvent &event, const EventContext &context) override;

    // Adds or replaces a namespaced template (a WorkflowTemplate manifest as JSON, e.g. what
    // SimulatedCluster::templateWritten gives). False with *error when it cannot be read.
    bool applyTemplate(const QJsonObject &manifest, QString *error = nullptr);

    std::shared_ptr<const argo::Dispatcher> dispatcher() const;

private:
    void rebuild(); // with m_mutex held

    mutable std::mutex m_mutex;
    argo::ManifestSet m_base;
    std::vector<argo::WorkflowTemplate> m_written;
    argo::DispatcherOptions m_options;
    std::string m_instanceId;
    std::shared_ptr<const argo::Dispatcher> m_dispatcher;
    std::shared_ptr<ArgoDispatchSink> m_sink;
};

} // namespace bindery::net
