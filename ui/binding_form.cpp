// SPDX-License-Identifier: Apache-2.0
#include "ui/binding_form.h"

#include "ui/code_editor.h"
#include "ui/expression_field.h"
#include "workspace/workspace.h"
#include "workspace/yaml_edit.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace bindery::ui {

namespace {

constexpr int kCommitDelayMs = 500;
constexpr int kRefreshDelayMs = 250;

QStringList metadataPath(const char *key) { return {QStringLiteral("metadata"), QString::fromUtf8(key)}; }
const QStringList kSelectorPath{QStringLiteral("spec"), QStringLiteral("event"), QStringLiteral("selector")};
QStringList refPath(const char *key)
{
    return {QStringLiteral("spec"), QStringLiteral("submit"), QStringLiteral("workflowTemplateRef"), QString::fromUtf8(key)};
}
QStringList parameterPath(const QString &name)
{
    return {QStringLiteral("spec"), QStringLiteral("submit"), QStringLiteral("arguments"), QStringLiteral("parameters"),
            QStringLiteral("[name=%1]").arg(name)};
}
QStringList parameterEventPath(const QString &name)
{
    return parameterPath(name) << QStringLiteral("valueFrom") << QStringLiteral("event");
}
QStringList submitMetadataPath(const QString &key)
{
    return {QStringLiteral("spec"), QStringLiteral("submit"), QStringLiteral("metadata"), key};
}

QString q(const std::string &s) { return QString::fromStdString(s); }

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    label->setFont(f);
    return label;
}

} // namespace

BindingForm::BindingForm(workspace::Workspace &workspace, const QString &path, CodeEditor *document, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_path(path)
    , m_document(document)
    , m_refreshTimer(new QTimer(this))
    , m_commitTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("bindingForm"));
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    m_commitTimer->setSingleShot(true);
    m_commitTimer->setInterval(kCommitDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_commitTimer, &QTimer::timeout, this, &BindingForm::commitPending);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("formProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("QLabel { background: palette(tool-tip-base); color: palette(tool-tip-text);"
                                            " border: 1px solid #c0392b; border-radius: 3px; padding: 6px; }"));
    m_problem->hide();
    m_editError = new QLabel(this);
    m_editError->setObjectName(QStringLiteral("formEditError"));
    m_editError->setWordWrap(true);
    m_editError->hide();

    m_fields = new QWidget;
    auto *fieldsLayout = new QVBoxLayout(m_fields);
    fieldsLayout->setContentsMargins(12, 8, 12, 12);
    fieldsLayout->setSpacing(10);
    m_bindingChoice = new QComboBox(m_fields);
    m_bindingChoice->setObjectName(QStringLiteral("bindingChoice"));
    m_bindingChoice->hide();
    connect(m_bindingChoice, &QComboBox::activated, this, &BindingForm::setCurrentBinding);
    fieldsLayout->addWidget(m_bindingChoice);
    fieldsLayout->addWidget(buildBindingSection());
    fieldsLayout->addWidget(buildSubmitSection());
    fieldsLayout->addWidget(buildMetadataSection());
    fieldsLayout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    // The form follows the width it gets (fields shrink, hints wrap) rather than scrolling sideways.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_fields);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_problem);
    layout->addWidget(m_editError);
    layout->addWidget(scroll, 1);

    if (m_document)
        connect(m_document, &QsciScintilla::textChanged, this, [this] {
            if (!m_applying)
                m_refreshTimer->start();
        });
    // Templates live in other files too: their parameters feed the table.
    connect(&m_workspace, &workspace::Workspace::snapshotChanged, this, [this] {
        if (!m_applying)
            m_refreshTimer->start();
    });
}

BindingForm::~BindingForm()
{
    // The fields die after this object's members (in ~QWidget): they must not reach m_writers then.
    for (QWidget *field : m_writers.keys())
        disconnect(field, &QObject::destroyed, this, nullptr);
}

