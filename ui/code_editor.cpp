// SPDX-License-Identifier: Apache-2.0
#include "ui/code_editor.h"

#include "ui/expr_lexer.h"

#include <QApplication>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QToolTip>

#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexeryaml.h>

namespace bindery::ui {

namespace {

constexpr int kErrorIndicator = 8;
constexpr int kWarningIndicator = 9;
constexpr int kCompletionListId = 1;

struct Colors {
    QColor comment, keyword, string, number, property, op, error, lineNumbers;
};

Colors colorsFor(bool dark)
{
    if (dark)
        return {QColor(0x7f, 0x8c, 0x8d), QColor(0xc6, 0x78, 0xdd), QColor(0x98, 0xc3, 0x79), QColor(0xd1, 0x9a, 0x66),
                QColor(0x61, 0xaf, 0xef), QColor(0xab, 0xb2, 0xbf), QColor(0xe0, 0x6c, 0x75), QColor(0x80, 0x80, 0x80)};
    return {QColor(0x6a, 0x73, 0x7d), QColor(0x8b, 0x1e, 0xa6), QColor(0x1a, 0x7f, 0x37), QColor(0xa6, 0x4b, 0x00),
            QColor(0x05, 0x50, 0xae), QColor(0x24, 0x29, 0x2f), QColor(0xcf, 0x22, 0x2e), QColor(0x8c, 0x95, 0x9f)};
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setMarginLineNumbers(0, true);
    setFolding(BoxedTreeFoldStyle, 2);
    setBraceMatching(SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setTabIndents(true);
    setBackspaceUnindents(true);
    setEolMode(EolUnix);
    setCaretLineVisible(true);
    indicatorDefine(SquiggleIndicator, kErrorIndicator);
    indicatorDefine(SquiggleIndicator, kWarningIndicator);
    SendScintilla(SCI_SETMOUSEDWELLTIME, 400);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &CodeEditor::onDwell);
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
    connect(this, &QsciScintilla::textChanged, this, [this] {
        updateMarginWidth();
        if (!m_replacing)
            emit userEdited();
    });
    connect(this, &QsciScintilla::userListActivated, this, [this](int id, const QString &chosen) {
        if (id != kCompletionListId)
            return;
        int start = 0;
        tokenBeforeCursor(&start);
        int line = 0, index = 0;
        getCursorPosition(&line, &index);
        beginUndoAction();
        SendScintilla(SCI_SETSELECTION, long(positionFromLineIndex(line, index)), long(start));
        replaceSelectedText(chosen);
        endUndoAction();
    });
    applyTheme();
    updateMarginWidth();
}

void CodeEditor::setLanguage(Language language)
{
    m_language = language;
    QsciLexer *old = lexer();
    switch (language) {
    case Language::Plain:
        setLexer(nullptr);
        break;
    case Language::Yaml:
        setLexer(new QsciLexerYAML(this));
        break;
    case Language::Json:
        setLexer(new QsciLexerJSON(this));
        break;
    case Language::Expr:
        setLexer(new ExprLexer(this));
        break;
    }
    if (old && old != lexer())
        old->deleteLater();
    applyTheme();
}

bool CodeEditor::isDark() const
{
    return palette().color(QPalette::Base).lightness() < 128;
}

void CodeEditor::applyTheme()
{
    const QPalette pal = palette();
    const bool dark = isDark();
    const Colors c = colorsFor(dark);
    const QColor paper = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    if (QsciLexer *lex = lexer()) {
        lex->setDefaultPaper(paper);
        lex->setDefaultColor(text);
        lex->setDefaultFont(font);
        for (int style = 0; style < 128; ++style) {
            if (lex->description(style).isEmpty())
                continue;
            lex->setPaper(paper, style);
            lex->setColor(text, style);
            lex->setFont(font, style);
        }
        const auto set = [lex](int style, const QColor &color) { lex->setColor(color, style); };
        if (qobject_cast<QsciLexerYAML *>(lex)) {
            set(QsciLexerYAML::Comment, c.comment);
            set(QsciLexerYAML::Identifier, c.property);
            set(QsciLexerYAML::Keyword, c.keyword);
            set(QsciLexerYAML::Number, c.number);
            set(QsciLexerYAML::Reference, c.keyword);
            set(QsciLexerYAML::DocumentDelimiter, c.keyword);
            set(QsciLexerYAML::TextBlockMarker, c.op);
            set(QsciLexerYAML::SyntaxErrorMarker, c.error);
            set(QsciLexerYAML::Operator, c.op);
        } else if (qobject_cast<QsciLexerJSON *>(lex)) {
            set(QsciLexerJSON::Number, c.number);
            set(QsciLexerJSON::String, c.string);
            set(QsciLexerJSON::UnclosedString, c.error);
            set(QsciLexerJSON::Property, c.property);
            set(QsciLexerJSON::EscapeSequence, c.keyword);
            set(QsciLexerJSON::CommentLine, c.comment);
            set(QsciLexerJSON::CommentBlock, c.comment);
            set(QsciLexerJSON::Operator, c.op);
            set(QsciLexerJSON::Keyword, c.keyword);
            set(QsciLexerJSON::Error, c.error);
        } else if (qobject_cast<ExprLexer *>(lex)) {
            set(ExprLexer::Keyword, c.keyword);
            set(ExprLexer::Builtin, c.property);
            set(ExprLexer::String, c.string);
            set(ExprLexer::Number, c.number);
            set(ExprLexer::Operator, c.op);
            set(ExprLexer::Comment, c.comment);
            set(ExprLexer::Placeholder, c.number);
        }
        lex->refreshProperties();
    } else {
        setFont(font);
        setPaper(paper);
        setColor(text);
    }
    setMarginsFont(font);
    setMarginsBackgroundColor(pal.color(QPalette::Window));
    setMarginsForegroundColor(c.lineNumbers);
    setFoldMarginColors(pal.color(QPalette::Window), pal.color(QPalette::Window));
    setCaretForegroundColor(text);
    setCaretLineBackgroundColor(dark ? paper.lighter(125) : paper.darker(104));
    setSelectionBackgroundColor(pal.color(QPalette::Highlight));
    setSelectionForegroundColor(pal.color(QPalette::HighlightedText));
    setMatchedBraceBackgroundColor(dark ? QColor(0x3e, 0x44, 0x51) : QColor(0xd7, 0xe8, 0xff));
    setMatchedBraceForegroundColor(text);
    setUnmatchedBraceForegroundColor(c.error);
    setIndicatorForegroundColor(c.error, kErrorIndicator);
    setIndicatorForegroundColor(dark ? QColor(0xe5, 0xc0, 0x7b) : QColor(0xbf, 0x87, 0x00), kWarningIndicator);
}

void CodeEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
}

void CodeEditor::updateMarginWidth()
{
    if (m_lineNumbers)
        setMarginWidth(0, QStringLiteral("0") + QString::number(qMax(lines(), 99)));
}

void CodeEditor::setLineNumbersVisible(bool visible)
{
    m_lineNumbers = visible;
    setMarginLineNumbers(0, visible);
    if (visible)
        updateMarginWidth();
    else
        setMarginWidth(0, 0);
}

QByteArray CodeEditor::bytes() const
{
    return text().toUtf8();
}

void CodeEditor::applyEdit(const workspace::TextEdit &edit)
{
    if (edit.isNull())
        return;
    beginUndoAction();
    SendScintilla(SCI_SETTARGETRANGE, static_cast<unsigned long>(edit.offset), static_cast<long>(edit.offset + edit.length));
    SendScintilla(SCI_REPLACETARGET, static_cast<unsigned long>(edit.text.size()), edit.text.constData());
    endUndoAction();
}

void CodeEditor::replaceText(const QString &newText)
{
    if (newText == text())
        return;
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    const int first = firstVisibleLine();
    m_replacing = true;
    // One undo step that the user can take back (Ctrl+Z), instead of setText()'s wiped history.
    beginUndoAction();
    selectAll();
    replaceSelectedText(newText);
    endUndoAction();
    m_replacing = false;
    line = qMin(line, qMax(0, lines() - 1));
    setCursorPosition(line, qMin(index, int(this->text(line).size())));
    setFirstVisibleLine(first);
}

int CodeEditor::positionOf(int line, int column) const
{
    // QScintilla's line indexes count characters; it converts them to Scintilla's byte positions.
    const int l = qBound(0, line - 1, qMax(0, lines() - 1));
    return positionFromLineIndex(l, qMax(0, column - 1));
}

void CodeEditor::setDiagnostics(const QList<EditorDiagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    const int end = length();
    SendScintilla(SCI_SETINDICATORCURRENT, kErrorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, end);
    SendScintilla(SCI_SETINDICATORCURRENT, kWarningIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, end);
    for (const EditorDiagnostic &d : diagnostics) {
        int start = positionOf(d.line, d.column);
        int stop = start;
        if (d.length > 0) {
            stop = positionOf(d.line, d.column + d.length);
            if (stop <= start) // a span that runs past the line end
                stop = qMin(end, start + d.length);
        } else {
            stop = int(SendScintilla(SCI_WORDENDPOSITION, start, 1L));
        }
        if (stop <= start)
            stop = qMin(end, start + 1);
        if (stop <= start && start > 0) // at the very end: mark the last character
            --start;
        SendScintilla(SCI_SETINDICATORCURRENT,
                      d.severity == EditorDiagnostic::Severity::Error ? kErrorIndicator : kWarningIndicator);
        SendScintilla(SCI_INDICATORFILLRANGE, start, qMax(1, stop - start));
    }
}

bool CodeEditor::hasSquiggleAt(int line, int column) const
{
    auto *self = const_cast<CodeEditor *>(this);
    const int pos = positionOf(line, column);
    return self->SendScintilla(SCI_INDICATORVALUEAT, kErrorIndicator, long(pos)) != 0
           || self->SendScintilla(SCI_INDICATORVALUEAT, kWarningIndicator, long(pos)) != 0;
}

QString CodeEditor::diagnosticAt(int line, int column) const
{
    QStringList messages;
    const int pos = positionOf(line, column);
    for (const EditorDiagnostic &d : m_diagnostics) {
        const int start = positionOf(d.line, d.column);
        int stop = d.length > 0 ? positionOf(d.line, d.column + d.length)
                                : int(const_cast<CodeEditor *>(this)->SendScintilla(SCI_WORDENDPOSITION, start, 1L));
        stop = qMax(stop, start + 1);
        if (pos >= start && pos < stop)
            messages << d.message;
    }
    return messages.join(u'\n');
}

void CodeEditor::onDwell(int position, int x, int y)
{
    if (position < 0)
        return;
    int line = 0, index = 0;
    lineIndexFromPosition(position, &line, &index);
    const QString message = diagnosticAt(line + 1, index + 1);
    if (!message.isEmpty())
        QToolTip::showText(viewport()->mapToGlobal(QPoint(x, y)), message, viewport());
}

void CodeEditor::setCompletionWords(const QStringList &words)
{
    m_completionWords = words;
    m_completionWords.removeDuplicates();
    m_completionWords.sort();
}

QString CodeEditor::tokenBeforeCursor(int *start) const
{
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    const QString before = text(line).left(index);
    // A path token: identifiers joined by '.', '?.' and ["..."] subscripts.
    qsizetype i = before.size();
    while (i > 0) {
        const QChar ch = before.at(i - 1);
        if (ch.isLetterOrNumber() || ch == u'_' || ch == u'.' || ch == u'[' || ch == u']' || ch == u'"' || ch == u'-'
            || ch == u'?' || ch == u'$')
            --i;
        else
            break;
    }
    *start = positionFromLineIndex(line, int(i));
    return before.mid(i);
}

QStringList CodeEditor::completionsFor(const QString &prefix) const
{
    QStringList out;
    for (const QString &w : m_completionWords)
        if (w.startsWith(prefix) && w != prefix)
            out << w;
    return out;
}

void CodeEditor::showCompletions()
{
    int start = 0;
    const QString token = tokenBeforeCursor(&start);
    const QStringList candidates = completionsFor(token);
    if (candidates.isEmpty()) {
        cancelList();
        return;
    }
    showUserList(kCompletionListId, candidates);
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::ControlModifier) {
        showCompletions();
        return;
    }
    QsciScintilla::keyPressEvent(event);
    // Offer completions while typing a name or path (two characters at least, to stay out of the way).
    const QString typed = event->text();
    if (!m_completionWords.isEmpty() && typed.size() == 1 && (typed.at(0).isLetterOrNumber() || typed == u"." || typed == u"[" || typed == u"\"")) {
        // In YAML, pop up only for paths (payload.…, metadata[…]) so that typing keys stays quiet.
        int start = 0;
        const QString token = tokenBeforeCursor(&start);
        const bool path = token.contains(u'.') || token.contains(u'[');
        if (token.size() >= 2 && (m_language == Language::Expr || path))
            showCompletions();
    }
}

void CodeEditor::insertAtCursor(const QString &text)
{
    beginUndoAction();
    if (hasSelectedText())
        removeSelectedText();
    const long position = SendScintilla(SCI_GETCURRENTPOS);
    insert(text);
    SendScintilla(SCI_GOTOPOS, position + long(text.toUtf8().size()));
    endUndoAction();
    setFocus();
}

} // namespace bindery::ui
