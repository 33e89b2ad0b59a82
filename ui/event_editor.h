// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/event_document.h"

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QTreeView;

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class CodeEditor;
class EnvironmentView;
class FindBar;
class HeadersModel;

// An event as a form: namespace, discriminator, headers, body (JSON), name and notes. Every edit is
// written to the Workspace in the event file format; changes made elsewhere (reload, revert) refill
// the form.
class EventEditor : public QWidget
{
    Q_OBJECT
public:
    EventEditor(workspace::Workspace &workspace, const QString &path, QWidget *parent = nullptr);

    QString path() const { return m_path; }
    workspace::EventDocument event() const;

    CodeEditor *bodyEditor() const { return m_body; }
    FindBar *findBar() const { return m_findBar; }
    HeadersModel *headersModel() const { return m_headers; }
    QLineEdit *discriminatorField() const { return m_discriminator; }
    EnvironmentView *environmentView() const { return m_environment; }

signals:
    void eventEdited(const QString &path);
    // "Insert path/condition" from the environment tree: for the selector being written.
    void insertRequested(const QString &text);

private:
    void load();
    void store();
    void refreshEnvironment();

    workspace::Workspace &m_workspace;
    QString m_path;
    QLineEdit *m_name;
    QLineEdit *m_namespace;
    QLineEdit *m_discriminator;
    QPlainTextEdit *m_notes;
    HeadersModel *m_headers;
    QTableView *m_headersView;
    CodeEditor *m_body;
    FindBar *m_findBar;
    EnvironmentView *m_environment;
    bool m_loading = false;
};

} // namespace bindery::ui