QWidget *BindingForm::buildBindingSection()
{
    auto *box = new QGroupBox(tr("Binding"), m_fields);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("bindingName"));
    m_namespace = new QLineEdit(box);
    m_namespace->setObjectName(QStringLiteral("bindingNamespace"));
    m_selector = new ExpressionField(box);
    m_selector->setObjectName(QStringLiteral("selector"));
    m_selector->setToolTip(tr("spec.event.selector: an expr expression over {namespace, discriminator, metadata, payload} "
                              "that must yield true for the binding to fire"));
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Namespace"), m_namespace);
    form->addRow(tr("Selector"), m_selector);
    form->addRow(QString(), hint(tr("Pick values in the event's environment tree (Insert path / Insert condition) to "
                                    "build the selector at the cursor."),
                                 box));
    bindField(m_name, [this] { edit([&](workspace::YamlEdit &y) { return y.setScalar(metadataPath("name"), m_name->text()); }); });
    bindField(m_namespace, [this] {
        edit([&](workspace::YamlEdit &y) {
            return m_namespace->text().isEmpty() ? y.remove(metadataPath("namespace"))
                                                 : y.setScalar(metadataPath("namespace"), m_namespace->text());
        });
    });
    bindField(m_selector, [this] { edit([&](workspace::YamlEdit &y) { return y.setScalar(kSelectorPath, m_selector->value()); }); });
    return box;
}

QWidget *BindingForm::buildSubmitSection()
{
    auto *box = new QGroupBox(tr("Submit"), m_fields);
    auto *layout = new QVBoxLayout(box);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_template = new QComboBox(box);
    m_template->setObjectName(QStringLiteral("template"));
    m_template->setToolTip(tr("spec.submit.workflowTemplateRef: the WorkflowTemplate or ClusterWorkflowTemplate to submit"));
    connect(m_template, &QComboBox::activated, this, [this](int index) {
        const QVariantList choice = m_template->itemData(index).toList();
        if (choice.size() == 2)
            chooseTemplate(choice.at(0).toString(), choice.at(1).toBool());
    });
    form->addRow(tr("Template"), m_template);
    layout->addLayout(form);

    auto *table = new QWidget(box);
    table->setObjectName(QStringLiteral("parameters"));
    m_parameterGrid = new QGridLayout(table);
    m_parameterGrid->setContentsMargins(0, 0, 0, 0);
    m_parameterGrid->setHorizontalSpacing(8);
    m_parameterGrid->setColumnStretch(2, 1);
    auto *nameHeader = new QLabel(tr("<b>Parameter</b>"), table);
    auto *valueHeader = new QLabel(tr("<b>Value</b> (valueFrom.event)"), table);
    valueHeader->setWordWrap(true);
    m_parameterGrid->addWidget(nameHeader, 0, 0, 1, 2);
    m_parameterGrid->addWidget(valueHeader, 0, 2, 1, 2);
    layout->addWidget(table);

    auto *add = new QHBoxLayout;
    m_newParameter = new QLineEdit(box);
    m_newParameter->setObjectName(QStringLiteral("newParameterName"));
    m_newParameter->setPlaceholderText(tr("parameter name"));
    auto *addButton = new QPushButton(tr("Add Parameter"), box);
    addButton->setObjectName(QStringLiteral("addParameter"));
    const auto addNew = [this] {
        if (!m_newParameter->text().trimmed().isEmpty()) {
            addParameter(m_newParameter->text().trimmed());
            m_newParameter->clear();
        }
    };
    connect(addButton, &QPushButton::clicked, this, addNew);
    connect(m_newParameter, &QLineEdit::returnPressed, this, addNew);
    add->addWidget(m_newParameter, 1);
    add->addWidget(addButton);
    layout->addLayout(add);
    return box;
}

