// SPDX-License-Identifier: Apache-2.0
#include "ui/results_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QThreadPool>

namespace bindery::ui {

namespace {
bool isDark() { return QGuiApplication::palette().color(QPalette::Base).lightness() < 128; }
} // namespace

ResultsModel::ResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

namespace {
// The evaluation a new one replaces can hold the last reference to thousands of rows; freeing them
// takes milliseconds that a pool thread can spend instead of the UI thread.
void releaseElsewhere(std::shared_ptr<const workspace::Evaluation> evaluation)
{
    if (evaluation && evaluation.use_count() == 1)
        QThreadPool::globalInstance()->start([evaluation = std::move(evaluation)]() mutable { evaluation.reset(); });
}
} // namespace

void ResultsModel::resetData(std::shared_ptr<const workspace::Evaluation> evaluation)
{
    struct Release {
        std::shared_ptr<const workspace::Evaluation> previous;
        ~Release() { releaseElsewhere(std::move(previous)); }
    } release{m_evaluation};
    QStringList names;
    if (evaluation)
        for (std::size_t i = 0; i < evaluation->bindingCount(); ++i)
            names << QString::fromStdString(evaluation->binding(i)->metadata.name);
    const int rows = evaluation ? int(evaluation->events.size()) : 0;
    bool sameShape = names == m_bindingNames && rows == rowCount();
    for (int r = 0; sameShape && r < rows; ++r)
        sameShape = evaluation->events[std::size_t(r)].path == m_evaluation->events[std::size_t(r)].path;
    if (!sameShape) {
        beginResetModel();
        m_evaluation = std::move(evaluation);
        m_bindingNames = names;
        endResetModel();
        return;
    }
    // Same events and bindings: update in place so that the selection and scroll position stay.
    m_evaluation = std::move(evaluation);
    if (rows > 0 && !names.isEmpty())
        emit dataChanged(index(0, 0), index(rows - 1, int(names.size()) - 1));
    emit headerDataChanged(Qt::Vertical, 0, qMax(0, rows - 1));
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_evaluation ? 0 : int(m_evaluation->events.size());
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_bindingNames.size());
}

ResultsModel::CellStatus ResultsModel::status(int row, int column) const
{
    if (!m_evaluation || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return CellStatus::NotListed;
    const argo::BindingOutcome *o = m_evaluation->events[std::size_t(row)].outcome(std::size_t(column));
    if (!o)
        return CellStatus::NotListed;
    switch (o->status) {
    case argo::BindingStatus::Filtered: return CellStatus::Filtered;
    case argo::BindingStatus::NotMatched: return CellStatus::NotMatched;
    case argo::BindingStatus::MatchedNoSubmit:
    case argo::BindingStatus::Submitted: return CellStatus::Matched;
    case argo::BindingStatus::Error: return CellStatus::Error;
    }
    return CellStatus::NotListed;
}

QString ResultsModel::workflowName(const argo::Workflow &workflow)
{
    return QString::fromStdString(workflow.name.empty() ? workflow.generateName + "?????" : workflow.name);
}

int ResultsModel::rowOfEvent(const QString &path) const
{
    for (int r = 0; r < rowCount(); ++r)
        if (m_evaluation->events[std::size_t(r)].path == path)
            return r;
    return -1;
}

int ResultsModel::columnOfBinding(const QString &name) const { return int(m_bindingNames.indexOf(name)); }

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const workspace::EventEvaluation &event = m_evaluation->events[std::size_t(index.row())];
    const argo::BindingOutcome *o = event.outcome(std::size_t(index.column()));
    const CellStatus s = status(index.row(), index.column());
    const QString workflow = o && o->workflow ? workflowName(*o->workflow) : QString();
    const QString error = o ? QString::fromStdString(o->error) : QString();
    switch (role) {
    case Qt::DisplayRole:
        switch (s) {
        case CellStatus::Matched: return workflow.isEmpty() ? tr("✓ matched") : QStringLiteral("✓ ") + workflow;
        case CellStatus::NotMatched: return QStringLiteral("✗");
        case CellStatus::Error: return tr("⚠ error");
        case CellStatus::Filtered: return tr("filtered");
        case CellStatus::NotListed: return QStringLiteral("–");
        }
        return {};
    case Qt::ToolTipRole:
        switch (s) {
        case CellStatus::Matched:
            return workflow.isEmpty() ? tr("The selector is true; the binding submits nothing")
                                      : tr("Fires: Argo would create %1").arg(workflow);
        case CellStatus::NotMatched: return tr("The selector is false for this event");
        case CellStatus::Error: return error;
        case CellStatus::Filtered: return tr("Hidden by the server's instance ID");
        case CellStatus::NotListed: return tr("The binding is in another namespace than the event");
        }
        return {};
    case Qt::ForegroundRole: {
        const bool dark = isDark();
        switch (s) {
        case CellStatus::Matched: return QBrush(dark ? QColor(0x7e, 0xe7, 0x87) : QColor(0x1a, 0x7f, 0x37));
        case CellStatus::Error: return QBrush(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e));
        case CellStatus::NotMatched:
        case CellStatus::Filtered:
        case CellStatus::NotListed: return QBrush(QGuiApplication::palette().color(QPalette::PlaceholderText));
        }
        return {};
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case StatusRole: return int(s);
    case EventPathRole: return event.path;
    case BindingIndexRole: return index.column();
    case WorkflowNameRole: return workflow;
    case ErrorRole: return error;
    default: return {};
    }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole) {
        if (orientation == Qt::Horizontal && section >= 0 && section < m_bindingNames.size())
            return m_bindingNames.at(section);
        if (orientation == Qt::Vertical && section >= 0 && section < rowCount())
            return m_evaluation->events[std::size_t(section)].name;
    }
    if (role == Qt::ToolTipRole && orientation == Qt::Vertical && section >= 0 && section < rowCount()) {
        const workspace::EventEvaluation &e = m_evaluation->events[std::size_t(section)];
        return tr("%1\nPOST /api/v1/events/%2/%3 → %4")
            .arg(e.path, QString::fromStdString(e.event.namespace_), QString::fromStdString(e.event.discriminator))
            .arg(e.result.httpStatus);
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace bindery::ui
