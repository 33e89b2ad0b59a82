// SPDX-License-Identifier: Apache-2.0
#pragma once

// An immutable snapshot of the simulated cluster: WorkflowTemplates, ClusterWorkflowTemplates,
// WorkflowEventBindings and the names that existing Workflows reserve. Cheap to copy (shared);
// safe to read from many threads. Build a new one to change anything.

#include "argo/manifest.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::argo {

// How bindings are listed at request time.
enum class ListOrder {
    Name,     // as the Kubernetes API server: one object per namespace/name (the later document
              // replaces the earlier), sorted by name byte-wise
    Manifest, // document order, duplicates kept (replays Argo's unit tests)
};

struct CatalogOptions {
    std::string defaultNamespace = "argo"; // for objects without metadata.namespace
    ListOrder listOrder = ListOrder::Name;
};

class Catalog
{
public:
    Catalog(); // empty
    static Catalog fromManifests(const ManifestSet &manifests, const CatalogOptions &options = {});

    const CatalogOptions &options() const;

    // Every binding of `namespace_` in list order (no instance-id filtering: the dispatcher does it).
    // An empty namespace lists the bindings of every namespace (gRPC broadcast).
    std::vector<const WorkflowEventBinding *> bindings(std::string_view namespace_) const;
    const std::vector<WorkflowEventBinding> &allBindings() const; // in list order, namespaces resolved

    const WorkflowTemplate *findTemplate(std::string_view namespace_, std::string_view name) const;
    const WorkflowTemplate *findClusterTemplate(std::string_view name) const;
    const std::vector<WorkflowTemplate> &templates() const;        // namespaced, namespaces resolved
    const std::vector<WorkflowTemplate> &clusterTemplates() const;

    // Whether a Workflow of that name exists (reserved by a Workflow manifest).
    bool workflowExists(std::string_view namespace_, std::string_view name) const;

private:
    struct Data;
    std::shared_ptr<const Data> d_;
};

} // namespace bindery::argo
