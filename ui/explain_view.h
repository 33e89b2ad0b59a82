// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/evaluation.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace bindery::ui {

class ExplainModel;

// The Explain dock: why one binding's selector is true, false or failing for one event.
class ExplainView : public QWidget
{
    Q_OBJECT
public:
    explicit ExplainView(QWidget *parent = nullptr);

    void showExplanation(const QString &title, const workspace::Explanation &explanation);
    void clear(const QString &hint);
    ExplainModel *model() const { return m_model; }
    QString title() const;

private:
    ExplainModel *m_model;
    QTreeView *m_tree;
    QLabel *m_title;
    QLabel *m_result;
};

} // namespace bindery::ui
