// SPDX-License-Identifier: Apache-2.0
#include "ui/notification_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace bindery::ui {

NotificationBar::NotificationBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_buttons(new QHBoxLayout)
{
    setObjectName(QStringLiteral("notificationBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    m_label->setForegroundRole(QPalette::ToolTipText);
    m_label->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addLayout(m_buttons);
    hide();
}

void NotificationBar::ask(const QString &key, const QString &text, const QList<Action> &actions)
{
    for (Question &q : m_queue) {
        if (q.key == key) {
            q = {key, text, actions};
            showFront();
            return;
        }
    }
    m_queue.append({key, text, actions});
    showFront();
}

void NotificationBar::dismiss(const QString &key)
{
    m_queue.removeIf([&](const Question &q) { return q.key == key; });
    showFront();
}

QString NotificationBar::currentKey() const { return m_queue.isEmpty() ? QString() : m_queue.first().key; }
QString NotificationBar::currentText() const { return m_queue.isEmpty() ? QString() : m_queue.first().text; }

bool NotificationBar::trigger(const QString &actionText)
{
    if (m_queue.isEmpty())
        return false;
    const Question q = m_queue.takeFirst();
    showFront();
    for (const Action &a : q.actions) {
        if (a.text == actionText) {
            if (a.run)
                a.run();
            return true;
        }
    }
    return false;
}

void NotificationBar::showFront()
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater(); // may be the button being clicked
        delete item;
    }
    if (m_queue.isEmpty()) {
        hide();
        return;
    }
    const Question &q = m_queue.first();
    m_label->setText(q.text);
    for (const Action &a : q.actions) {
        auto *button = new QPushButton(a.text, this);
        const QString text = a.text;
        connect(button, &QPushButton::clicked, this, [this, text] { trigger(text); });
        m_buttons->addWidget(button);
    }
    show();
}

} // namespace bindery::ui
