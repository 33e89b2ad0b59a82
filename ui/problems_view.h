// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/diagnostic.h"

#include <QWidget>

class QTreeView;

namespace bindery::ui {

class ProblemsModel;

// The Problems dock: every problem of the workspace; activating one opens the file at the spot.
class ProblemsView : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemsView(QWidget *parent = nullptr);

    void resetData(const QList<workspace::Diagnostic> &problems);
    ProblemsModel *model() const { return m_model; }
    // Applies the fix of the problem at `row` (what the button and the context menu do).
    bool fix(int row);

signals:
    void openRequested(const QString &path, int line, int column);
    void fixRequested(const bindery::workspace::Diagnostic &problem);

private:
    ProblemsModel *m_model;
    QTreeView *m_view;
};

} // namespace bindery::ui
