// SPDX-License-Identifier: Apache-2.0
#include "ui/test_results_model.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace bindery::ui {

TestResultsModel::TestResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TestResultsModel::resetData(std::shared_ptr<const workspace::TestRun> run)
{
    beginResetModel();
    m_run = std::move(run);
    endResetModel();
}

const workspace::BindingTestResult *TestResultsModel::result(int row) const
{
    if (!m_run || row < 0 || row >= m_run->results.size())
        return nullptr;
    return &m_run->results.at(row);
}

int TestResultsModel::rowOf(const QString &suitePath, const QString &caseName) const
{
    for (int i = 0; m_run && i < m_run->results.size(); ++i) {
        const auto &r = m_run->results.at(i);
        if (r.suitePath == suitePath && r.caseName == caseName)
            return i;
    }
    return -1;
}

QString TestResultsModel::detailText(const workspace::BindingTestResult &r)
{
    QStringList lines;
    lines << QStringLiteral("%1  %2:%3  %4")
                 .arg(r.passed ? QStringLiteral("PASS") : QStringLiteral("FAIL"), r.suitePath)
                 .arg(r.line)
                 .arg(r.caseName);
    for (const QString &f : r.failures)
        lines << QStringLiteral("  - ") + f;
    for (const QString &e : r.explanations)
        lines << (e.startsWith(QLatin1Char(' ')) ? QStringLiteral("      ") + e : QStringLiteral("  why: ") + e);
    if (r.passed)
        lines << tr("  Every expectation holds (HTTP %1, %2 Workflow(s)).")
                     .arg(r.actual.httpStatus)
                     .arg(r.actual.workflows.size());
    return lines.join(QLatin1Char('\n'));
}

int TestResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->results.size());
}

int TestResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestResultsModel::data(const QModelIndex &index, int role) const
{
    const auto *r = index.isValid() ? result(index.row()) : nullptr;
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn: return r->passed ? tr("✓ pass") : tr("✗ fail");
        case SuiteColumn: return r->suitePath;
        case CaseColumn: return r->caseName;
        case TimeColumn: return QString(QLocale().toString(r->milliseconds, 'f', 2) + QStringLiteral(" ms"));
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return QBrush(r->passed ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::ToolTipRole:
        return r->passed ? QVariant() : QVariant(r->failures.join(QLatin1Char('\n')));
    case PassedRole: return r->passed;
    case SuitePathRole: return r->suitePath;
    case CaseNameRole: return r->caseName;
    case DetailRole: return detailText(*r);
    }
    return {};
}

QVariant TestResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn: return tr("Result");
    case SuiteColumn: return tr("Suite");
    case CaseColumn: return tr("Case");
    case TimeColumn: return tr("Time");
    }
    return {};
}

} // namespace bindery::ui
