// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "argo/manifest.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace bindery::workspace {

// Loads manifest files as argo::loadManifests does, but document by document, keeping the
// documents that an edit did not touch: typing in one binding of a file of twenty re-reads one
// document, not twenty. YAML documents are independent (anchors and tags end with their document),
// so the documents loaded apart make the same objects at the same positions. Whenever that could
// differ — directives, `...` markers, anchors, any document with an error, very large files — the
// file is loaded whole.
class ManifestDocuments
{
public:
    // Equal to argo::loadManifests(text, file).
    argo::ManifestSet load(std::string_view text, const std::string &file);
    // Forgets the documents not loaded since the previous call.
    void sweep();

    // Documents read by the last loads (for tests and benchmarks).
    std::size_t documentsParsed() const { return m_parsed; }
    std::size_t documentsReused() const { return m_reused; }

private:
    std::unordered_map<std::string, argo::ManifestSet> m_previous, m_current;
    std::size_t m_parsed = 0;
    std::size_t m_reused = 0;
};

} // namespace bindery::workspace