QWidget *BindingForm::buildMetadataSection()
{
    auto *box = new QGroupBox(tr("Workflow metadata (submit.metadata)"), m_fields);
    auto *layout = new QVBoxLayout(box);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_workflowName = new ExpressionField(box);
    m_workflowName->setObjectName(QStringLiteral("workflowName"));
    m_workflowName->setToolTip(tr("An expression; a constant name fails from the second event on (AlreadyExists)"));
    m_workflowGenerateName = new ExpressionField(box);
    m_workflowGenerateName->setObjectName(QStringLiteral("workflowGenerateName"));
    m_workflowGenerateName->setToolTip(tr("An expression yielding the prefix Kubernetes completes with 5 random characters"));
    m_workflowName->setPlaceholderText(tr("empty: the generate name plus 5 random characters"));
    m_workflowGenerateName->setPlaceholderText(tr("empty: the template’s name and a dash"));
    form->addRow(tr("Name"), m_workflowName);
    form->addRow(tr("Generate name"), m_workflowGenerateName);
    layout->addLayout(form);
    const auto optional = [this](ExpressionField *field, const char *key) {
        bindField(field, [this, field, key] {
            edit([&](workspace::YamlEdit &y) {
                const QStringList path = submitMetadataPath(QString::fromUtf8(key));
                return field->value().isEmpty() ? y.remove(path) : y.setScalar(path, field->value());
            });
        });
    };
    optional(m_workflowName, "name");
    optional(m_workflowGenerateName, "generateName");
    m_labels.path = submitMetadataPath(QStringLiteral("labels"));
    m_annotations.path = submitMetadataPath(QStringLiteral("annotations"));
    layout->addWidget(buildMapEditor(m_labels, tr("Labels"), QStringLiteral("labels")));
    layout->addWidget(buildMapEditor(m_annotations, tr("Annotations"), QStringLiteral("annotations")));
    return box;
}

QWidget *BindingForm::buildMapEditor(MapEditor &map, const QString &title, const QString &objectName)
{
    auto *box = new QWidget(m_fields);
    box->setObjectName(objectName);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *header = new QLabel(QStringLiteral("<b>%1</b> %2").arg(title, tr("(each value an expression)")), box);
    header->setWordWrap(true);
    layout->addWidget(header);
    auto *rows = new QWidget(box);
    map.grid = new QGridLayout(rows);
    map.grid->setContentsMargins(0, 0, 0, 0);
    map.grid->setColumnStretch(1, 1);
    layout->addWidget(rows);
    auto *add = new QHBoxLayout;
    map.newKey = new QLineEdit(box);
    map.newKey->setObjectName(objectName + QStringLiteral("NewKey"));
    map.newKey->setPlaceholderText(tr("key"));
    auto *addButton = new QPushButton(tr("Add"), box);
    addButton->setObjectName(objectName + QStringLiteral("Add"));
    MapEditor *target = &map;
    const auto addNew = [this, target] {
        const QString key = target->newKey->text().trimmed();
        if (key.isEmpty())
            return;
        if (edit([&](workspace::YamlEdit &y) { return y.setScalar(QStringList(target->path) << key, QStringLiteral("\"\"")); }))
            target->newKey->clear();
    };
    connect(addButton, &QPushButton::clicked, this, addNew);
    connect(map.newKey, &QLineEdit::returnPressed, this, addNew);
    add->addWidget(map.newKey, 1);
    add->addWidget(addButton);
    layout->addLayout(add);
    return box;
}

void BindingForm::watch(QWidget *field)
{
    field->installEventFilter(this);
    if (auto *scintilla = qobject_cast<QsciScintilla *>(field))
        scintilla->viewport()->installEventFilter(this);
}

void BindingForm::bindField(QWidget *field, std::function<void()> write)
{
    m_writers.insert(field, std::move(write));
    watch(field);
    const auto edited = [this, field] {
        m_pending.insert(field);
        m_commitTimer->start();
    };
    if (auto *line = qobject_cast<QLineEdit *>(field)) {
        connect(line, &QLineEdit::textEdited, this, edited);
        connect(line, &QLineEdit::editingFinished, this, &BindingForm::commitPending);
    } else if (auto *expr = qobject_cast<ExpressionField *>(field)) {
        expr->setCompletionWords(m_completionWords);
        connect(expr, &ExpressionField::textEdited, this, edited);
        connect(expr, &ExpressionField::editingFinished, this, &BindingForm::commitPending);
    }
    connect(field, &QObject::destroyed, this, [this, field] {
        m_writers.remove(field);
        m_pending.remove(field);
    });
}

void BindingForm::commitPending()
{
    m_commitTimer->stop();
    const QSet<QWidget *> pending = m_pending;
    m_pending.clear();
    for (QWidget *field : pending)
        if (m_writers.contains(field))
            m_writers.value(field)();
}

