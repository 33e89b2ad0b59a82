// SPDX-License-Identifier: Apache-2.0
#include "workspace/value_text.h"

namespace bindery::workspace {

namespace {

void append(QString &out, const expr::Value &v, int maxLength)
{
    if (out.size() > maxLength)
        return;
    switch (v.kind()) {
    case expr::Kind::Nil:
        out += QStringLiteral("nil");
        return;
    case expr::Kind::Bool:
        out += v.asBool() ? QStringLiteral("true") : QStringLiteral("false");
        return;
    case expr::Kind::Int:
        out += QString::number(v.asInt());
        return;
    case expr::Kind::Float:
        out += QString::number(v.asFloat(), 'g', 17);
        return;
    case expr::Kind::Duration:
        out += QString::number(v.asInt()) + QStringLiteral("ns");
        return;
    case expr::Kind::String:
    case expr::Kind::Bytes: {
        const std::string_view s = v.asString();
        QString text = QString::fromUtf8(s.data(), qsizetype(s.size()));
        text.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")).replace(u'\n', QStringLiteral("\\n"));
        out += u'"' + text + u'"';
        return;
    }
    case expr::Kind::Array: {
        out += u'[';
        bool first = true;
        for (const expr::Value &item : v.asArray()) {
            if (!first)
                out += QStringLiteral(", ");
            first = false;
            append(out, item, maxLength);
            if (out.size() > maxLength)
                return;
        }
        out += u']';
        return;
    }
    case expr::Kind::Map:
    case expr::Kind::AnyMap: {
        out += u'{';
        bool first = true;
        for (const expr::MapEntry &e : v.asMap()) {
            if (!first)
                out += QStringLiteral(", ");
            first = false;
            append(out, e.key, maxLength);
            out += QStringLiteral(": ");
            append(out, e.value, maxLength);
            if (out.size() > maxLength)
                return;
        }
        out += u'}';
        return;
    }
    default:
        out += QString::fromStdString(v.goTypeName());
        return;
    }
}

} // namespace

QString valueText(const expr::Value &value, int maxLength)
{
    QString out;
    append(out, value, maxLength);
    if (out.size() > maxLength) {
        out.truncate(maxLength);
        out += QStringLiteral("…");
    }
    return out;
}

QString valueTypeName(const expr::Value &value)
{
    const std::string_view name = value.exprTypeName();
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

} // namespace bindery::workspace
