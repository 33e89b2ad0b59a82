// SPDX-License-Identifier: Apache-2.0
#include "workspace/yaml_support.h"

#include <QStringList>

namespace bindery::workspace::yaml {

Diagnostic at(const YAML::Mark &mark, const QString &message)
{
    Diagnostic d;
    if (!mark.is_null()) {
        d.line = mark.line + 1;
        d.column = mark.column + 1;
    }
    d.message = message;
    return d;
}

Diagnostic fromException(const YAML::Exception &e)
{
    return at(e.mark, QString::fromStdString(e.msg));
}

namespace {

// True when `value` can be written as a literal block (`|`) and read back unchanged: YAML
// normalises CR and other line-break characters and refuses most control characters there.
bool literalBlockKeepsText(const QString &value)
{
    bool hasContent = false;
    for (QChar c : value) {
        const char16_t u = c.unicode();
        if (u == u'\n')
            continue;
        hasContent = true;
        if ((u < 0x20 && u != u'\t') || u == 0x7f || (u >= 0x80 && u <= 0x9f) || u == 0x2028 || u == 0x2029
            || u == 0xfeff || u == 0xfffe || u == 0xffff)
            return false;
    }
    // A block of nothing but line breaks reads back as "" under every chomping indicator but keep.
    return hasContent;
}

QByteArray literalBlock(const QString &value, int indent)
{
    int trailingBreaks = 0;
    for (qsizetype i = value.size() - 1; i >= 0 && value.at(i) == u'\n'; --i)
        ++trailingBreaks;
    QStringList lines = value.split(u'\n');
    if (value.endsWith(u'\n'))
        lines.removeLast();

    QByteArray header = "|";
    // When the first non-empty line starts with a space, YAML cannot guess the indentation:
    // say it explicitly.
    for (const QString &line : std::as_const(lines)) {
        if (line.isEmpty())
            continue;
        if (line.startsWith(u' '))
            header += QByteArray::number(2);
        break;
    }
    if (trailingBreaks == 0)
        header += '-';
    else if (trailingBreaks > 1)
        header += '+';

    const QByteArray pad(indent + 2, ' ');
    QByteArray out = header + '\n';
    for (const QString &line : std::as_const(lines)) {
        if (!line.isEmpty())
            out += pad + line.toUtf8();
        out += '\n';
    }
    return out;
}

QByteArray emitted(const QString &value, bool flow)
{
    YAML::Emitter e;
    if (flow)
        e << YAML::Flow << YAML::BeginSeq;
    e << value.toStdString();
    if (flow)
        e << YAML::EndSeq;
    QByteArray out(e.c_str());
    if (flow) // "[x]" -> "x": the emitter quotes what a flow context needs quoted.
        out = out.mid(1, out.size() - 2);
    return out;
}

} // namespace

QByteArray scalarEntry(const QByteArray &key, const QString &value, int indent)
{
    const QByteArray prefix = QByteArray(indent, ' ') + key + ':';
    if (value.contains(u'\n') && literalBlockKeepsText(value))
        return prefix + ' ' + literalBlock(value, indent);
    YAML::Emitter e;
    if (value.contains(u'\n') || !literalBlockKeepsText(value))
        e << YAML::DoubleQuoted;
    e << value.toStdString();
    return prefix + ' ' + QByteArray(e.c_str()) + '\n';
}

QByteArray flowScalar(const QString &value)
{
    return emitted(value, true);
}

} // namespace bindery::workspace::yaml