bool BindingForm::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool undo = key->matches(QKeySequence::Undo);
        const bool redo = key->matches(QKeySequence::Redo);
        if (undo || redo) {
            // One history: the document's. A field's own undo would fork it.
            event->accept();
            if (event->type() == QEvent::KeyPress && m_document) {
                commitPending();
                m_applying = true;
                undo ? m_document->undo() : m_document->redo();
                m_applying = false;
                refresh();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void BindingForm::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

bool BindingForm::edit(const std::function<bool(workspace::YamlEdit &)> &change)
{
    if (!m_document || isReadOnly())
        return false;
    const QByteArray before = m_document->bytes();
    workspace::YamlEdit yaml(before, m_documentIndex);
    if (!yaml.ok() || !change(yaml)) {
        m_editError->setText(tr("The form could not change the YAML: %1").arg(yaml.error()));
        m_editError->show();
        return false;
    }
    m_editError->hide();
    if (yaml.text() == before)
        return true;
    m_applying = true;
    m_document->applyEdit(workspace::diffEdit(before, yaml.text()));
    m_applying = false;
    emit documentEdited();
    refresh();
    return true;
}

bool BindingForm::isReadOnly() const { return !m_problem->isHidden() || !m_fields->isEnabled(); }

QString BindingForm::problem() const { return isReadOnly() ? m_problem->text() : QString(); }

void BindingForm::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    m_fields->setEnabled(message.isEmpty());
}

void BindingForm::setCurrentBinding(int index)
{
    commitPending();
    m_bindingIndex = index;
    refresh();
}

void BindingForm::setCompletionWords(const QStringList &words)
{
    m_completionWords = words;
    for (auto *field : findChildren<ExpressionField *>())
        field->setCompletionWords(words);
}

void BindingForm::setFieldValue(ExpressionField *field, const QString &value)
{
    if (!m_pending.contains(field))
        field->setValue(value);
}

void BindingForm::setLineValue(QLineEdit *field, const QString &value)
{
    if (!m_pending.contains(field) && field->text() != value)
        field->setText(value);
}

void BindingForm::refresh()
{
    m_refreshTimer->stop();
    if (!m_document)
        return;
    const QByteArray text = m_document->bytes();
    const workspace::YamlEdit yaml(text);
    if (!yaml.ok()) {
        showProblem(tr("The YAML does not parse at %1. Fix it in the YAML view; the form is read-only until then.")
                        .arg(yaml.error()));
        emit refreshed();
        return;
    }
    const argo::ManifestSet set = argo::loadManifests(std::string_view(text.constData(), std::size_t(text.size())),
                                                      m_path.toStdString());
    m_bindingNames.clear();
    for (const argo::WorkflowEventBinding &b : set.bindings)
        m_bindingNames.push_back(q(b.metadata.name));
    if (set.bindings.empty()) {
        showProblem(tr("This file holds no WorkflowEventBinding."));
        emit refreshed();
        return;
    }
    m_bindingIndex = qBound(0, m_bindingIndex, int(set.bindings.size()) - 1);
    m_bindingChoice->clear();
    for (const QString &name : m_bindingNames)
        m_bindingChoice->addItem(name.isEmpty() ? tr("(unnamed binding)") : name);
    m_bindingChoice->setCurrentIndex(m_bindingIndex);
    m_bindingChoice->setVisible(set.bindings.size() > 1);
    const argo::WorkflowEventBinding &binding = set.bindings[std::size_t(m_bindingIndex)];
    m_documentIndex = workspace::YamlEdit::documentAt(text, binding.location.line);
    if (workspace::YamlEdit(text, m_documentIndex).scalar({QStringLiteral("kind")}) != QStringLiteral("WorkflowEventBinding")) {
        // Inside a `kind: List`: the form's paths start at a document's root.
        showProblem(tr("This binding sits inside a List; edit it in the YAML view."));
        emit refreshed();
        return;
    }

    // Every template of the workspace (this file's current text included).
    m_templates.clear();
    const workspace::WorkspaceSnapshot snapshot = m_workspace.snapshot();
    for (const auto &manifest : snapshot.manifests()) {
        const QByteArray source = manifest->path == m_path ? text : manifest->text;
        const argo::ManifestSet other = argo::loadManifests(std::string_view(source.constData(), std::size_t(source.size())),
                                                            manifest->path.toStdString());
        for (const argo::WorkflowTemplate &t : other.templates)
            m_templates.push_back({q(t.metadata.name), t.clusterScoped, t.parameters});
    }

    showProblem({});
    setLineValue(m_name, q(binding.metadata.name));
    setLineValue(m_namespace, q(binding.metadata.namespace_));
    m_namespace->setPlaceholderText(tr("%1 (the workspace's default)").arg(snapshot.index().namespaceName));
    setFieldValue(m_selector, q(binding.selector));
    updateTemplates(binding);
    updateParameters(binding);
    const argo::SubmitMetadata meta = binding.submit ? binding.submit->metadata : argo::SubmitMetadata{};
    setFieldValue(m_workflowName, q(meta.name));
    setFieldValue(m_workflowGenerateName, q(meta.generateName));
    updateMap(m_labels, meta.labels);
    updateMap(m_annotations, meta.annotations);
    emit refreshed();
}

const BindingForm::TemplateChoice *BindingForm::chosenTemplate(const argo::WorkflowEventBinding &binding) const
{
    if (!binding.submit)
        return nullptr;
    for (const TemplateChoice &t : m_templates)
        if (t.name == q(binding.submit->templateName) && t.cluster == binding.submit->clusterScope)
            return &t;
    return nullptr;
}

void BindingForm::updateTemplates(const argo::WorkflowEventBinding &binding)
{
    const QSignalBlocker blocker(m_template);
    m_template->clear();
    for (const TemplateChoice &t : m_templates)
        m_template->addItem(t.cluster ? tr("%1  (ClusterWorkflowTemplate)").arg(t.name) : t.name,
                            QVariantList{t.name, t.cluster});
    const TemplateChoice *chosen = chosenTemplate(binding);
    if (chosen) {
        m_template->setCurrentIndex(int(chosen - m_templates.data()));
        m_template->setToolTip(tr("spec.submit.workflowTemplateRef: the template to submit"));
        return;
    }
    const QString name = binding.submit ? q(binding.submit->templateName) : QString();
    m_template->insertItem(0, style()->standardIcon(QStyle::SP_MessageBoxWarning),
                           name.isEmpty() ? tr("(choose a template)") : tr("%1  (not in the workspace)").arg(name),
                           QVariant());
    m_template->setCurrentIndex(0);
    m_template->setToolTip(name.isEmpty() ? tr("The binding submits no template yet")
                                          : tr("No %1 named “%2” in the workspace")
                                                .arg(binding.submit->clusterScope ? tr("ClusterWorkflowTemplate")
                                                                                  : tr("WorkflowTemplate"),
                                                     name));
}

bool BindingForm::chooseTemplate(const QString &name, bool clusterScoped)
{
    commitPending();
    return edit([&](workspace::YamlEdit &y) {
        return y.setScalar(refPath("name"), name)
               && (clusterScoped ? y.setRaw(refPath("clusterScope"), "true") : y.remove(refPath("clusterScope")));
    });
}

void BindingForm::updateParameters(const argo::WorkflowEventBinding &binding)
{
    const TemplateChoice *chosen = chosenTemplate(binding);
    struct Row {
        QString name;
        ParameterState state;
        QString value;
        QString tip;
        QString placeholder;
    };
    QList<Row> rows;
    const std::vector<argo::BindingParameter> supplied = binding.submit ? binding.submit->parameters
                                                                        : std::vector<argo::BindingParameter>{};
    const auto find = [&](const std::string &name) -> const argo::BindingParameter * {
        for (const argo::BindingParameter &p : supplied)
            if (p.name == name)
                return &p;
        return nullptr;
    };
    if (chosen) {
        for (const argo::TemplateParameter &tp : chosen->parameters) {
            const argo::BindingParameter *p = find(tp.name);
            Row row{q(tp.name), ParameterState::Supplied, p ? q(p->event) : QString(), {}, {}};
            if (!p && tp.hasDefault) {
                row.state = ParameterState::Optional;
                row.placeholder = tp.value ? tr("default: %1").arg(q(*tp.value)) : tr("the template's default applies");
                row.tip = tr("Template “%1” gives “%2” a default (%3); type an expression to supply it from the event.")
                              .arg(chosen->name, row.name, tp.value ? tr("“%1”").arg(q(*tp.value)) : tr("its enum's first value"));
            } else if (!p) {
                row.state = ParameterState::Missing;
                row.tip = tr("Missing: template “%1” declares “%2” without a default and this binding does not supply it, "
                             "so Argo cannot submit the workflow. Type an expression to supply it.")
                              .arg(chosen->name, row.name);
            }
            rows.append(row);
        }
    }
    for (const argo::BindingParameter &p : supplied) {
        const bool declared = chosen && std::any_of(chosen->parameters.begin(), chosen->parameters.end(),
                                                    [&](const argo::TemplateParameter &tp) { return tp.name == p.name; });
        if (declared)
            continue;
        Row row{q(p.name), ParameterState::Supplied, q(p.event), {}, {}};
        if (chosen) {
            row.state = ParameterState::Unknown;
            row.tip = tr("Unknown: template “%1” does not declare “%2” in spec.arguments.parameters. Argo passes it "
                         "anyway (as workflow.parameters.%2); check the name, or declare it in the template.")
                          .arg(chosen->name, row.name);
        }
        rows.append(row);
    }

    QStringList names;
    for (const Row &r : rows)
        names << r.name;
    if (names != parameterNames()) {
        for (const ParameterRow &r : std::as_const(m_parameters)) {
            for (QWidget *w : {static_cast<QWidget *>(r.status), static_cast<QWidget *>(r.label),
                               static_cast<QWidget *>(r.value), static_cast<QWidget *>(r.remove)}) {
                m_parameterGrid->removeWidget(w);
                w->deleteLater();
            }
        }
        m_parameters.clear();
        QWidget *table = m_parameterGrid->parentWidget();
        for (const Row &r : std::as_const(rows)) {
            ParameterRow row;
            row.name = r.name;
            row.status = new QLabel(table);
            row.label = new QLabel(r.name, table);
            row.label->setObjectName(QStringLiteral("parameterName"));
            row.label->setWordWrap(true);
            row.value = new ExpressionField(table);
            row.value->setObjectName(QStringLiteral("parameterValue"));
            row.remove = new QToolButton(table);
            row.remove->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
            row.remove->setAutoRaise(true);
            row.remove->setToolTip(tr("Remove “%1” from the binding").arg(r.name));
            row.remove->setObjectName(QStringLiteral("removeParameter"));
            const QString name = r.name;
            ExpressionField *field = row.value;
            connect(row.remove, &QPushButton::clicked, this, [this, name] { removeParameter(name); });
            bindField(field, [this, name, field] {
                const QString value = field->value();
                if (value.isEmpty() && (parameterState(name) == ParameterState::Missing
                                        || parameterState(name) == ParameterState::Optional))
                    return; // nothing typed into a row the binding does not have yet
                edit([&](workspace::YamlEdit &y) { return y.setScalar(parameterEventPath(name), value); });
            });
            const int at = int(m_parameters.size()) + 1;
            m_parameterGrid->addWidget(row.status, at, 0, Qt::AlignTop);
            m_parameterGrid->addWidget(row.label, at, 1, Qt::AlignTop);
            m_parameterGrid->addWidget(row.value, at, 2);
            m_parameterGrid->addWidget(row.remove, at, 3, Qt::AlignTop);
            m_parameters.append(row);
        }
    }
    for (int i = 0; i < rows.size(); ++i) {
        ParameterRow &row = m_parameters[i];
        const Row &r = rows.at(i);
        row.state = r.state;
        const bool flagged = r.state == ParameterState::Missing || r.state == ParameterState::Unknown;
        const QIcon icon = style()->standardIcon(flagged ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation);
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
        row.status->setPixmap(r.state == ParameterState::Supplied ? QPixmap() : icon.pixmap(size, size));
        row.status->setMinimumWidth(size);
        const char *state = r.state == ParameterState::Missing    ? "missing"
                            : r.state == ParameterState::Unknown  ? "unknown"
                            : r.state == ParameterState::Optional ? "optional"
                                                                  : "supplied";
        row.label->setProperty("parameterState", QString::fromUtf8(state));
        row.label->setText(r.state == ParameterState::Supplied ? r.name
                           : flagged ? QStringLiteral("<span style=\"color:#c0392b\">%1</span> <i>(%2)</i>").arg(r.name.toHtmlEscaped(), r.state == ParameterState::Missing ? tr("missing") : tr("unknown"))
                                     : QStringLiteral("%1 <i>(%2)</i>").arg(r.name.toHtmlEscaped(), tr("default")));
        for (QWidget *w : {static_cast<QWidget *>(row.status), static_cast<QWidget *>(row.label), static_cast<QWidget *>(row.value)})
            w->setToolTip(r.tip.isEmpty() ? tr("valueFrom.event of “%1”: an expression over the event").arg(r.name) : r.tip);
        row.remove->setVisible(r.state == ParameterState::Supplied || r.state == ParameterState::Unknown);
        row.value->setPlaceholderText(r.state == ParameterState::Missing    ? tr("required: an expression, e.g. payload.%1").arg(r.name)
                                      : r.state == ParameterState::Optional ? r.placeholder
                                                                            : QString());
        setFieldValue(row.value, r.value);
    }
}

void BindingForm::updateMap(MapEditor &map, const argo::StringMap &entries)
{
    QStringList keys;
    for (const argo::StringEntry &e : entries)
        keys << q(e.key);
    QStringList current;
    for (const MapRow &r : std::as_const(map.rows))
        current << r.key;
    if (keys != current) {
        for (const MapRow &r : std::as_const(map.rows))
            for (QWidget *w : {static_cast<QWidget *>(r.label), static_cast<QWidget *>(r.value), static_cast<QWidget *>(r.remove)}) {
                map.grid->removeWidget(w);
                w->deleteLater();
            }
        map.rows.clear();
        QWidget *parent = map.grid->parentWidget();
        MapEditor *target = &map;
        for (const QString &key : std::as_const(keys)) {
            MapRow row;
            row.key = key;
            row.label = new QLabel(key, parent);
            row.value = new ExpressionField(parent);
            row.value->setObjectName(QStringLiteral("mapValue"));
            row.value->setToolTip(tr("The value of “%1”: an expression (submit.metadata may use sprig and the other "
                                     "Argo functions)").arg(key));
            row.remove = new QToolButton(parent);
            row.remove->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
            row.remove->setAutoRaise(true);
            row.remove->setToolTip(tr("Remove “%1”").arg(key));
            ExpressionField *field = row.value;
            connect(row.remove, &QPushButton::clicked, this, [this, target, key] {
                commitPending();
                edit([&](workspace::YamlEdit &y) { return y.remove(QStringList(target->path) << key); });
            });
            bindField(field, [this, target, key, field] {
                edit([&](workspace::YamlEdit &y) { return y.setScalar(QStringList(target->path) << key, field->value()); });
            });
            const int at = int(map.rows.size());
            map.grid->addWidget(row.label, at, 0, Qt::AlignTop);
            map.grid->addWidget(row.value, at, 1);
            map.grid->addWidget(row.remove, at, 2, Qt::AlignTop);
            map.rows.append(row);
        }
    }
    for (int i = 0; i < map.rows.size(); ++i)
        setFieldValue(map.rows[i].value, q(entries[std::size_t(i)].value));
}

QStringList BindingForm::parameterNames() const
{
    QStringList names;
    for (const ParameterRow &r : m_parameters)
        names << r.name;
    return names;
}

BindingForm::ParameterState BindingForm::parameterState(const QString &name) const
{
    for (const ParameterRow &r : m_parameters)
        if (r.name == name)
            return r.state;
    return ParameterState::Supplied;
}

ExpressionField *BindingForm::parameterField(const QString &name) const
{
    for (const ParameterRow &r : m_parameters)
        if (r.name == name)
            return r.value;
    return nullptr;
}

QString BindingForm::parameterToolTip(const QString &name) const
{
    for (const ParameterRow &r : m_parameters)
        if (r.name == name)
            return r.label->toolTip();
    return {};
}

void BindingForm::removeParameter(const QString &name)
{
    commitPending();
    edit([&](workspace::YamlEdit &y) { return y.remove(parameterPath(name)); });
}

void BindingForm::addParameter(const QString &name)
{
    commitPending();
    // An empty expression does not compile; the empty string literal is a valid start.
    edit([&](workspace::YamlEdit &y) { return y.setScalar(parameterEventPath(name), QStringLiteral("\"\"")); });
}

} // namespace bindery::ui
