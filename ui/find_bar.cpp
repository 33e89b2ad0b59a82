// SPDX-License-Identifier: Apache-2.0
#include "ui/find_bar.h"

#include "ui/code_editor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace bindery::ui {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
{
    m_find->setPlaceholderText(tr("Find"));
    m_find->setObjectName(QStringLiteral("findField"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_replace->setObjectName(QStringLiteral("replaceField"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto makeButton = [this](const QString &text, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(makeButton(tr("Previous"), [this] { findNext(false); }), 0, 1);
    layout->addWidget(makeButton(tr("Next"), [this] { findNext(true); }), 0, 2);
    layout->addWidget(m_caseSensitive, 0, 3);
    layout->addWidget(m_status, 0, 4);
    layout->addWidget(makeButton(tr("Close"), [this] { hide(); }), 0, 5);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(makeButton(tr("Replace"), [this] { replaceCurrent(); }), 1, 1);
    layout->addWidget(makeButton(tr("All"), [this] { replaceAll(); }), 1, 2);
    layout->setColumnStretch(0, 1);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(true); });
    connect(m_replace, &QLineEdit::returnPressed, this, [this] { replaceCurrent(); });
    hide();
}

void FindBar::setEditor(CodeEditor *editor) { m_editor = editor; }

void FindBar::showFind()
{
    show();
    if (m_editor && m_editor->hasSelectedText() && !m_editor->selectedText().contains(u'\n'))
        m_find->setText(m_editor->selectedText());
    m_find->setFocus();
    m_find->selectAll();
}

void FindBar::showReplace()
{
    showFind();
    m_replace->show();
}

bool FindBar::findNext(bool forward)
{
    if (!m_editor || m_find->text().isEmpty())
        return false;
    int line = 0, index = 0;
    m_editor->getCursorPosition(&line, &index);
    if (!forward && m_editor->hasSelectedText()) {
        int l1, i1, l2, i2;
        m_editor->getSelection(&l1, &i1, &l2, &i2);
        line = l1;
        index = i1;
    }
    const bool found = m_editor->findFirst(m_find->text(), false, m_caseSensitive->isChecked(), false, true, forward,
                                           line, index, true);
    m_status->setText(found ? QString() : tr("Not found"));
    return found;
}

void FindBar::replaceCurrent()
{
    if (!m_editor)
        return;
    if (m_editor->hasSelectedText()
        && m_editor->selectedText().compare(m_find->text(), m_caseSensitive->isChecked() ? Qt::CaseSensitive
                                                                                          : Qt::CaseInsensitive)
               == 0)
        m_editor->replaceSelectedText(m_replace->text());
    findNext(true);
}

int FindBar::replaceAll()
{
    if (!m_editor || m_find->text().isEmpty())
        return 0;
    int count = 0;
    m_editor->beginUndoAction(); // one undo step for the whole replacement
    bool found = m_editor->findFirst(m_find->text(), false, m_caseSensitive->isChecked(), false, false, true, 0, 0, false);
    while (found) {
        m_editor->replace(m_replace->text());
        ++count;
        found = m_editor->findNext();
    }
    m_editor->endUndoAction();
    m_status->setText(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (m_editor)
            m_editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace bindery::ui
