// SPDX-License-Identifier: Apache-2.0
#include "argo/catalog.h"

#include <algorithm>
#include <set>
#include <utility>

namespace bindery::argo {

struct Catalog::Data {
    CatalogOptions options;
    std::vector<WorkflowEventBinding> bindings;
    std::vector<WorkflowTemplate> templates;
    std::vector<WorkflowTemplate> clusterTemplates;
    std::set<std::pair<std::string, std::string>, std::less<>> workflowNames;
};

Catalog::Catalog() : d_(std::make_shared<Data>()) {}

namespace {

// Keeps the last object of each (namespace, name), at the position of the last one.
template<typename T>
std::vector<T> lastOfEachName(std::vector<T> objects)
{
    std::vector<T> out;
    for (auto it = objects.rbegin(); it != objects.rend(); ++it) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const T &o) {
            return o.metadata.name == it->metadata.name && o.metadata.namespace_ == it->metadata.namespace_;
        });
        if (!seen)
            out.push_back(std::move(*it));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace

Catalog Catalog::fromManifests(const ManifestSet &manifests, const CatalogOptions &options)
{
    auto d = std::make_shared<Data>();
    d->options = options;
    auto resolve = [&](ObjectMeta &m) {
        if (m.namespace_.empty())
            m.namespace_ = options.defaultNamespace;
    };
    for (WorkflowTemplate t : manifests.templates) {
        if (t.clusterScoped) {
            t.metadata.namespace_.clear();
            d->clusterTemplates.push_back(std::move(t));
        } else {
            resolve(t.metadata);
            d->templates.push_back(std::move(t));
        }
    }
    // The API server stores one object per name: the later document wins.
    d->templates = lastOfEachName(std::move(d->templates));
    d->clusterTemplates = lastOfEachName(std::move(d->clusterTemplates));
    for (WorkflowEventBinding b : manifests.bindings) {
        resolve(b.metadata);
        d->bindings.push_back(std::move(b));
    }
    if (options.listOrder == ListOrder::Name) {
        d->bindings = lastOfEachName(std::move(d->bindings));
        std::stable_sort(d->bindings.begin(), d->bindings.end(),
                         [](const WorkflowEventBinding &a, const WorkflowEventBinding &b) {
                             if (a.metadata.namespace_ != b.metadata.namespace_)
                                 return a.metadata.namespace_ < b.metadata.namespace_;
                             return a.metadata.name < b.metadata.name;
                         });
    }
    for (const WorkflowObject &w : manifests.workflows) {
        std::string ns = w.metadata.namespace_.empty() ? options.defaultNamespace : w.metadata.namespace_;
        if (!w.metadata.name.empty())
            d->workflowNames.emplace(std::move(ns), w.metadata.name);
    }
    Catalog c;
    c.d_ = std::move(d);
    return c;
}

const CatalogOptions &Catalog::options() const { return d_->options; }

std::vector<const WorkflowEventBinding *> Catalog::bindings(std::string_view namespace_) const
{
    std::vector<const WorkflowEventBinding *> out;
    for (const auto &b : d_->bindings)
        if (namespace_.empty() || b.metadata.namespace_ == namespace_)
            out.push_back(&b);
    return out;
}

const std::vector<WorkflowEventBinding> &Catalog::allBindings() const { return d_->bindings; }

const WorkflowTemplate *Catalog::findTemplate(std::string_view namespace_, std::string_view name) const
{
    for (const auto &t : d_->templates)
        if (t.metadata.name == name && t.metadata.namespace_ == namespace_)
            return &t;
    return nullptr;
}

const WorkflowTemplate *Catalog::findClusterTemplate(std::string_view name) const
{
    for (const auto &t : d_->clusterTemplates)
        if (t.metadata.name == name)
            return &t;
    return nullptr;
}

const std::vector<WorkflowTemplate> &Catalog::templates() const { return d_->templates; }
const std::vector<WorkflowTemplate> &Catalog::clusterTemplates() const { return d_->clusterTemplates; }

bool Catalog::workflowExists(std::string_view namespace_, std::string_view name) const
{
    return d_->workflowNames.find(std::pair<std::string, std::string>(namespace_, name)) != d_->workflowNames.end();
}

} // namespace bindery::argo
