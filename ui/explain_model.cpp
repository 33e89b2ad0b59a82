// SPDX-License-Identifier: Apache-2.0
#include "ui/explain_model.h"

#include "workspace/value_text.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace bindery::ui {

namespace {

bool isFalse(const expr::TraceEntry &e)
{
    return e.state == expr::TraceEntry::State::Value && e.value.isBool() && !e.value.asBool();
}

} // namespace

ExplainModel::ExplainModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ExplainModel::resetData(const workspace::Explanation &explanation)
{
    beginResetModel();
    m_explanation = explanation;
    m_nodes.clear();
    m_roots.clear();
    m_firstFalse = -1;
    if (!explanation.compiled && explanation.source.isEmpty()) {
        endResetModel();
        return;
    }
    if (!explanation.compiled) {
        Node n;
        n.state = NodeState::CompileError;
        n.text = explanation.source.simplified();
        n.value = QString::fromStdString(explanation.error.message());
        if (explanation.error.hasLocation())
            n.value += QStringLiteral(" (%1:%2)").arg(explanation.error.line()).arg(explanation.error.column());
        m_roots.append(0);
        m_nodes.append(n);
        endResetModel();
        return;
    }
    const QByteArray source = explanation.source.toUtf8();
    const auto &entries = explanation.trace.entries;
    m_nodes.reserve(qsizetype(entries.size()));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const expr::TraceEntry &e = entries[i];
        Node n;
        n.entry = int(i);
        n.parent = e.parent;
        n.text = QString::fromUtf8(source.mid(e.begin, e.end - e.begin)).simplified();
        if (n.text.isEmpty())
            n.text = QString::fromStdString(e.label);
        switch (e.state) {
        case expr::TraceEntry::State::NotReached:
            n.state = NodeState::Skipped;
            n.value = tr("not evaluated");
            break;
        case expr::TraceEntry::State::Error:
            n.state = NodeState::Error;
            n.value = QString::fromStdString(e.error);
            break;
        case expr::TraceEntry::State::Value:
            n.value = workspace::valueText(e.value);
            if (e.evaluations > 1)
                n.value += tr("  (last of %1 runs)").arg(e.evaluations);
            break;
        }
        const int index = int(m_nodes.size());
        if (e.parent < 0 || e.parent >= index) {
            n.parent = -1;
            n.row = int(m_roots.size());
            m_roots.append(index);
        } else {
            n.row = int(m_nodes[e.parent].children.size());
            m_nodes[e.parent].children.append(index);
        }
        m_nodes.append(n);
    }
    // A node is an && when the source between its two operands is the operator (the trace labels
    // nodes with their source text, not their operator).
    const auto isAnd = [&](int node) {
        const QList<int> &children = m_nodes[node].children;
        if (children.size() != 2)
            return false;
        const expr::TraceEntry &left = entries[std::size_t(m_nodes[children[0]].entry)];
        const expr::TraceEntry &right = entries[std::size_t(m_nodes[children[1]].entry)];
        if (right.begin < left.end)
            return false;
        // Between the operands: the operator, blanks, comments and the parentheses of grouping.
        static const QRegularExpression noise(QStringLiteral("//[^\\n]*|/\\*.*?\\*/|[\\s()]"),
                                              QRegularExpression::DotMatchesEverythingOption);
        const QString op = QString::fromUtf8(source.mid(left.end, right.begin - left.end)).remove(noise);
        return op == u"&&" || op == u"and";
    };
    // The first false conjunct of the outermost && chain: where a selector stops being true.
    for (int i = 0; i < m_nodes.size() && m_firstFalse < 0; ++i) {
        const expr::TraceEntry &e = entries[std::size_t(m_nodes[i].entry)];
        if (!isAnd(i) || !isFalse(e))
            continue;
        const int parent = m_nodes[i].parent;
        if (parent >= 0 && isAnd(parent))
            continue;
        // Flatten ((a && b) && c) into a, b, c, in order.
        QList<int> conjuncts;
        std::function<void(int)> flatten = [&](int node) {
            if (isAnd(node)) {
                for (int child : std::as_const(m_nodes[node].children))
                    flatten(child);
            } else {
                conjuncts.append(node);
            }
        };
        flatten(i);
        for (int c : std::as_const(conjuncts)) {
            if (isFalse(entries[std::size_t(m_nodes[c].entry)])) {
                m_firstFalse = c;
                m_nodes[c].state = NodeState::FirstFalse;
                break;
            }
        }
    }
    endResetModel();
}

ExplainModel::NodeState ExplainModel::state(const QModelIndex &index) const
{
    return index.isValid() ? m_nodes[int(index.internalId())].state : NodeState::Value;
}

QModelIndex ExplainModel::indexOfNode(int node, int column) const
{
    if (node < 0 || node >= m_nodes.size())
        return {};
    return createIndex(m_nodes[node].row, column, quintptr(node));
}

QModelIndex ExplainModel::firstFalseConjunct() const { return indexOfNode(m_firstFalse); }

QModelIndex ExplainModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const QList<int> &children = parent.isValid() ? m_nodes[int(parent.internalId())].children : m_roots;
    return createIndex(row, column, quintptr(children.at(row)));
}

QModelIndex ExplainModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(m_nodes[int(child.internalId())].parent);
}

int ExplainModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[int(parent.internalId())].children.size());
}

int ExplainModel::columnCount(const QModelIndex &) const { return ColumnCount; }

QVariant ExplainModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &n = m_nodes[int(index.internalId())];
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == Expression ? n.text : n.value;
    case Qt::ToolTipRole:
        if (n.entry >= 0)
            return QStringLiteral("%1\n= %2").arg(n.text, n.value);
        return n.value;
    case Qt::ForegroundRole:
        switch (n.state) {
        case NodeState::Skipped: return QBrush(QGuiApplication::palette().color(QPalette::PlaceholderText));
        case NodeState::Error:
        case NodeState::CompileError: return QBrush(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e));
        default: return {};
        }
    case Qt::BackgroundRole:
        if (n.state == NodeState::FirstFalse)
            return QBrush(dark ? QColor(0x5a, 0x4a, 0x1a) : QColor(0xff, 0xf1, 0xb8));
        return {};
    case Qt::FontRole:
        if (n.state == NodeState::FirstFalse) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (n.state == NodeState::Skipped) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case StateRole: return int(n.state);
    case BeginRole: return n.entry >= 0 ? int(m_explanation.trace.entries[std::size_t(n.entry)].begin) : 0;
    case EndRole: return n.entry >= 0 ? int(m_explanation.trace.entries[std::size_t(n.entry)].end) : 0;
    default: return {};
    }
}

QVariant ExplainModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == Expression ? tr("Sub-expression") : tr("Value");
    return QAbstractItemModel::headerData(section, orientation, role);
}

} // namespace bindery::ui
