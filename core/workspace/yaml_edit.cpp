// SPDX-License-Identifier: Apache-2.0
#include "workspace/yaml_edit.h"

#include "argo/manifest.h"
#include "workspace/yaml_support.h"

#include <yaml-cpp/yaml.h>

#include <optional>

namespace bindery::workspace {

QByteArray applyEdit(const QByteArray &text, const TextEdit &edit)
{
    QByteArray out = text;
    out.replace(edit.offset, edit.length, edit.text);
    return out;
}

TextEdit diffEdit(const QByteArray &before, const QByteArray &after)
{
    qsizetype prefix = 0;
    const qsizetype shorter = qMin(before.size(), after.size());
    while (prefix < shorter && before[prefix] == after[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    // Keep UTF-8 sequences whole: never cut inside a multi-byte character.
    while (prefix > 0 && prefix < before.size() && (uchar(before[prefix]) & 0xc0) == 0x80)
        --prefix;
    while (suffix > 0 && (uchar(before[before.size() - suffix]) & 0xc0) == 0x80)
        --suffix;
    return TextEdit{int(prefix), int(before.size() - prefix - suffix), after.mid(prefix, after.size() - prefix - suffix)};
}

namespace {

char charAt(const QByteArray &t, qsizetype pos)
{
    return pos >= 0 && pos < t.size() ? t[pos] : '\0';
}

// ---- line helpers over the raw text -------------------------------------------------------------

int lineStart(const QByteArray &t, int pos)
{
    while (pos > 0 && t[pos - 1] != '\n')
        --pos;
    return pos;
}

int lineEnd(const QByteArray &t, int pos) // the '\n' (or the end)
{
    while (pos < t.size() && t[pos] != '\n')
        ++pos;
    return pos;
}

int nextLine(const QByteArray &t, int pos) // the start of the following line (or the end)
{
    const int end = lineEnd(t, pos);
    return end < t.size() ? end + 1 : end;
}

int indentAt(const QByteArray &t, int start)
{
    int i = start;
    while (i < t.size() && t[i] == ' ')
        ++i;
    return i - start;
}

bool blankOrComment(const QByteArray &t, int start)
{
    const int first = start + indentAt(t, start);
    if (first >= t.size())
        return true;
    const char c = t[first];
    return c == '\n' || c == '\r' || c == '#';
}

int trimRight(const QByteArray &t, int from, int end)
{
    while (end > from && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\r'))
        --end;
    return end;
}

// Where the block that starts on the line of `pos` ends: following lines belong to it while they
// are blank, comments, or indented deeper than `column` (a sequence may sit at `column` itself
// when `sequenceAtColumn`). Trailing blank and comment lines are left to whatever follows.
// Returns the offset just after the block's last line break (or the end of the text).
int blockEnd(const QByteArray &t, int pos, int column, bool sequenceAtColumn = false)
{
    int end = nextLine(t, pos);
    int line = end;
    while (line < t.size()) {
        if (!blankOrComment(t, line)) {
            const int indent = indentAt(t, line);
            const bool dash = t[line + indent] == '-' && (line + indent + 1 >= t.size() || t[line + indent + 1] == ' '
                                                          || t[line + indent + 1] == '\n');
            if (indent < column || (indent == column && !(sequenceAtColumn && dash)))
                break;
            end = nextLine(t, line);
        }
        line = nextLine(t, line);
    }
    return end;
}

// ---- scalar spans ---------------------------------------------------------------------------------

int quotedEnd(const QByteArray &t, int pos)
{
    const char q = t[pos];
    int i = pos + 1;
    while (i < t.size()) {
        if (q == '"' && t[i] == '\\') {
            i += 2;
            continue;
        }
        if (t[i] == q) {
            if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return int(t.size());
}

// The end of a plain scalar's first line: a comment, a `: ` and, in flow context, flow indicators end it.
int plainLineEnd(const QByteArray &t, int pos, bool flow)
{
    int i = pos;
    while (i < t.size() && t[i] != '\n') {
        const char c = t[i];
        const bool nextIsSpace = i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == '\n' || t[i + 1] == '\r';
        if (c == '#' && i > pos && (t[i - 1] == ' ' || t[i - 1] == '\t'))
            break;
        if (c == ':' && (nextIsSpace || (flow && i + 1 < t.size() && (t[i + 1] == ',' || t[i + 1] == '}' || t[i + 1] == ']'))))
            break;
        if (flow && (c == ',' || c == '}' || c == ']' || c == '{' || c == '['))
            break;
        ++i;
    }
    return trimRight(t, pos, i);
}

// The span [start, end) of the scalar written at `pos`. `column` is the indentation its
// continuation lines must exceed (the column of its key or sequence dash).
std::pair<int, int> scalarSpan(const QByteArray &t, int pos, int column, bool flow)
{
    const char c = t[pos];
    if (c == '"' || c == '\'')
        return {pos, quotedEnd(t, pos)};
    if ((c == '|' || c == '>') && !flow) {
        int end = trimRight(t, pos, lineEnd(t, pos));
        int line = nextLine(t, pos);
        while (line < t.size()) {
            const int le = lineEnd(t, line);
            const bool blank = trimRight(t, line, le) == line + indentAt(t, line);
            if (!blank) {
                if (indentAt(t, line) <= column)
                    break;
                end = trimRight(t, line, le);
            }
            line = nextLine(t, line);
        }
        return {pos, end};
    }
    int end = plainLineEnd(t, pos, flow);
    if (!flow) { // multi-line plain scalars continue on deeper lines
        bool commentEnded = lineEnd(t, pos) != end && t.mid(end, lineEnd(t, pos) - end).trimmed().startsWith('#');
        int line = nextLine(t, pos);
        while (!commentEnded && line < t.size() && !blankOrComment(t, line) && indentAt(t, line) > column) {
            const int first = line + indentAt(t, line);
            end = plainLineEnd(t, first, false);
            commentEnded = end != trimRight(t, first, lineEnd(t, first));
            line = nextLine(t, line);
        }
    }
    return {pos, end};
}

// The offset just after the bracket that closes the flow collection opened at `pos`.
int flowEnd(const QByteArray &t, int pos)
{
    int depth = 0;
    int i = pos;
    while (i < t.size()) {
        const char c = t[i];
        if (c == '"' || c == '\'') {
            i = quotedEnd(t, i);
            continue;
        }
        if (c == '#' && i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\n')) {
            i = lineEnd(t, i);
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
        ++i;
    }
    return int(t.size());
}

// ---- writing values -------------------------------------------------------------------------------

bool plainKeepsText(const QString &value, bool flow)
{
    if (value.isEmpty() || value.contains(u'\n'))
        return false;
    // Kubernetes' decoder would turn `true`, `1.50`, `~` into something else.
    if (argo::coercePlainScalar(value.toStdString()).has_value())
        return false;
    YAML::Emitter e;
    if (flow)
        return yaml::flowScalar(value) == value.toUtf8();
    e << value.toStdString();
    return QByteArray(e.c_str()) == value.toUtf8();
}

bool singleQuotable(const QString &value)
{
    for (QChar c : value)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    return true;
}

QByteArray singleQuoted(const QString &value)
{
    QString s = value;
    s.replace(u'\'', QStringLiteral("''"));
    return "'" + s.toUtf8() + "'";
}

QByteArray doubleQuoted(const QString &value)
{
    YAML::Emitter e;
    e << YAML::DoubleQuoted << value.toStdString();
    return QByteArray(e.c_str());
}

// The text of `value` after "key: " for a key at `column`. `previous` is the style of the scalar it
// replaces (its first character), kept when it can hold the value.
QByteArray scalarText(const QString &value, int column, bool flow, char previous = 0)
{
    if (!flow && value.contains(u'\n')) {
        // yaml::scalarEntry picks a literal block or a double-quoted string; drop its "k: " and final break.
        QByteArray entry = yaml::scalarEntry("k", value, column);
        entry = entry.mid(column + 3);
        if (entry.endsWith('\n'))
            entry.chop(1);
        return entry;
    }
    if (value.contains(u'\n'))
        return doubleQuoted(value);
    if (previous == '\'' && singleQuotable(value))
        return singleQuoted(value);
    if (previous == '"')
        return doubleQuoted(value);
    if (plainKeepsText(value, flow))
        return value.toUtf8();
    if (value.isEmpty())
        return "\"\"";
    return singleQuotable(value) ? singleQuoted(value) : doubleQuoted(value);
}

QByteArray keyText(const QString &key)
{
    return plainKeepsText(key, true) ? key.toUtf8() : doubleQuoted(key);
}

bool isItemSelector(const QString &element, QString *name = nullptr)
{
    if (!element.startsWith(QStringLiteral("[name=")) || !element.endsWith(u']'))
        return false;
    if (name)
        *name = element.mid(6, element.size() - 7);
    return true;
}

// New block-style lines for `rest` (the part of a path that does not exist yet) at `indent`.
QByteArray blockLines(const QStringList &rest, const QByteArray &value, bool raw, const QString &text, int indent)
{
    const QByteArray pad(indent, ' ');
    QString name;
    if (isItemSelector(rest.first(), &name)) {
        QByteArray out = pad + "- name: " + scalarText(name, indent + 2, false) + '\n';
        if (rest.size() > 1)
            out += blockLines(rest.mid(1), value, raw, text, indent + 2);
        return out;
    }
    if (rest.size() == 1)
        return pad + keyText(rest.first()) + ": " + (raw ? value : scalarText(text, indent, false)) + '\n';
    const int childIndent = isItemSelector(rest.at(1)) ? indent + 2 : indent + 2;
    return pad + keyText(rest.first()) + ":\n" + blockLines(rest.mid(1), value, raw, text, childIndent);
}

// The same in flow style: `key: value`, `key: {child: value}`, `{name: x, ...}` for an item.
QByteArray flowText(const QStringList &rest, const QByteArray &value, bool raw, const QString &text)
{
    QString name;
    if (isItemSelector(rest.first(), &name)) {
        QByteArray out = "{name: " + scalarText(name, 0, true);
        if (rest.size() > 1)
            out += ", " + flowText(rest.mid(1), value, raw, text);
        return out + '}';
    }
    if (rest.size() == 1)
        return keyText(rest.first()) + ": " + (raw ? value : scalarText(text, 0, true));
    if (isItemSelector(rest.at(1)))
        return keyText(rest.first()) + ": [" + flowText(rest.mid(1), value, raw, text) + ']';
    return keyText(rest.first()) + ": {" + flowText(rest.mid(1), value, raw, text) + '}';
}

std::vector<YAML::Node> loadAll(const QByteArray &text)
{
    return YAML::LoadAll(std::string(text.constData(), std::size_t(text.size())));
}

bool isNullNode(const YAML::Node &n) { return !n || n.IsNull(); }

} // namespace

// What a path resolves to: the deepest node that exists, and how it sits in the text.
struct YamlEdit::Located {
    int found = 0;         // path elements that exist
    YAML::Node node;       // the node of the last existing element (the document root when 0)
    YAML::Node key;        // its key when it is a mapping value
    YAML::Node container;  // the collection holding it
    int containerSize = 0; // entries or items in `container`
    int column = 0;        // the column of its key (or sequence dash)
    bool flow = false;     // inside a flow collection
    bool item = false;     // a sequence item rather than a mapping value
};

YamlEdit::YamlEdit(QByteArray text, int document)
    : m_text(std::move(text))
    , m_document(document)
{
    parse();
}

bool YamlEdit::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool YamlEdit::parse()
{
    m_documentLines.clear();
    try {
        for (const YAML::Node &doc : loadAll(m_text))
            m_documentLines.push_back(doc.Mark().is_null() ? 0 : doc.Mark().line + 1);
    } catch (const YAML::Exception &e) {
        return fail(QStringLiteral("%1:%2: %3").arg(e.mark.line + 1).arg(e.mark.column + 1).arg(QString::fromStdString(e.msg)));
    }
    if (m_document < 0 || m_document >= int(m_documentLines.size()))
        return fail(QStringLiteral("the text has no document %1").arg(m_document + 1));
    m_error.clear();
    return true;
}

int YamlEdit::documentAt(const QByteArray &text, int line)
{
    try {
        int index = 0, i = 0;
        for (const YAML::Node &doc : loadAll(text)) {
            if (!doc.Mark().is_null() && doc.Mark().line + 1 <= line)
                index = i;
            ++i;
        }
        return index;
    } catch (const YAML::Exception &) {
        return 0;
    }
}

// yaml-cpp's Node::operator= writes through to the node (it would rewrite the tree): handles
// here are only constructed or reset().
std::optional<YamlEdit::Located> YamlEdit::locate(const QStringList &path) const
{
    std::vector<YAML::Node> docs;
    try {
        docs = loadAll(m_text);
    } catch (const YAML::Exception &) {
        return std::nullopt;
    }
    if (m_document >= int(docs.size()))
        return std::nullopt;
    Located at;
    at.node.reset(docs[std::size_t(m_document)]);
    at.flow = !at.node.Mark().is_null() && (charAt(m_text, at.node.Mark().pos) == '{' || charAt(m_text, at.node.Mark().pos) == '[');
    for (const QString &element : path) {
        const YAML::Node parent(at.node);
        const bool parentFlow = at.flow;
        QString name;
        bool found = false;
        if (isItemSelector(element, &name)) {
            if (!parent.IsSequence())
                break;
            for (std::size_t i = 0; i < parent.size(); ++i) {
                const YAML::Node item = parent[i];
                if (item.IsMap() && item["name"] && item["name"].IsScalar() && QString::fromStdString(item["name"].Scalar()) == name) {
                    at.node.reset(item);
                    at.key.reset(YAML::Node());
                    at.item = true;
                    // The dash before the item (block) or the item itself (flow).
                    const int pos = int(item.Mark().pos);
                    const int start = lineStart(m_text, pos);
                    const int dash = m_text.lastIndexOf('-', pos);
                    at.column = parentFlow || dash < start ? pos - start : dash - start;
                    found = true;
                    break;
                }
            }
        } else {
            if (!parent.IsMap())
                break;
            for (auto it = parent.begin(); it != parent.end(); ++it) {
                if (it->first.IsScalar() && QString::fromStdString(it->first.Scalar()) == element) {
                    at.node.reset(it->second);
                    at.key.reset(it->first);
                    at.item = false;
                    const int pos = int(it->first.Mark().pos);
                    at.column = pos - lineStart(m_text, pos);
                    found = true;
                    break;
                }
            }
        }
        if (!found)
            break;
        at.container.reset(parent);
        at.containerSize = int(parent.size());
        const char open = isNullNode(at.node) || at.node.Mark().is_null() ? 0 : charAt(m_text, at.node.Mark().pos);
        at.flow = parentFlow || ((at.node.IsMap() || at.node.IsSequence()) && (open == '{' || open == '['));
        ++at.found;
    }
    return at;
}

std::pair<int, int> YamlEdit::nullValueSpan(const Located &at) const
{
    const int keyPos = int(at.key.Mark().pos);
    const int keyEnd = scalarSpan(m_text, keyPos, at.column, true).second;
    const int colon = m_text.indexOf(':', keyEnd);
    if (colon < 0)
        return {-1, -1};
    int i = colon + 1;
    while (i < m_text.size() && m_text[i] == ' ')
        ++i;
    // An explicit null (`~`, `null`) is replaced; a comment or the line end is kept.
    if (i < m_text.size() && m_text[i] != '\n' && m_text[i] != '#' && m_text[i] != '\r')
        return {colon + 1, plainLineEnd(m_text, i, at.flow)};
    return {colon + 1, colon + 1};
}

bool YamlEdit::contains(const QStringList &path) const
{
    const auto at = locate(path);
    return at && at->found == path.size();
}

std::optional<QString> YamlEdit::scalar(const QStringList &path) const
{
    const auto at = locate(path);
    if (!at || at->found != path.size() || !at->node.IsScalar())
        return std::nullopt;
    return QString::fromStdString(at->node.Scalar());
}

bool YamlEdit::replace(int offset, int length, const QByteArray &with)
{
    const QByteArray before = m_text;
    m_text.replace(offset, length, with);
    if (!parse()) {
        const QString why = m_error;
        m_text = before;
        parse();
        return fail(QStringLiteral("the edit would break the YAML (%1)").arg(why));
    }
    return true;
}

bool YamlEdit::setScalar(const QStringList &path, const QString &value) { return set(path, value, false); }

bool YamlEdit::setRaw(const QStringList &path, const QByteArray &plain) { return set(path, QString::fromUtf8(plain), true); }

bool YamlEdit::set(const QStringList &path, const QString &value, bool raw)
{
    if (!ok() || path.isEmpty())
        return ok() ? fail(QStringLiteral("empty path")) : false;
    const auto located = locate(path);
    if (!located)
        return fail(QStringLiteral("the text does not parse"));
    const Located &at = *located;
    const QByteArray rawValue = value.toUtf8();

    if (at.found == path.size()) { // replace the existing value
        if (isItemSelector(path.last()))
            return fail(QStringLiteral("%1 is a sequence item, not a value").arg(path.join(u'.')));
        if (at.node.IsMap() || at.node.IsSequence())
            return fail(QStringLiteral("%1 is a collection, not a value").arg(path.join(u'.')));
        if (isNullNode(at.node) && !at.item) {
            // `key:` or `key: ~`: the value goes after the colon.
            const auto [start, end] = nullValueSpan(at);
            if (start < 0)
                return fail(QStringLiteral("no colon after %1").arg(path.last()));
            return replace(start, end - start, ' ' + (raw ? rawValue : scalarText(value, at.column, at.flow)));
        }
        const int pos = int(at.node.Mark().pos);
        const auto [start, end] = scalarSpan(m_text, pos, at.column, at.flow);
        // Quotes the user chose for a value that did not need them are their style: kept. Quotes a
        // value needed (`'""'`) say nothing about how the next value should look.
        const bool styleChosen = plainKeepsText(QString::fromStdString(at.node.Scalar()), at.flow);
        const QByteArray with = raw ? rawValue : scalarText(value, at.column, at.flow, styleChosen ? charAt(m_text, pos) : 0);
        if (m_text.mid(start, end - start) == with)
            return true;
        return replace(start, end - start, with);
    }

    const QStringList rest = path.mid(at.found);
    const YAML::Node &parent = at.node;
    const bool wantSequence = isItemSelector(rest.first());
    if (at.found > 0 && isNullNode(parent)) {
        // `key:` with no value yet: the new lines go under it (a comment after the colon stays).
        if (at.flow || at.item)
            return fail(QStringLiteral("cannot add under an empty flow value"));
        auto [start, end] = nullValueSpan(at);
        if (start < 0)
            return fail(QStringLiteral("no colon after %1").arg(path.mid(0, at.found).join(u'.')));
        if (start == end)
            start = end = trimRight(m_text, start, lineEnd(m_text, start));
        QByteArray lines = blockLines(rest, rawValue, raw, value, at.column + 2);
        lines.chop(1);
        return replace(start, end - start, '\n' + lines);
    }
    if ((wantSequence && !parent.IsSequence()) || (!wantSequence && !parent.IsMap()))
        return fail(QStringLiteral("%1 is not a %2").arg(path.mid(0, at.found).join(u'.'), wantSequence ? QStringLiteral("list")
                                                                                                          : QStringLiteral("mapping")));
    const int pos = int(parent.Mark().pos);
    const char open = charAt(m_text, pos);
    if (open == '{' || open == '[') {
        const int close = flowEnd(m_text, pos) - 1;
        const bool empty = parent.size() == 0;
        return replace(close, 0, (empty ? QByteArray() : QByteArrayLiteral(", ")) + flowText(rest, rawValue, raw, value));
    }
    if (parent.size() == 0)
        return fail(QStringLiteral("cannot add to an empty collection here"));
    // After the last entry (or item) of the block collection, at its indentation.
    int column = 0;
    int end = 0;
    if (wantSequence) {
        const YAML::Node last = parent[parent.size() - 1];
        const int lastPos = int(last.Mark().pos);
        const int start = lineStart(m_text, lastPos);
        const int dash = m_text.lastIndexOf('-', lastPos);
        column = dash >= start ? dash - start : lastPos - start;
        end = blockEnd(m_text, lastPos, column);
    } else {
        YAML::Node lastKey;
        for (auto it = parent.begin(); it != parent.end(); ++it)
            lastKey.reset(it->first);
        const int lastPos = int(lastKey.Mark().pos);
        column = lastPos - lineStart(m_text, lastPos);
        end = blockEnd(m_text, lastPos, column, true);
    }
    QByteArray lines = blockLines(rest, rawValue, raw, value, column);
    if (end == m_text.size() && !m_text.endsWith('\n'))
        lines.prepend('\n');
    return replace(end, 0, lines);
}

bool YamlEdit::remove(const QStringList &path)
{
    if (!ok() || path.isEmpty())
        return false;
    const auto located = locate(path);
    if (!located)
        return fail(QStringLiteral("the text does not parse"));
    const Located &at = *located;
    if (at.found < path.size())
        return true; // nothing to remove
    if (at.containerSize == 1 && path.size() > 1)
        return remove(path.mid(0, path.size() - 1));
    const int anchor = int(at.item ? at.node.Mark().pos : at.key.Mark().pos);
    if (at.flow) {
        // `a: 1, b: 2` → drop this entry and one separating comma.
        int start = anchor;
        int end = 0;
        if (at.item || at.node.IsMap() || at.node.IsSequence()) {
            const int valuePos = int(at.node.Mark().pos);
            const char c = charAt(m_text, valuePos);
            end = (c == '{' || c == '[') ? flowEnd(m_text, valuePos) : scalarSpan(m_text, valuePos, 0, true).second;
        } else if (isNullNode(at.node)) {
            end = scalarSpan(m_text, anchor, 0, true).second;
            const int colon = m_text.indexOf(':', end);
            end = colon >= 0 ? colon + 1 : end;
        } else {
            end = scalarSpan(m_text, int(at.node.Mark().pos), 0, true).second;
        }
        int after = end;
        while (after < m_text.size() && (m_text[after] == ' ' || m_text[after] == '\n'))
            ++after;
        if (after < m_text.size() && m_text[after] == ',') {
            ++after;
            while (after < m_text.size() && m_text[after] == ' ')
                ++after;
            return replace(start, after - start, {});
        }
        int before = start;
        while (before > 0 && (m_text[before - 1] == ' ' || m_text[before - 1] == '\n'))
            --before;
        if (before > 0 && m_text[before - 1] == ',')
            start = before - 1;
        return replace(start, end - start, {});
    }
    const int start = lineStart(m_text, anchor);
    const QByteArray lead = m_text.mid(start, anchor - start);
    if (!at.item && !lead.trimmed().isEmpty())
        return fail(QStringLiteral("%1 shares its line with another entry").arg(path.last()));
    const int end = blockEnd(m_text, anchor, at.column, !at.item);
    return replace(start, end - start, {});
}

bool YamlEdit::renameKey(const QStringList &path, const QString &newKey)
{
    if (!ok())
        return false;
    const auto located = locate(path);
    if (!located || located->found < path.size() || located->item)
        return fail(QStringLiteral("no key %1").arg(path.join(u'.')));
    const Located &at = *located;
    const int pos = int(at.key.Mark().pos);
    const auto [start, end] = scalarSpan(m_text, pos, at.column, true);
    return replace(start, end - start, keyText(newKey));
}

} // namespace bindery::workspace
