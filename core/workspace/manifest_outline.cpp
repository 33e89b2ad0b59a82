// SPDX-License-Identifier: Apache-2.0
#include "workspace/manifest_outline.h"

#include "workspace/yaml_support.h"

namespace bindery::workspace {

ManifestOutline ManifestOutline::parse(const QByteArray &yamlText)
{
    ManifestOutline outline;
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(yamlText.toStdString());
    } catch (const YAML::Exception &e) {
        outline.problems.append(yaml::fromException(e));
        return outline;
    }
    for (const YAML::Node &doc : documents) {
        if (doc.IsNull())
            continue; // an empty document between two "---" is harmless
        if (!doc.IsMap()) {
            outline.problems.append(yaml::at(doc.Mark(), QStringLiteral("a manifest must be a mapping")));
            continue;
        }
        ManifestObject object;
        object.line = doc.Mark().line + 1;
        const YAML::Node kind = doc["kind"];
        if (kind && kind.IsScalar())
            object.kind = yaml::text(kind);
        const YAML::Node metadata = doc["metadata"];
        if (metadata && metadata.IsMap()) {
            const YAML::Node name = metadata["name"];
            if (name && name.IsScalar())
                object.name = yaml::text(name);
        }
        if (object.kind.isEmpty())
            outline.problems.append(yaml::at(doc.Mark(), QStringLiteral("the manifest has no kind")));
        outline.objects.append(object);
    }
    return outline;
}

} // namespace bindery::workspace
