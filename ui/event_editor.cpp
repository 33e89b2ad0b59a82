// SPDX-License-Identifier: Apache-2.0
#include "ui/event_editor.h"

#include "ui/code_editor.h"
#include "ui/environment_view.h"
#include "ui/find_bar.h"
#include "ui/headers_model.h"
#include "workspace/evaluation.h"
#include "workspace/workspace.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bindery::ui {

EventEditor::EventEditor(workspace::Workspace &workspace, const QString &path, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_path(path)
    , m_name(new QLineEdit(this))
    , m_namespace(new QLineEdit(this))
    , m_discriminator(new QLineEdit(this))
    , m_notes(new QPlainTextEdit(this))
    , m_headers(new HeadersModel(this))
    , m_headersView(new QTableView(this))
    , m_body(new CodeEditor(this))
    , m_findBar(new FindBar(this))
    , m_environment(new EnvironmentView(this))
{
    setObjectName(QStringLiteral("eventEditor"));
    m_name->setObjectName(QStringLiteral("eventName"));
    m_namespace->setObjectName(QStringLiteral("eventNamespace"));
    m_discriminator->setObjectName(QStringLiteral("eventDiscriminator"));
    m_discriminator->setPlaceholderText(tr("(empty: POST /api/v1/events/{namespace}/)"));
    m_notes->setObjectName(QStringLiteral("eventNotes"));
    m_notes->setPlaceholderText(tr("What this event shows"));
    m_notes->setMaximumHeight(m_notes->fontMetrics().lineSpacing() * 4);
    m_body->setObjectName(QStringLiteral("eventBody"));
    m_body->setLanguage(CodeEditor::Language::Json);
    m_findBar->setEditor(m_body);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Name&space:"), m_namespace);
    form->addRow(tr("&Discriminator:"), m_discriminator);
    form->addRow(tr("N&otes:"), m_notes);

    m_headersView->setModel(m_headers);
    m_headersView->setObjectName(QStringLiteral("eventHeaders"));
    m_headersView->horizontalHeader()->setStretchLastSection(true);
    m_headersView->verticalHeader()->hide();
    m_headersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *add = new QPushButton(tr("Add header"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        m_headers->appendHeader({QStringLiteral("X-Header"), QString()});
        m_headersView->edit(m_headers->index(m_headers->rowCount() - 1, HeadersModel::Name));
    });
    connect(remove, &QPushButton::clicked, this, [this] { m_headers->removeHeader(m_headersView->currentIndex().row()); });
    auto *note = new QLabel(tr("Only <b>x-</b> headers reach the selector: lower-cased, each as a list of strings "
                               "(<code>metadata[\"x-github-event\"] == [\"push\"]</code>)."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *headersBox = new QGroupBox(tr("Headers"), this);
    auto *headersLayout = new QVBoxLayout(headersBox);
    headersLayout->addWidget(m_headersView);
    headersLayout->addLayout(buttons);
    headersLayout->addWidget(note);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addWidget(headersBox, 1);

    auto *bodyBox = new QGroupBox(tr("Body"), this);
    auto *bodyLayout = new QVBoxLayout(bodyBox);
    bodyLayout->setContentsMargins(2, 2, 2, 2);
    bodyLayout->addWidget(m_body);
    bodyLayout->addWidget(m_findBar);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(top);
    left->addWidget(bodyBox);
    left->setStretchFactor(1, 1);

    auto *environmentBox = new QGroupBox(tr("What the selector sees"), this);
    auto *environmentLayout = new QVBoxLayout(environmentBox);
    environmentLayout->setContentsMargins(2, 2, 2, 2);
    environmentLayout->addWidget(m_environment);
    connect(m_environment, &EnvironmentView::insertRequested, this, &EventEditor::insertRequested);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(environmentBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    load();
    for (QLineEdit *field : {m_name, m_namespace, m_discriminator})
        connect(field, &QLineEdit::textEdited, this, &EventEditor::store);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &EventEditor::store);
    connect(m_headers, &HeadersModel::headersEdited, this, &EventEditor::store);
    connect(m_body, &CodeEditor::userEdited, this, &EventEditor::store);
    connect(&workspace, &workspace::Workspace::textReplaced, this, [this](const QString &changed) {
        if (changed == m_path)
            load();
    });
}

void EventEditor::refreshEnvironment()
{
    QString error;
    const expr::Value env = workspace::eventEnvironment(event(), &error);
    m_environment->resetData(env, tr("{namespace, discriminator, metadata, payload}"), error);
}

workspace::EventDocument EventEditor::event() const
{
    workspace::EventDocument e;
    e.name = m_name->text();
    e.namespaceName = m_namespace->text();
    e.discriminator = m_discriminator->text();
    e.notes = m_notes->toPlainText();
    e.headers = m_headers->headers();
    e.body = m_body->text();
    return e;
}

void EventEditor::load()
{
    const auto entry = m_workspace.snapshot().file(m_path);
    if (!entry || !entry->event)
        return;
    const workspace::EventDocument &e = *entry->event;
    m_loading = true;
    for (auto [field, value] : {std::pair{m_name, e.name}, {m_namespace, e.namespaceName}, {m_discriminator, e.discriminator}})
        if (field->text() != value)
            field->setText(value);
    if (m_notes->toPlainText() != e.notes)
        m_notes->setPlainText(e.notes);
    m_headers->resetData(e.headers);
    if (m_body->text() != e.body) {
        if (m_body->text().isEmpty())
            m_body->setText(e.body); // the first load is not an undoable step
        else
            m_body->replaceText(e.body);
    }
    m_loading = false;
    refreshEnvironment();
}

void EventEditor::store()
{
    if (m_loading)
        return;
    m_workspace.setEvent(m_path, event());
    refreshEnvironment();
    emit eventEdited(m_path);
}

} // namespace bindery::ui
