// SPDX-License-Identifier: Apache-2.0
#include "workspace/evaluation_manifests.h"

#include <optional>
#include <vector>

namespace bindery::workspace {

namespace {

struct Document {
    std::size_t offset;
    int line; // 1-based line of its first byte
};

bool blankAfter(std::string_view text, std::size_t at)
{
    return at >= text.size() || text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n';
}

// Where each document starts (a line `---`), or nullopt when the file must be read whole: the
// splitting must not change what any document means, nor what Argo's loader reports.
std::optional<std::vector<Document>> splitDocuments(std::string_view text)
{
    constexpr std::size_t kMaxBytes = 256 << 10; // the loader's budgets (scalars, objects) are per file
    constexpr std::size_t kMaxDocuments = 1000; // and so is its count of objects
    if (text.size() > kMaxBytes)
        return std::nullopt;
    std::vector<Document> documents{{0, 1}};
    int line = 1;
    for (std::size_t at = 0; at < text.size();) {
        const char c = text[at];
        if (c == '%') // a directive applies to the next document
            return std::nullopt;
        if (text.substr(at, 3) == "...")
            return std::nullopt;
        if (text.substr(at, 3) == "---") {
            if (!blankAfter(text, at + 3))
                return std::nullopt;
            if (at > 0)
                documents.push_back({at, line});
            if (documents.size() > kMaxDocuments)
                return std::nullopt;
        }
        const std::size_t eol = text.find('\n', at);
        const std::string_view lineText = text.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
        // An anchor (`&name` after a blank or an indicator) lets aliases expand against the per-file budget.
        for (std::size_t k = 0; k < lineText.size(); ++k) {
            if (lineText[k] != '&' || k + 1 >= lineText.size() || lineText[k + 1] == '&' || lineText[k + 1] == ' ')
                continue;
            if (k == 0 || std::string_view(" \t[{,:-?").find(lineText[k - 1]) != std::string_view::npos)
                if (k == 0 || lineText[k - 1] != '&')
                    return std::nullopt;
        }
        if (lineText.find('\r') != std::string_view::npos && lineText.find('\r') + 1 != lineText.size())
            return std::nullopt; // a bare CR ends a line for YAML, not for this count
        if (eol == std::string_view::npos)
            break;
        at = eol + 1;
        ++line;
    }
    return documents;
}

} // namespace

argo::ManifestSet ManifestDocuments::load(std::string_view text, const std::string &file)
{
    const auto whole = [&] {
        ++m_parsed;
        return argo::loadManifests(text, file);
    };
    const std::optional<std::vector<Document>> documents = splitDocuments(text);
    if (!documents || documents->size() == 1)
        return whole();
    argo::ManifestSet out;
    for (std::size_t i = 0; i < documents->size(); ++i) {
        const Document &d = (*documents)[i];
        const std::size_t end = i + 1 < documents->size() ? (*documents)[i + 1].offset : text.size();
        // Blank lines in front put every position (line, column, offset) where the whole file has it.
        std::string source(std::size_t(d.line - 1), '\n');
        source.append(text.substr(d.offset, end - d.offset));
        std::string key = file;
        key += '\0';
        key += source;
        const argo::ManifestSet *set = nullptr;
        if (const auto it = m_current.find(key); it != m_current.end()) {
            set = &it->second;
            ++m_reused;
        } else if (const auto before = m_previous.find(key); before != m_previous.end()) {
            set = &m_current.emplace(std::move(key), std::move(before->second)).first->second;
            m_previous.erase(before);
            ++m_reused;
        } else {
            ++m_parsed;
            set = &m_current.emplace(std::move(key), argo::loadManifests(source, file)).first->second;
        }
        if (set->hasErrors())
            return whole(); // the whole file's loader stops at the first broken document
        out.append(argo::ManifestSet(*set));
    }
    return out;
}

void ManifestDocuments::sweep()
{
    m_previous = std::move(m_current);
    m_current.clear();
    m_parsed = 0;
    m_reused = 0;
}

} // namespace bindery::workspace
