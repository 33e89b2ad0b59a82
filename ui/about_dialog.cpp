// SPDX-License-Identifier: Apache-2.0
#include "ui/about_dialog.h"

#include "bindery_version.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace bindery::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Bindery"));
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setOpenExternalLinks(true);
    text->setText(tr("<h2>Bindery %1</h2>"
                     "<p>A studio for the Argo Workflows events feature: design "
                     "WorkflowEventBindings with live results, replay captured webhooks, and host or "
                     "drive the events endpoint.</p>"
                     "<p>Simulates Argo Workflows v4.1.2 and expr-lang/expr v1.17.8.</p>"
                     "<p>Built with Qt %2. Licensed under the Apache License 2.0.</p>")
                      .arg(QStringLiteral(BINDERY_VERSION_STRING), QString::fromLatin1(qVersion())));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

} // namespace bindery::ui
