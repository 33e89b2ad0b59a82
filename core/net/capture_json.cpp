// SPDX-License-Identifier: Apache-2.0
#include "net/capture_json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bindery::net::capturejson {

namespace {

bool isWs(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// End of the string literal whose opening quote is at pos, or -1.
qsizetype skipString(QByteArrayView t, qsizetype pos)
{
    for (qsizetype i = pos + 1; i < t.size(); ++i) {
        if (t[i] == '\\')
            ++i;
        else if (t[i] == '"')
            return i + 1;
        else if (static_cast<unsigned char>(t[i]) < 0x20)
            return -1;
    }
    return -1;
}

QString unescapeKey(QByteArrayView raw)
{
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw.sliced(1, raw.size() - 2));
    QByteArray doc = "[" + raw.toByteArray() + "]";
    return QJsonDocument::fromJson(doc).array().at(0).toString();
}

} // namespace

qsizetype skipWhitespace(QByteArrayView text, qsizetype pos)
{
    while (pos < text.size() && isWs(text[pos]))
        ++pos;
    return pos;
}

std::optional<Span> valueAt(QByteArrayView t, qsizetype pos)
{
    pos = skipWhitespace(t, pos);
    if (pos >= t.size())
        return std::nullopt;
    const qsizetype begin = pos;
    const char c = t[pos];
    if (c == '"') {
        const qsizetype e = skipString(t, pos);
        if (e < 0)
            return std::nullopt;
        return Span{begin, e};
    }
    if (c == '{' || c == '[') {
        // Bracket matching is enough here: callers validate the text with a real parser first,
        // or walk members/elements which re-check the structure they need.
        QByteArray stack;
        for (qsizetype i = pos; i < t.size(); ++i) {
            const char ch = t[i];
            if (ch == '"') {
                const qsizetype e = skipString(t, i);
                if (e < 0)
                    return std::nullopt;
                i = e - 1;
            } else if (ch == '{' || ch == '[') {
                stack.append(ch);
            } else if (ch == '}' || ch == ']') {
                if (stack.isEmpty() || (ch == '}') != (stack.back() == '{'))
                    return std::nullopt;
                stack.chop(1);
                if (stack.isEmpty())
                    return Span{begin, i + 1};
            }
        }
        return std::nullopt;
    }
    // Scalars: numbers, true, false, null.
    qsizetype i = pos;
    while (i < t.size() && !isWs(t[i]) && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ':')
        ++i;
    if (i == pos)
        return std::nullopt;
    return Span{begin, i};
}

