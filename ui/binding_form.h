// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "argo/manifest.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QFormLayout;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QTimer;

namespace bindery::workspace {
class Workspace;
class YamlEdit;
} // namespace bindery::workspace

namespace bindery::ui {

class CodeEditor;
class ExpressionField;

// The form view of a manifest's WorkflowEventBinding, a second view of the same document as the
// YAML editor. Every form edit is an edit of that document (the smallest span that changes, see
// workspace::YamlEdit), so there is one undo history and the user's comments and layout survive;
// document edits refresh the form after a short pause. While the YAML does not parse, the form
// says why and is read-only.
class BindingForm : public QWidget
{
    Q_OBJECT
public:
    // The state of a row of the parameters table.
    enum class ParameterState { Supplied, Missing, Optional, Unknown };

    BindingForm(workspace::Workspace &workspace, const QString &path, CodeEditor *document, QWidget *parent = nullptr);
    ~BindingForm() override;

    // Re-reads the document and the workspace's templates now (normally debounced).
    void refresh();
    // Writes the field being edited now (normally after a pause or when it loses focus).
    void commitPending();

    bool isReadOnly() const;
    QString problem() const; // why the form is read-only ("" when it is not)
    int bindingCount() const { return int(m_bindingNames.size()); }
    void setCurrentBinding(int index);

    // The parameter rows, in table order, for tests and tooltips.
    QStringList parameterNames() const;
    ParameterState parameterState(const QString &name) const;
    ExpressionField *parameterField(const QString &name) const;
    QString parameterToolTip(const QString &name) const;
    void removeParameter(const QString &name);
    void addParameter(const QString &name);
    // Chooses a template (as the combo does): "name" or "name (cluster)".
    bool chooseTemplate(const QString &name, bool clusterScoped);

    void setCompletionWords(const QStringList &words);

signals:
    // The form changed the document (for the editor area to mark the tab).
    void documentEdited();
    // The form shows the document as it is now (after a pause following an edit elsewhere).
    void refreshed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct TemplateChoice {
        QString name;
        bool cluster = false;
        std::vector<argo::TemplateParameter> parameters;
    };
    struct ParameterRow {
        QString name;
        ParameterState state = ParameterState::Supplied;
        QLabel *status = nullptr;
        QLabel *label = nullptr;
        ExpressionField *value = nullptr;
        QToolButton *remove = nullptr;
    };
    struct MapRow {
        QString key;
        QLabel *label = nullptr;
        ExpressionField *value = nullptr;
        QToolButton *remove = nullptr;
    };
    struct MapEditor {
        QStringList path; // spec.submit.metadata.labels
        QGridLayout *grid = nullptr;
        QLineEdit *newKey = nullptr;
        QList<MapRow> rows;
    };

    QWidget *buildBindingSection();
    QWidget *buildSubmitSection();
    QWidget *buildMetadataSection();
    QWidget *buildMapEditor(MapEditor &map, const QString &title, const QString &objectName);
    void watch(QWidget *field);
    // Edits the document with `change` as one undo step; false (and a message) when it cannot.
    bool edit(const std::function<bool(workspace::YamlEdit &)> &change);
    // Registers a field whose text is written by `write` after a pause or on focus out.
    void bindField(QWidget *field, std::function<void()> write);
    void setFieldValue(ExpressionField *field, const QString &value);
    void setLineValue(QLineEdit *field, const QString &value);
    void updateTemplates(const argo::WorkflowEventBinding &binding);
    void updateParameters(const argo::WorkflowEventBinding &binding);
    void updateMap(MapEditor &map, const argo::StringMap &entries);
    void showProblem(const QString &message);
    const TemplateChoice *chosenTemplate(const argo::WorkflowEventBinding &binding) const;

    workspace::Workspace &m_workspace;
    QString m_path;
    QPointer<CodeEditor> m_document;
    int m_bindingIndex = 0;
    int m_documentIndex = 0;
    std::vector<QString> m_bindingNames;
    std::vector<TemplateChoice> m_templates;
    QStringList m_completionWords;

    QTimer *m_refreshTimer;
    QTimer *m_commitTimer;
    QHash<QWidget *, std::function<void()>> m_writers;
    QSet<QWidget *> m_pending;
    bool m_applying = false;

    QLabel *m_problem = nullptr;
    QLabel *m_editError = nullptr;
    QWidget *m_fields = nullptr;
    QComboBox *m_bindingChoice = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_namespace = nullptr;
    ExpressionField *m_selector = nullptr;
    QComboBox *m_template = nullptr;
    QGridLayout *m_parameterGrid = nullptr;
    QList<ParameterRow> m_parameters;
    QLineEdit *m_newParameter = nullptr;
    ExpressionField *m_workflowName = nullptr;
    ExpressionField *m_workflowGenerateName = nullptr;
    MapEditor m_labels;
    MapEditor m_annotations;
};

} // namespace bindery::ui
