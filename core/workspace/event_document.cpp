// SPDX-License-Identifier: Apache-2.0
#include "workspace/event_document.h"

#include "workspace/yaml_support.h"

#include <QStringList>

namespace bindery::workspace {

namespace {

const QStringList kKeys{QStringLiteral("name"),          QStringLiteral("notes"),   QStringLiteral("namespace"),
                        QStringLiteral("discriminator"), QStringLiteral("headers"), QStringLiteral("body")};

// Reads a scalar; null (an empty value) counts as "". Anything else is an error at its position.
bool readText(const YAML::Node &node, const QString &what, QString *out, Diagnostic *error)
{
    if (node.IsNull()) {
        out->clear();
        return true;
    }
    if (!node.IsScalar()) {
        *error = yaml::at(node.Mark(), QStringLiteral("%1 must be text").arg(what));
        return false;
    }
    *out = yaml::text(node);
    return true;
}

} // namespace

EventFormat::Result EventFormat::parse(const QByteArray &yamlText, const QString &defaultName,
                                       const QString &defaultNamespace)
{
    Result result;
    YAML::Node root;
    try {
        root = YAML::Load(yamlText.toStdString());
    } catch (const YAML::Exception &e) {
        result.error = yaml::fromException(e);
        return result;
    }
    if (!root.IsMap()) {
        result.error = yaml::at(root.Mark(), QStringLiteral("an event file must be a mapping with the keys %1")
                                                 .arg(kKeys.join(QStringLiteral(", "))));
        if (result.error.line == 0)
            result.error.line = result.error.column = 1;
        return result;
    }

    EventDocument event;
    event.name = defaultName;
    event.namespaceName = defaultNamespace;
    Diagnostic &error = result.error;
    for (const auto &entry : root) {
        const QString key = entry.first.IsScalar() ? yaml::text(entry.first) : QString();
        const YAML::Node &value = entry.second;
        bool ok = true;
        if (key == u"name")
            ok = readText(value, key, &event.name, &error);
        else if (key == u"notes")
            ok = readText(value, key, &event.notes, &error);
        else if (key == u"namespace")
            ok = readText(value, key, &event.namespaceName, &error);
        else if (key == u"discriminator")
            ok = readText(value, key, &event.discriminator, &error);
        else if (key == u"body")
            ok = readText(value, key, &event.body, &error);
        else if (key == u"headers") {
            if (value.IsNull())
                continue;
            if (!value.IsSequence()) {
                error = yaml::at(value.Mark(), QStringLiteral("headers must be a list of {name, value}"));
                return result;
            }
            for (const YAML::Node &h : value) {
                if (!h.IsMap() || !h["name"]) {
                    error = yaml::at(h.Mark(), QStringLiteral("each header must be a mapping {name, value}"));
                    return result;
                }
                EventHeader header;
                for (const auto &field : h) {
                    const QString fieldName = field.first.IsScalar() ? yaml::text(field.first) : QString();
                    if (fieldName == u"name")
                        ok = readText(field.second, QStringLiteral("a header name"), &header.name, &error);
                    else if (fieldName == u"value")
                        ok = readText(field.second, QStringLiteral("a header value"), &header.value, &error);
                    else {
                        error = yaml::at(field.first.Mark(),
                                         QStringLiteral("unknown header field \"%1\" (expected name, value)")
                                             .arg(fieldName));
                        ok = false;
                    }
                    if (!ok)
                        return result;
                }
                if (header.name.trimmed().isEmpty()) {
                    error = yaml::at(h.Mark(), QStringLiteral("a header name must not be empty"));
                    return result;
                }
                event.headers.append(header);
            }
        } else {
            error = yaml::at(entry.first.Mark(), QStringLiteral("unknown key \"%1\" (expected %2)")
                                                     .arg(key, kKeys.join(QStringLiteral(", "))));
            return result;
        }
        if (!ok)
            return result;
    }
    result.event = std::move(event);
    return result;
}

QByteArray EventFormat::serialize(const EventDocument &event)
{
    QByteArray out;
    out += yaml::scalarEntry("name", event.name);
    if (!event.notes.isEmpty())
        out += yaml::scalarEntry("notes", event.notes);
    out += yaml::scalarEntry("namespace", event.namespaceName);
    out += yaml::scalarEntry("discriminator", event.discriminator);
    if (event.headers.isEmpty()) {
        out += "headers: []\n";
    } else {
        out += "headers:\n";
        for (const EventHeader &h : event.headers)
            out += "  - {name: " + yaml::flowScalar(h.name) + ", value: " + yaml::flowScalar(h.value) + "}\n";
    }
    out += yaml::scalarEntry("body", event.body);
    return out;
}

} // namespace bindery::workspace
