// SPDX-License-Identifier: Apache-2.0
#include "ui/problems_model.h"

#include <QApplication>
#include <QStyle>

namespace bindery::ui {

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ProblemsModel::resetData(const QList<workspace::Diagnostic> &problems)
{
    if (problems == m_problems)
        return;
    beginResetModel();
    m_problems = problems;
    endResetModel();
}

int ProblemsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_problems.size()); }
int ProblemsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const workspace::Diagnostic &d = m_problems.at(index.row());
    const bool error = d.severity == workspace::Diagnostic::Severity::Error;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity: return error ? tr("error") : tr("warning");
        case Location:
            return d.line > 0 ? QStringLiteral("%1:%2:%3").arg(d.file).arg(d.line).arg(d.column) : d.file;
        case Message: return d.fix ? tr("%1 — fix: %2").arg(d.message, d.fix->title) : d.message;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Severity)
            return QApplication::style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ToolTipRole:
        return d.toString();
    case FileRole: return d.file;
    case LineRole: return d.line;
    case ColumnRole: return d.column;
    case HasFixRole: return d.fix.has_value();
    default: return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Severity: return tr("Severity");
    case Location: return tr("Where");
    case Message: return tr("Problem");
    default: return {};
    }
}

} // namespace bindery::ui
