// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expr/value.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace bindery::ui {

class EnvironmentModel;

// The environment of the selected event as the selector sees it, with "insert path" and
// "insert condition" to build a selector by pointing.
class EnvironmentView : public QWidget
{
    Q_OBJECT
public:
    explicit EnvironmentView(QWidget *parent = nullptr);

    void resetData(const expr::Value &environment, const QString &title, const QString &error = {});
    EnvironmentModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }

    // What the buttons insert for the current node.
    QString currentPath() const;
    QString currentCondition() const;

signals:
    void insertRequested(const QString &text);

private:
    EnvironmentModel *m_model;
    QTreeView *m_tree;
    QLabel *m_title;
};

} // namespace bindery::ui
