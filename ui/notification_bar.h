// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFrame>
#include <QList>

#include <functional>

class QHBoxLayout;
class QLabel;

namespace bindery::ui {

// A question shown above the editors instead of a modal dialog, so that the user can look at the
// file before answering (external changes, recovered edits). Questions queue up, one shown at a time;
// asking again with the same key replaces the earlier question.
class NotificationBar : public QFrame
{
    Q_OBJECT
public:
    struct Action {
        QString text;
        std::function<void()> run;
    };

    explicit NotificationBar(QWidget *parent = nullptr);

    void ask(const QString &key, const QString &text, const QList<Action> &actions);
    void dismiss(const QString &key);
    QString currentKey() const;
    QString currentText() const;
    // Runs the current question's action by its button text (what a click does).
    bool trigger(const QString &actionText);
    int pending() const { return int(m_queue.size()); }

private:
    struct Question {
        QString key;
        QString text;
        QList<Action> actions;
    };
    void showFront();

    QList<Question> m_queue;
    QLabel *m_label;
    QHBoxLayout *m_buttons;
};

} // namespace bindery::ui
