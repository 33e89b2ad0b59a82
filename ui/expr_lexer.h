// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSet>
#include <QStringList>

#include <Qsci/qscilexercustom.h>

namespace bindery::ui {

// Highlighting for the expr language (expr-lang v1.17.8): keywords, builtins, strings, numbers,
// operators, comments, the predicate placeholders (#, #index, #acc).
class ExprLexer : public QsciLexerCustom
{
    Q_OBJECT
public:
    enum Style { Default, Keyword, Builtin, String, Number, Operator, Comment, Placeholder, StyleCount };

    explicit ExprLexer(QObject *parent = nullptr);

    const char *language() const override { return "expr"; }
    QString description(int style) const override;
    void styleText(int start, int end) override;

    void setBuiltins(const QStringList &names);
    static QStringList keywords();

    // For tests: the style of each character of `text` as styleText() would set it.
    QList<int> stylesOf(const QString &text) const;

private:
    QSet<QString> m_builtins;
};

} // namespace bindery::ui
