// SPDX-License-Identifier: Apache-2.0
#include "net/simulated_cluster.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

namespace bindery::net {

std::optional<LabelSelector> LabelSelector::parse(const QString &text, QString *error)
{
    LabelSelector s;
    // Split on commas outside parentheses.
    QStringList parts;
    int depth = 0;
    QString cur;
    for (QChar c : text) {
        if (c == QLatin1Char('(')) ++depth;
        if (c == QLatin1Char(')')) --depth;
        if (c == QLatin1Char(',') && depth == 0) {
            parts << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.trimmed().isEmpty() || !parts.isEmpty())
        parts << cur;
    static const QRegularExpression setRe(QStringLiteral("^\\s*([^\\s!=]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*$"));
    static const QRegularExpression cmpRe(QStringLiteral("^\\s*([^\\s!=]+)\\s*(==|=|!=)\\s*([^\\s,]*)\\s*$"));
    static const QRegularExpression existsRe(QStringLiteral("^\\s*(!?)\\s*([^\\s!=()]+)\\s*$"));
    for (const QString &p : parts) {
        Requirement r;
        if (auto m = setRe.match(p); m.hasMatch()) {
            r.key = m.captured(1);
            r.op = m.captured(2) == QStringLiteral("in") ? Requirement::Op::In : Requirement::Op::NotIn;
            for (const QString &v : m.captured(3).split(QLatin1Char(',')))
                r.values << v.trimmed();
        } else if (auto m2 = cmpRe.match(p); m2.hasMatch()) {
            r.key = m2.captured(1);
            r.op = m2.captured(2) == QStringLiteral("!=") ? Requirement::Op::NotEquals : Requirement::Op::Equals;
            r.values << m2.captured(3);
        } else if (auto m3 = existsRe.match(p); m3.hasMatch()) {
            r.key = m3.captured(2);
            r.op = m3.captured(1).isEmpty() ? Requirement::Op::Exists : Requirement::Op::NotExists;
        } else {
            if (error)
                *error = QStringLiteral("unable to parse requirement: \"%1\"").arg(p.trimmed());
            return std::nullopt;
        }
        s.m_requirements << r;
    }
    return s;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    for (const auto &r : m_requirements) {
        const bool has = labels.contains(r.key);
        const QString v = labels.value(r.key).toString();
        switch (r.op) {
        case Requirement::Op::Equals: if (!has || v != r.values.value(0)) return false; break;
        case Requirement::Op::NotEquals: if (has && v == r.values.value(0)) return false; break;
        case Requirement::Op::Exists: if (!has) return false; break;
        case Requirement::Op::NotExists: if (has) return false; break;
        case Requirement::Op::In: if (!has || !r.values.contains(v)) return false; break;
        case Requirement::Op::NotIn: if (has && r.values.contains(v)) return false; break;
        }
    }
    return true;
}

namespace {

QJsonObject meta(const QJsonObject &o) { return o.value(QStringLiteral("metadata")).toObject(); }

QJsonObject list(const QList<QJsonObject> &items, const QString *ns, const LabelSelector *selector, quint64 rv)
{
    QJsonArray out;
    for (const auto &o : items) {
        const QJsonObject m = meta(o);
        if (ns && !ns->isEmpty() && m.value(QStringLiteral("namespace")).toString() != *ns)
            continue;
        if (selector && !selector->matches(m.value(QStringLiteral("labels")).toObject()))
            continue;
        out.append(o);
    }
    return QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"), QString::number(rv)}}},
                       {QStringLiteral("items"), out}};
}

} // namespace

SimulatedCluster::SimulatedCluster(int maxWorkflows, QObject *parent)
    : QObject(parent)
    , m_max(maxWorkflows < 1 ? 1 : maxWorkflows)
{
}

void SimulatedCluster::setResources(QList<QJsonObject> templates, QList<QJsonObject> clusterTemplates,
                                    QList<QJsonObject> bindings)
{
    std::lock_guard lock(m_mutex);
    m_templates = std::move(templates);
    m_clusterTemplates = std::move(clusterTemplates);
    m_bindings = std::move(bindings);
    ++m_resourceVersion;
}

void SimulatedCluster::addWorkflow(QJsonObject workflow)
{
    {
        std::lock_guard lock(m_mutex);
        QJsonObject m = meta(workflow);
        if (!m.contains(QStringLiteral("uid")))
            m.insert(QStringLiteral("uid"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (!m.contains(QStringLiteral("creationTimestamp")))
            m.insert(QStringLiteral("creationTimestamp"),
                     QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        m.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
        workflow.insert(QStringLiteral("metadata"), m);
        m_workflows.push_back(workflow);
        while (static_cast<int>(m_workflows.size()) > m_max) {
            m_workflows.pop_front();
            ++m_evicted;
        }
    }
    emit workflowAdded(workflow);
}

QJsonObject SimulatedCluster::listWorkflows(const QString &ns, const LabelSelector *selector) const
{
    std::lock_guard lock(m_mutex);
    return list(QList<QJsonObject>(m_workflows.begin(), m_workflows.end()), &ns, selector, m_resourceVersion);
}

QJsonObject SimulatedCluster::listTemplates(const QString &ns, const LabelSelector *selector) const
{
    std::lock_guard lock(m_mutex);
    return list(m_templates, &ns, selector, m_resourceVersion);
}

QJsonObject SimulatedCluster::listClusterTemplates(const LabelSelector *selector) const
{
    std::lock_guard lock(m_mutex);
    return list(m_clusterTemplates, nullptr, selector, m_resourceVersion);
}

QJsonObject SimulatedCluster::listBindings(const QString &ns, const LabelSelector *selector) const
{
    std::lock_guard lock(m_mutex);
    return list(m_bindings, &ns, selector, m_resourceVersion);
}

namespace {

QString templateRef(const QString &name)
{
    return QStringLiteral("workflowtemplates.argoproj.io \"%1\"").arg(name);
}

QString randomSuffix()
{
    // Kubernetes' generateName: 5 characters from a consonant-and-digit alphabet.
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    const QByteArray uuid = QUuid::createUuid().toRfc4122();
    QString out;
    for (int i = 0; i < 5; ++i)
        out += QLatin1Char(alphabet[static_cast<unsigned char>(uuid[i]) % (sizeof(alphabet) - 1)]);
    return out;
}

} // namespace

SimulatedCluster::WriteResult SimulatedCluster::createTemplate(const QString &ns, QJsonObject manifest)
{
    WriteResult out;
    QJsonObject m = meta(manifest);
    const QString given = m.value(QStringLiteral("namespace")).toString();
    if (!given.isEmpty() && given != ns) {
        out.error = WriteResult::Error::Invalid;
        out.message = QStringLiteral("the namespace of the provided object does not match the namespace sent on the request");
        return out;
    }
    {
        std::lock_guard lock(m_mutex);
        QString name = m.value(QStringLiteral("name")).toString();
        const QString generateName = m.value(QStringLiteral("generateName")).toString();
        if (name.isEmpty() && generateName.isEmpty()) {
            out.error = WriteResult::Error::Invalid;
            out.message = QStringLiteral("WorkflowTemplate.argoproj.io \"\" is invalid: metadata.name: Required value: "
                                         "name or generateName is required");
            return out;
        }
        auto exists = [&](const QString &n) {
            for (const QJsonObject &t : std::as_const(m_templates)) {
                const QJsonObject tm = meta(t);
                if (tm.value(QStringLiteral("namespace")).toString() == ns && tm.value(QStringLiteral("name")).toString() == n)
                    return true;
            }
            return false;
        };
        if (name.isEmpty()) {
            do
                name = generateName + randomSuffix();
            while (exists(name));
        } else if (exists(name)) {
            out.error = WriteResult::Error::AlreadyExists;
            out.message = templateRef(name) + QStringLiteral(" already exists");
            return out;
        }
        m.insert(QStringLiteral("name"), name);
        m.insert(QStringLiteral("namespace"), ns);
        m.insert(QStringLiteral("uid"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        m.insert(QStringLiteral("creationTimestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        m.insert(QStringLiteral("generation"), 1);
        m.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
        manifest.insert(QStringLiteral("metadata"), m);
        manifest.insert(QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1"));
        manifest.insert(QStringLiteral("kind"), QStringLiteral("WorkflowTemplate"));
        m_templates.append(manifest);
        out.object = manifest;
    }
    emit templateWritten(out.object);
    return out;
}

SimulatedCluster::WriteResult SimulatedCluster::updateTemplate(const QString &ns, QJsonObject manifest)
{
    WriteResult out;
    QJsonObject m = meta(manifest);
    const QString name = m.value(QStringLiteral("name")).toString();
    const QString given = m.value(QStringLiteral("namespace")).toString();
    if (name.isEmpty()) {
        out.error = WriteResult::Error::Invalid;
        out.message = QStringLiteral("resource name may not be empty");
        return out;
    }
    if (!given.isEmpty() && given != ns) {
        out.error = WriteResult::Error::Invalid;
        out.message = QStringLiteral("the namespace of the provided object does not match the namespace sent on the request");
        return out;
    }
    {
        std::lock_guard lock(m_mutex);
        qsizetype at = -1;
        for (qsizetype i = 0; i < m_templates.size(); ++i) {
            const QJsonObject tm = meta(m_templates[i]);
            if (tm.value(QStringLiteral("namespace")).toString() == ns && tm.value(QStringLiteral("name")).toString() == name) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            out.error = WriteResult::Error::NotFound;
            out.message = templateRef(name) + QStringLiteral(" not found");
            return out;
        }
        const QJsonObject current = meta(m_templates[at]);
        const QString wanted = m.value(QStringLiteral("resourceVersion")).toString();
        // No resourceVersion: an unconditional update (allowed for custom resources).
        if (!wanted.isEmpty() && wanted != current.value(QStringLiteral("resourceVersion")).toString()) {
            out.error = WriteResult::Error::Conflict;
            out.message = QStringLiteral("Operation cannot be fulfilled on %1: the object has been modified; please apply "
                                         "your changes to the latest version and try again")
                              .arg(templateRef(name));
            return out;
        }
        m.insert(QStringLiteral("namespace"), ns);
        for (const char *kept : {"uid", "creationTimestamp"}) {
            const QString key = QString::fromLatin1(kept);
            if (current.contains(key))
                m.insert(key, current.value(key));
            else
                m.remove(key);
        }
        m.insert(QStringLiteral("generation"), current.value(QStringLiteral("generation")).toInt(1) + 1);
        m.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
        manifest.insert(QStringLiteral("metadata"), m);
        manifest.insert(QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1"));
        manifest.insert(QStringLiteral("kind"), QStringLiteral("WorkflowTemplate"));
        m_templates[at] = manifest;
        out.object = manifest;
    }
    emit templateWritten(out.object);
    return out;
}

std::optional<QJsonObject> SimulatedCluster::getTemplate(const QString &ns, const QString &name) const
{
    std::lock_guard lock(m_mutex);
    for (const QJsonObject &t : m_templates) {
        const QJsonObject tm = meta(t);
        if (tm.value(QStringLiteral("namespace")).toString() == ns && tm.value(QStringLiteral("name")).toString() == name)
            return t;
    }
    return std::nullopt;
}

int SimulatedCluster::workflowCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_workflows.size());
}

quint64 SimulatedCluster::workflowsEvicted() const
{
    std::lock_guard lock(m_mutex);
    return m_evicted;
}

} // namespace bindery::net
