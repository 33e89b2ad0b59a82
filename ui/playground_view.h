// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expr/value.h"

#include <QWidget>

class QLabel;
class QTimer;
class QTreeView;

namespace bindery::ui {

class CodeEditor;
class ExplainModel;

// The expression playground: one expression against the selected event's environment, its result
// and explanation as you type.
class PlaygroundView : public QWidget
{
    Q_OBJECT
public:
    explicit PlaygroundView(QWidget *parent = nullptr);

    void setEnvironment(const expr::Value &environment, const QString &eventName);
    CodeEditor *editor() const { return m_editor; }
    ExplainModel *model() const { return m_model; }
    QString resultText() const;
    // Evaluates now instead of after the typing pause (tests, the Run shortcut).
    void evaluateNow();

private:
    CodeEditor *m_editor;
    QLabel *m_context;
    QLabel *m_result;
    ExplainModel *m_model;
    QTreeView *m_tree;
    QTimer *m_debounce;
    expr::Value m_environment;
};

} // namespace bindery::ui
