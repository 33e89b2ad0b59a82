// SPDX-License-Identifier: Apache-2.0
#include "net/catalog_sink.h"

#include "net/argo_dispatch_sink.h"

#include "argo/catalog.h"

#include <QJsonDocument>

namespace bindery::net {

CatalogSink::CatalogSink(argo::ManifestSet base, argo::DispatcherOptions options, std::string instanceId)
    : m_base(std::move(base))
    , m_options(std::move(options))
    , m_instanceId(std::move(instanceId))
{
    if (!m_options.cache)
        m_options.cache = std::make_shared<argo::SelectorCache>(); // shared by every rebuilt dispatcher
    std::lock_guard lock(m_mutex);
    rebuild();
}

void CatalogSink::rebuild()
{
    argo::ManifestSet set = m_base;
    for (const argo::WorkflowTemplate &t : m_written)
        set.templates.push_back(t); // after the base: the later object of a name wins
    m_dispatcher = std::make_shared<const argo::Dispatcher>(argo::Catalog::fromManifests(set), m_options);
    m_sink = std::make_shared<ArgoDispatchSink>(m_dispatcher, m_instanceId);
}

DispatchOutcome CatalogSink::dispatch(const IncomingEvent &event, const EventContext &context)
{
    std::shared_ptr<ArgoDispatchSink> sink;
    {
        std::lock_guard lock(m_mutex);
        sink = m_sink;
    }
    return sink->dispatch(event, context);
}

bool CatalogSink::applyTemplate(const QJsonObject &manifest, QString *error)
{
    // JSON is YAML: the manifest reader takes it as it takes files.
    const QByteArray text = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    argo::ManifestSet parsed = argo::loadManifests(std::string_view(text.constData(), static_cast<size_t>(text.size())),
                                                   "workflow-template");
    if (parsed.hasErrors() || parsed.templates.size() != 1 || parsed.templates.front().clusterScoped) {
        if (error) {
            QStringList problems;
            for (const auto &d : parsed.diagnostics)
                problems << QString::fromStdString(argo::toString(d));
            *error = problems.isEmpty() ? QStringLiteral("not a WorkflowTemplate") : problems.join(QStringLiteral("; "));
        }
        return false;
    }
    argo::WorkflowTemplate t = std::move(parsed.templates.front());
    std::lock_guard lock(m_mutex);
    std::erase_if(m_written, [&](const argo::WorkflowTemplate &w) {
        return w.metadata.namespace_ == t.metadata.namespace_ && w.metadata.name == t.metadata.name;
    });
    m_written.push_back(std::move(t));
    rebuild();
    return true;
}

std::shared_ptr<const argo::Dispatcher> CatalogSink::dispatcher() const
{
    std::lock_guard lock(m_mutex);
    return m_dispatcher;
}

} // namespace bindery::net
