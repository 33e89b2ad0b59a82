// SPDX-License-Identifier: Apache-2.0
#include "ui/environment_model.h"

#include "workspace/value_text.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace bindery::ui {

namespace {

QString quoted(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (QChar c : s) {
        switch (c.unicode()) {
        case u'"': out += QStringLiteral("\\\""); break;
        case u'\\': out += QStringLiteral("\\\\"); break;
        case u'\n': out += QStringLiteral("\\n"); break;
        case u'\t': out += QStringLiteral("\\t"); break;
        case u'\r': out += QStringLiteral("\\r"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + u'"';
}

bool isIdentifier(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    return re.match(key).hasMatch();
}

} // namespace

EnvironmentModel::EnvironmentModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

QString EnvironmentModel::literal(const expr::Value &value)
{
    switch (value.kind()) {
    case expr::Kind::String: {
        const std::string_view s = value.asString();
        return quoted(QString::fromUtf8(s.data(), qsizetype(s.size())));
    }
    case expr::Kind::Array: {
        QStringList items;
        for (const expr::Value &item : value.asArray()) {
            const QString l = literal(item);
            if (l.isEmpty())
                return {};
            items << l;
        }
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    case expr::Kind::Nil:
    case expr::Kind::Bool:
    case expr::Kind::Int:
    case expr::Kind::Float:
        return workspace::valueText(value);
    default:
        return {};
    }
}

void EnvironmentModel::add(const QString &name, const QString &path, const QString &guarded, const expr::Value &value,
                           int parent)
{
    if (m_nodes.size() >= MaxNodes) {
        m_truncated = true;
        return;
    }
    const int id = int(m_nodes.size());
    Node n{name, path, guarded, value, parent, 0, {}};
    if (parent < 0) {
        n.row = int(m_roots.size());
        m_roots.append(id);
    } else {
        n.row = int(m_nodes[parent].children.size());
        m_nodes[parent].children.append(id);
    }
    m_nodes.append(n);
    if (value.kind() == expr::Kind::Map) {
        for (const expr::MapEntry &e : value.asMap()) {
            const std::string_view k = e.key.asString();
            const QString key = QString::fromUtf8(k.data(), qsizetype(k.size()));
            // metadata is always a map: its keys need no guard; every other member might be nil.
            const bool alwaysThere = parent < 0 && name == u"metadata";
            const QString member = isIdentifier(key) ? QString(u'.' + key) : QStringLiteral("[%1]").arg(quoted(key));
            const QString guardedMember = alwaysThere ? member
                                          : isIdentifier(key) ? QString(QStringLiteral("?.") + key)
                                                              : QStringLiteral("?.[%1]").arg(quoted(key));
            add(key, path + member, guarded + guardedMember, e.value, id);
        }
    } else if (value.kind() == expr::Kind::Array) {
        int i = 0;
        for (const expr::Value &item : value.asArray()) {
            add(QStringLiteral("[%1]").arg(i), path + QStringLiteral("[%1]").arg(i),
                guarded + QStringLiteral("?.[%1]").arg(i), item, id);
            ++i;
        }
    }
}

void EnvironmentModel::resetData(const expr::Value &environment, const QString &error)
{
    beginResetModel();
    m_nodes.clear();
    m_roots.clear();
    m_truncated = false;
    m_error = error;
    if (environment.kind() == expr::Kind::Map) {
        for (const expr::MapEntry &e : environment.asMap()) {
            const std::string_view k = e.key.asString();
            const QString key = QString::fromUtf8(k.data(), qsizetype(k.size()));
            add(key, key, key, e.value, -1);
        }
    }
    endResetModel();
}

QModelIndex EnvironmentModel::findPath(const QString &path) const
{
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].path == path)
            return createIndex(m_nodes[i].row, 0, quintptr(i));
    return {};
}

QModelIndex EnvironmentModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const QList<int> &children = parent.isValid() ? m_nodes[int(parent.internalId())].children : m_roots;
    return createIndex(row, column, quintptr(children.at(row)));
}

QModelIndex EnvironmentModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[int(child.internalId())].parent;
    return p < 0 ? QModelIndex() : createIndex(m_nodes[p].row, 0, quintptr(p));
}

int EnvironmentModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[int(parent.internalId())].children.size());
}

int EnvironmentModel::columnCount(const QModelIndex &) const { return ColumnCount; }

QVariant EnvironmentModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &n = m_nodes[int(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return n.name;
        case Value:
            if (n.value.kind() == expr::Kind::Map)
                return tr("{%n key(s)}", nullptr, int(n.value.size()));
            if (n.value.kind() == expr::Kind::Array && !n.value.asArray().empty()
                && n.value.asArray().front().kind() == expr::Kind::Map)
                return tr("[%n item(s)]", nullptr, int(n.value.size()));
            return workspace::valueText(n.value, 120);
        case Type: return workspace::valueTypeName(n.value);
        }
        return {};
    case Qt::ToolTipRole:
        return n.path;
    case Qt::ForegroundRole:
        if (index.column() == Type)
            return QBrush(QGuiApplication::palette().color(QPalette::PlaceholderText));
        return {};
    case PathRole: return n.path;
    case GuardedPathRole: return n.guardedPath;
    case ConditionRole: {
        const QString l = literal(n.value);
        if (l.isEmpty())
            return QStringLiteral("%1 != nil").arg(n.guardedPath);
        return QStringLiteral("%1 == %2").arg(n.path.startsWith(QStringLiteral("metadata")) ? n.path : n.guardedPath, l);
    }
    default: return {};
    }
}

QVariant EnvironmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Name");
        case Value: return m_error.isEmpty() ? tr("Value") : tr("Value (%1)").arg(m_error);
        case Type: return tr("Type");
        }
    }
    return QAbstractItemModel::headerData(section, orientation, role);
}

} // namespace bindery::ui
