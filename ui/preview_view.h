// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "argo/dispatcher.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace bindery::ui {

class CodeEditor;

// The Workflow preview dock: for one event and binding, the Workflow Argo would create (YAML), the
// parameters with the exact strings Argo passes, the Warning events it records and the HTTP answer.
class PreviewView : public QWidget
{
    Q_OBJECT
public:
    explicit PreviewView(QWidget *parent = nullptr);

    void showOutcome(const QString &title, const argo::DispatchResult &result, const argo::BindingOutcome *outcome);
    void clear(const QString &hint);

    CodeEditor *yaml() const { return m_yaml; }
    QTreeWidget *parameters() const { return m_parameters; }
    QTreeWidget *warnings() const { return m_warnings; }

private:
    QLabel *m_title;
    CodeEditor *m_yaml;
    QTreeWidget *m_parameters;
    QTreeWidget *m_warnings;
};

} // namespace bindery::ui
