// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

namespace bindery::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace bindery::ui
