// SPDX-License-Identifier: Apache-2.0
#include "ui/empty_state_view.h"

#include <QLabel>
#include <QVBoxLayout>

namespace bindery::ui {

EmptyStateView::EmptyStateView(const QString &title, const QString &explanation, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_explanation(new QLabel(explanation, this))
{
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setAlignment(Qt::AlignCenter);
    m_explanation->setAlignment(Qt::AlignCenter);
    m_explanation->setWordWrap(true);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_title);
    layout->addWidget(m_explanation);
    layout->addStretch();
}

QString EmptyStateView::title() const { return m_title->text(); }
QString EmptyStateView::explanation() const { return m_explanation->text(); }

} // namespace bindery::ui