std::optional<QList<Member>> members(QByteArrayView t, Span object)
{
    if (object.begin >= t.size() || t[object.begin] != '{')
        return std::nullopt;
    QList<Member> out;
    qsizetype i = skipWhitespace(t, object.begin + 1);
    if (i < t.size() && t[i] == '}')
        return out;
    while (i < t.size()) {
        if (t[i] != '"')
            return std::nullopt;
        const qsizetype keyEnd = skipString(t, i);
        if (keyEnd < 0)
            return std::nullopt;
        const QString key = unescapeKey(t.sliced(i, keyEnd - i));
        i = skipWhitespace(t, keyEnd);
        if (i >= t.size() || t[i] != ':')
            return std::nullopt;
        const auto v = valueAt(t, i + 1);
        if (!v)
            return std::nullopt;
        out.append({key, *v});
        i = skipWhitespace(t, v->end);
        if (i < t.size() && t[i] == ',') {
            i = skipWhitespace(t, i + 1);
            continue;
        }
        if (i < t.size() && t[i] == '}')
            return out;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<QList<Span>> elements(QByteArrayView t, Span array)
{
    if (array.begin >= t.size() || t[array.begin] != '[')
        return std::nullopt;
    QList<Span> out;
    qsizetype i = skipWhitespace(t, array.begin + 1);
    if (i < t.size() && t[i] == ']')
        return out;
    while (i < t.size()) {
        const auto v = valueAt(t, i);
        if (!v)
            return std::nullopt;
        out.append(*v);
        i = skipWhitespace(t, v->end);
        if (i < t.size() && t[i] == ',') {
            ++i;
            continue;
        }
        if (i < t.size() && t[i] == ']')
            return out;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Span> member(QByteArrayView text, Span object, QStringView key)
{
    const auto ms = members(text, object);
    if (!ms)
        return std::nullopt;
    for (const auto &m : *ms) {
        if (m.key == key)
            return m.value;
    }
    return std::nullopt;
}

QByteArray minify(QByteArrayView t)
{
    QByteArray out;
    out.reserve(t.size());
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '"') {
            qsizetype e = skipString(t, i);
            if (e < 0)
                e = t.size();
            out.append(t.data() + i, e - i);
            i = e - 1;
        } else if (!isWs(c)) {
            out.append(c);
        }
    }
    return out;
}

namespace {

struct Step {
    enum Kind { Key, Index, Wildcard } kind = Key;
    QString key;
    qsizetype index = 0;
};

std::optional<QList<Step>> parsePath(QStringView p, QString *error)
{
    QList<Step> steps;
    qsizetype i = 0;
    auto fail = [&](const QString &why) -> std::optional<QList<Step>> {
        if (error)
            *error = QStringLiteral("JSON path '%1', column %2: %3").arg(p.toString()).arg(i + 1).arg(why);
        return std::nullopt;
    };
    if (p.startsWith(QLatin1Char('$')))
        i = 1;
    bool expectName = i == 0; // "a.b" is read like "$.a.b"
    while (i < p.size()) {
        const QChar c = p[i];
        if (expectName || c == QLatin1Char('.')) {
            if (!expectName)
                ++i;
            expectName = false;
            qsizetype j = i;
            while (j < p.size() && p[j] != QLatin1Char('.') && p[j] != QLatin1Char('['))
                ++j;
            if (j == i)
                return fail(QStringLiteral("empty name"));
            const QStringView name = p.sliced(i, j - i);
            steps.append(name == QLatin1String("*") ? Step{Step::Wildcard, {}, 0}
                                                     : Step{Step::Key, name.toString(), 0});
            i = j;
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = p.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                return fail(QStringLiteral("'[' without ']'"));
            const QStringView inner = p.sliced(i + 1, close - i - 1).trimmed();
            if (inner == QLatin1String("*")) {
                steps.append({Step::Wildcard, {}, 0});
            } else if (inner.size() >= 2
                       && ((inner.front() == QLatin1Char('\'') && inner.back() == QLatin1Char('\''))
                           || (inner.front() == QLatin1Char('"') && inner.back() == QLatin1Char('"')))) {
                steps.append({Step::Key, inner.sliced(1, inner.size() - 2).toString(), 0});
            } else {
                bool ok = false;
                const qsizetype n = inner.toLongLong(&ok);
                if (!ok || n < 0)
                    return fail(QStringLiteral("expected an index, '*' or a quoted name in [...]"));
                steps.append({Step::Index, {}, n});
            }
            i = close + 1;
        } else {
            return fail(QStringLiteral("expected '.' or '['"));
        }
    }
    return steps;
}

void walk(QByteArrayView t, Span at, const QList<Step> &steps, qsizetype k, QList<Span> &out)
{
    if (k == steps.size()) {
        out.append(at);
        return;
    }
    const Step &s = steps[k];
    if (at.begin >= t.size())
        return;
    if (t[at.begin] == '{') {
        const auto ms = members(t, at);
        if (!ms)
            return;
        for (const auto &m : *ms) {
            if (s.kind == Step::Wildcard || (s.kind == Step::Key && m.key == s.key))
                walk(t, m.value, steps, k + 1, out);
        }
    } else if (t[at.begin] == '[') {
        const auto es = elements(t, at);
        if (!es)
            return;
        for (qsizetype i = 0; i < es->size(); ++i) {
            if (s.kind == Step::Wildcard || (s.kind == Step::Index && s.index == i))
                walk(t, es->at(i), steps, k + 1, out);
        }
    }
}

} // namespace

std::optional<QList<Span>> select(QByteArrayView text, QStringView path, QString *error)
{
    const auto steps = parsePath(path, error);
    if (!steps)
        return std::nullopt;
    QList<Span> out;
    const auto root = valueAt(text, 0);
    if (root)
        walk(text, *root, *steps, 0, out);
    return out;
}

LineColumn lineColumnAt(QByteArrayView text, qsizetype offset)
{
    LineColumn lc;
    offset = std::min(offset, text.size());
    for (qsizetype i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++lc.line;
            lc.column = 1;
        } else {
            ++lc.column;
        }
    }
    return lc;
}

} // namespace bindery::net::capturejson
