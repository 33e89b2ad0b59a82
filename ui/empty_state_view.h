// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;

namespace bindery::ui {

// A placeholder that says plainly what a view will show and that it is not available yet,
// rather than showing fake data.
class EmptyStateView : public QWidget
{
    Q_OBJECT
public:
    EmptyStateView(const QString &title, const QString &explanation, QWidget *parent = nullptr);

    QString title() const;
    QString explanation() const;

private:
    QLabel *m_title;
    QLabel *m_explanation;
};

} // namespace bindery::ui
