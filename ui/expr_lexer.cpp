// SPDX-License-Identifier: Apache-2.0
#include "ui/expr_lexer.h"

#include <Qsci/qsciscintilla.h>

namespace bindery::ui {

namespace {

bool isIdentStart(QChar c) { return c.isLetter() || c == u'_' || c == u'$'; }
bool isIdentPart(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$'; }

// Splits `text` into (length, style) runs. Whole-text styling is fine: selectors are short.
template<typename Sink>
void tokenize(const QString &text, const QSet<QString> &keywords, const QSet<QString> &builtins, Sink sink)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        const qsizetype start = i;
        int style = ExprLexer::Default;
        if (c == u'/' && i + 1 < n && text.at(i + 1) == u'/') {
            while (i < n && text.at(i) != u'\n')
                ++i;
            style = ExprLexer::Comment;
        } else if (c == u'/' && i + 1 < n && text.at(i + 1) == u'*') {
            const qsizetype close = text.indexOf(QStringLiteral("*/"), i + 2);
            i = close < 0 ? n : close + 2;
            style = ExprLexer::Comment;
        } else if (c == u'"' || c == u'\'' || c == u'`') {
            ++i;
            while (i < n && text.at(i) != c) {
                if (text.at(i) == u'\\' && c != u'`')
                    ++i;
                ++i;
            }
            i = qMin(i + 1, n);
            style = ExprLexer::String;
        } else if (c.isDigit() || (c == u'.' && i + 1 < n && text.at(i + 1).isDigit() && (i == 0 || !isIdentPart(text.at(i - 1))))) {
            while (i < n && (text.at(i).isLetterOrNumber() || text.at(i) == u'_'
                             || (text.at(i) == u'.' && i + 1 < n && text.at(i + 1).isDigit())))
                ++i;
            style = ExprLexer::Number;
        } else if (c == u'#') {
            ++i;
            while (i < n && isIdentPart(text.at(i)))
                ++i;
            style = ExprLexer::Placeholder;
        } else if (isIdentStart(c)) {
            while (i < n && isIdentPart(text.at(i)))
                ++i;
            const QString word = text.mid(start, i - start);
            const bool member = start > 0 && text.at(start - 1) == u'.';
            if (!member && keywords.contains(word))
                style = ExprLexer::Keyword;
            else if (!member && builtins.contains(word) && i < n && text.at(i) == u'(')
                style = ExprLexer::Builtin;
        } else if (c.isSpace()) {
            while (i < n && text.at(i).isSpace())
                ++i;
        } else {
            ++i;
            style = ExprLexer::Operator;
        }
        sink(start, i - start, style);
    }
}

} // namespace

ExprLexer::ExprLexer(QObject *parent)
    : QsciLexerCustom(parent)
{
}

QStringList ExprLexer::keywords()
{
    return {QStringLiteral("true"),       QStringLiteral("false"),   QStringLiteral("nil"),
            QStringLiteral("not"),        QStringLiteral("and"),     QStringLiteral("or"),
            QStringLiteral("in"),         QStringLiteral("matches"), QStringLiteral("contains"),
            QStringLiteral("startsWith"), QStringLiteral("endsWith"), QStringLiteral("let"),
            QStringLiteral("if"),         QStringLiteral("else")};
}

QString ExprLexer::description(int style) const
{
    switch (style) {
    case Default: return tr("Default");
    case Keyword: return tr("Keyword");
    case Builtin: return tr("Builtin function");
    case String: return tr("String");
    case Number: return tr("Number");
    case Operator: return tr("Operator");
    case Comment: return tr("Comment");
    case Placeholder: return tr("Predicate placeholder");
    default: return {};
    }
}

void ExprLexer::setBuiltins(const QStringList &names)
{
    m_builtins = QSet<QString>(names.begin(), names.end());
}

QList<int> ExprLexer::stylesOf(const QString &text) const
{
    static const QSet<QString> kw = [] {
        const QStringList k = keywords();
        return QSet<QString>(k.begin(), k.end());
    }();
    QList<int> styles(text.size(), Default);
    tokenize(text, kw, m_builtins, [&](qsizetype start, qsizetype length, int style) {
        for (qsizetype k = start; k < start + length; ++k)
            styles[k] = style;
    });
    return styles;
}

void ExprLexer::styleText(int, int)
{
    QsciScintilla *ed = editor();
    if (!ed)
        return;
    static const QSet<QString> kw = [] {
        const QStringList k = keywords();
        return QSet<QString>(k.begin(), k.end());
    }();
    const QString text = ed->text();
    startStyling(0);
    // Scintilla styles bytes: each run's length is its UTF-8 length.
    tokenize(text, kw, m_builtins, [&](qsizetype start, qsizetype length, int style) {
        setStyling(int(text.mid(start, length).toUtf8().size()), style);
    });
}

} // namespace bindery::ui
