// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/binding_tests.h"

#include <QAbstractTableModel>

#include <memory>

namespace bindery::ui {

// The results of one run of the workspace's binding tests: one row per case (pass/fail, suite,
// case, time). Fed whole, immutable runs.
class TestResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StatusColumn, SuiteColumn, CaseColumn, TimeColumn, ColumnCount };
    enum Role { PassedRole = Qt::UserRole + 1, SuitePathRole, CaseNameRole, DetailRole };

    explicit TestResultsModel(QObject *parent = nullptr);

    void resetData(std::shared_ptr<const workspace::TestRun> run);
    const std::shared_ptr<const workspace::TestRun> &run() const { return m_run; }
    const workspace::BindingTestResult *result(int row) const;
    int rowOf(const QString &suitePath, const QString &caseName) const;

    // The failures and the selector explanations of a case, as the CLI prints them.
    static QString detailText(const workspace::BindingTestResult &result);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const workspace::TestRun> m_run;
};

} // namespace bindery::ui
