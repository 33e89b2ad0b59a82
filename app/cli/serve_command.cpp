// SPDX-License-Identifier: Apache-2.0
// bindery-cli serve: host the Argo-compatible events endpoint.
#include "argo/dispatcher.h"
#include "argo/manifest.h"
#include "argo/profile.h"
#include "cli/command.h"
#include "net/argo_dispatch_sink.h"
#include "net/catalog_sink.h"
#include "net/event_server.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QSocketNotifier>

#include <yaml-cpp/yaml.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace bindery::cli {

namespace {

using namespace bindery::net;

void printServeHelp(std::FILE *out)
{
    std::fprintf(out,
        "Usage: bindery-cli serve [-f MANIFESTS...|--workspace DIR] [options]\n"
        "\n"
        "Hosts Argo's events endpoint (POST /api/v1/events/{namespace}/{discriminator}) with a simulated\n"
        "cluster, a REST subset (list and get templates, bindings, workflows, the workflow-events\n"
        "stream; create and update WorkflowTemplates, which later events then use) and Prometheus\n"
        "metrics at /metrics. One log line per request on stderr. SIGINT/SIGTERM stop it cleanly\n"
        "(accepted events are drained first).\n"
        "\n"
        "Options:\n"
        "  -f FILE...               manifests (YAML/JSON: templates, bindings) served by the REST subset;\n"
        "                           objects without metadata.namespace go to namespace argo\n"
        "  --workspace DIR          every *.yaml/*.yml/*.json under DIR\n"
        "  --listen ADDR:PORT       default 127.0.0.1:2746 (port 0: any free port)\n"
        "  --profile ID             v4.1 (sync, queue 16, 4 workers) or docs-async (async, queue 64)\n"
        "  --sync | --async         dispatch in the request (Argo v4.1's default) or through the queue\n"
        "  --queue-size N           async operation queue size (503 when full)\n"
        "  --workers N              dispatch threads (async: drain the queue; sync: dispatch while the request waits)\n"
        "  --tokens FILE            bearer tokens file (see DESIGN.md); without it every caller is anonymous\n"
        "  --webhook-clients FILE   webhook clients file (GitHub, GitLab, Bitbucket, Bitbucket Server)\n"
        "  --tls-cert FILE --tls-key FILE   serve HTTPS\n"
        "  --journal FILE           append every accepted event before acknowledging it; re-dispatch\n"
        "                           unprocessed entries at start\n"
        "  --max-body BYTES         request body limit (default 2097152; 413 beyond)\n"
        "  --max-connections N      default 1024\n"
        "  --io-threads N           HTTP I/O threads (default: one per core, at most 8)\n"
        "  --read-timeout MS        a request must arrive within this (default 10000)\n"
        "  --idle-timeout MS        idle keep-alive connections are closed after this (default 60000)\n"
        "  --insecure-listen        allow a non-loopback address without --tokens\n"
        "  --dispatch-delay-ms N    make every dispatch take N ms (demos, load and crash tests)\n"
        "  --quiet                  no per-request log lines\n");
}

// Manifests → JSON objects for the REST listing (the dispatcher reads them on its own).
QJsonValue toJson(const YAML::Node &n)
{
    switch (n.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (const auto &kv : n)
            o.insert(QString::fromStdString(kv.first.as<std::string>()), toJson(kv.second));
        return o;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const auto &e : n)
            a.append(toJson(e));
        return a;
    }
    case YAML::NodeType::Scalar: {
        const std::string s = n.Scalar();
        if (n.Tag() == "!")
            return QString::fromStdString(s); // quoted
        if (s == "true" || s == "false")
            return s == "true";
        if (s == "null" || s == "~")
            return QJsonValue::Null;
        bool ok = false;
        const double d = QString::fromStdString(s).toDouble(&ok);
        if (ok)
            return d;
        return QString::fromStdString(s);
    }
    default:
        return QJsonValue::Null;
    }
}

bool loadManifests(const QStringList &files, SimulatedCluster *cluster, QString *error)
{
    QList<QJsonObject> templates, clusterTemplates, bindings;
    for (const QString &file : files) {
        try {
            for (const YAML::Node &doc : YAML::LoadAllFromFile(file.toStdString())) {
                if (!doc.IsMap())
                    continue;
                QJsonObject o = toJson(doc).toObject();
                QJsonObject meta = o.value(QStringLiteral("metadata")).toObject();
                if (!meta.contains(QStringLiteral("namespace"))) {
                    meta.insert(QStringLiteral("namespace"), QStringLiteral("argo")); // as `kubectl apply -n argo`
                    o.insert(QStringLiteral("metadata"), meta);
                }
                const QString kind = o.value(QStringLiteral("kind")).toString();
                if (kind == QStringLiteral("WorkflowTemplate")) templates << o;
                else if (kind == QStringLiteral("ClusterWorkflowTemplate")) clusterTemplates << o;
                else if (kind == QStringLiteral("WorkflowEventBinding")) bindings << o;
            }
        } catch (const YAML::Exception &e) {
            *error = QStringLiteral("%1:%2:%3: %4").arg(file).arg(e.mark.line + 1).arg(e.mark.column + 1).arg(QString::fromStdString(e.msg));
            return false;
        }
    }
    cluster->setResources(templates, clusterTemplates, bindings);
    std::fprintf(stderr, "bindery-cli serve: %lld templates, %lld cluster templates, %lld bindings\n",
                 static_cast<long long>(templates.size()), static_cast<long long>(clusterTemplates.size()),
                 static_cast<long long>(bindings.size()));
    return true;
}

// --dispatch-delay-ms: every dispatch also takes that long (a slow API server), so that queues,
// back-pressure and the journal can be watched and tested.
class DelaySink : public EventSink
{
public:
    DelaySink(std::shared_ptr<EventSink> inner, int ms) : m_inner(std::move(inner)), m_ms(ms) {}
    DispatchOutcome dispatch(const IncomingEvent &event, const EventContext &context) override
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(m_ms));
        return m_inner->dispatch(event, context);
    }
    bool mayBlock() const override { return true; }

private:
    std::shared_ptr<EventSink> m_inner;
    int m_ms;
};

// The catalog of the given manifests behind Argo's dispatcher (names get server-side random
// suffixes); templates written through the REST API join it. Diagnostics are printed; errors make
// the command fail.
std::shared_ptr<CatalogSink> makeDispatchSink(const QStringList &files, QString *error)
{
    argo::ManifestSet set;
    for (const QString &f : files)
        set.append(argo::loadManifestFile(f.toStdString()));
    for (const auto &d : set.diagnostics)
        std::fprintf(stderr, "%s\n", argo::toString(d).c_str());
    if (set.hasErrors()) {
        *error = QStringLiteral("the manifests have errors (above)");
        return nullptr;
    }
    argo::DispatcherOptions options;
    options.nameSuffix = argo::NameSuffix::Random;
    return std::make_shared<CatalogSink>(std::move(set), options);
}

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

} // namespace

int runServeCommand(const std::vector<std::string_view> &args)
{
    int argc = 1;
    char name[] = "bindery-cli";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    EventServerConfig config;
    const argo::Profile *profile = &argo::defaultProfile();
    std::optional<bool> async;
    std::optional<int> queueSize, workers;
    QStringList manifests;
    QString workspace, tokensFile, clientsFile, certFile, keyFile;
    QString listen = QStringLiteral("127.0.0.1:2746");
    bool quiet = false;
    int delayMs = 0;
    auto usage = [](const QString &m) {
        std::fprintf(stderr, "bindery-cli serve: %s\nRun 'bindery-cli serve --help' for the options.\n", qPrintable(m));
        return ExitUsage;
    };
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&](QString *out) {
            if (i + 1 >= args.size())
                return false;
            ++i;
            *out = QString::fromUtf8(args[i].data(), static_cast<qsizetype>(args[i].size()));
            return true;
        };
        auto number = [&](auto *out) {
            QString v;
            bool ok = false;
            if (!value(&v))
                return false;
            *out = static_cast<std::remove_reference_t<decltype(*out)>>(v.toLongLong(&ok));
            return ok && v.toLongLong() >= 0;
        };
        int n = 0;
        if (a == "--help" || a == "-h") {
            printServeHelp(stdout);
            return ExitOk;
        } else if (a == "-f") {
            while (i + 1 < args.size() && !args[i + 1].starts_with("-")) {
                ++i;
                manifests << QString::fromUtf8(args[i].data(), static_cast<qsizetype>(args[i].size()));
            }
            if (manifests.isEmpty())
                return usage(QStringLiteral("-f needs at least one file"));
        } else if (a == "--workspace") { if (!value(&workspace)) return usage(QStringLiteral("--workspace needs a directory"));
        } else if (a == "--listen") { if (!value(&listen)) return usage(QStringLiteral("--listen needs ADDR:PORT"));
        } else if (a == "--profile") {
            QString id;
            if (!value(&id)) return usage(QStringLiteral("--profile needs an id"));
            static std::optional<argo::Profile> chosen;
            chosen = argo::profileById(id.toStdString());
            if (!chosen) return usage(QStringLiteral("unknown profile \"%1\"").arg(id));
            profile = &*chosen;
        } else if (a == "--sync") { async = false;
        } else if (a == "--async") { async = true;
        } else if (a == "--queue-size") { if (!number(&n)) return usage(QStringLiteral("--queue-size needs a number ≥ 0")); queueSize = n;
        } else if (a == "--workers") { if (!number(&n) || n < 1) return usage(QStringLiteral("--workers needs a number ≥ 1")); workers = n;
        } else if (a == "--tokens") { if (!value(&tokensFile)) return usage(QStringLiteral("--tokens needs a file"));
        } else if (a == "--webhook-clients") { if (!value(&clientsFile)) return usage(QStringLiteral("--webhook-clients needs a file"));
        } else if (a == "--tls-cert") { if (!value(&certFile)) return usage(QStringLiteral("--tls-cert needs a file"));
        } else if (a == "--tls-key") { if (!value(&keyFile)) return usage(QStringLiteral("--tls-key needs a file"));
        } else if (a == "--journal") { if (!value(&config.journalPath)) return usage(QStringLiteral("--journal needs a file"));
        } else if (a == "--max-body") { if (!number(&config.http.limits.maxBodyBytes)) return usage(QStringLiteral("--max-body needs a byte count"));
        } else if (a == "--max-connections") { if (!number(&config.http.maxConnections)) return usage(QStringLiteral("--max-connections needs a number"));
        } else if (a == "--io-threads") { if (!number(&config.http.ioThreads)) return usage(QStringLiteral("--io-threads needs a number"));
        } else if (a == "--read-timeout") { if (!number(&config.http.readTimeoutMs)) return usage(QStringLiteral("--read-timeout needs milliseconds"));
        } else if (a == "--idle-timeout") { if (!number(&config.http.idleTimeoutMs)) return usage(QStringLiteral("--idle-timeout needs milliseconds"));
        } else if (a == "--insecure-listen") { config.insecureListen = true;
        } else if (a == "--dispatch-delay-ms") { if (!number(&delayMs)) return usage(QStringLiteral("--dispatch-delay-ms needs milliseconds"));
        } else if (a == "--quiet") { quiet = true;
        } else {
            return usage(QStringLiteral("unknown option \"%1\"").arg(QString::fromUtf8(a.data(), static_cast<qsizetype>(a.size()))));
        }
    }
    config.async = async.value_or(profile->asyncDispatch);
    config.queueSize = queueSize.value_or(profile->queueSize);
    config.workers = workers.value_or(profile->workers);

    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (!portOk || port > 65535 || !config.http.address.setAddress(host == QStringLiteral("localhost") ? QStringLiteral("127.0.0.1") : host))
        return usage(QStringLiteral("--listen wants ADDR:PORT, e.g. 127.0.0.1:2746, got \"%1\"").arg(listen));
    config.http.port = static_cast<quint16>(port);

    QString error;
    if (!tokensFile.isEmpty()) {
        auto tokens = TokenAuth::load(tokensFile, &error);
        if (!tokens) return usage(error);
        config.tokens = std::make_shared<const TokenAuth>(std::move(*tokens));
    }
    if (!clientsFile.isEmpty()) {
        auto clients = WebhookVerifier::load(clientsFile, &error);
        if (!clients) return usage(error);
        config.webhooks = std::make_shared<const WebhookVerifier>(std::move(*clients));
    }
    if (certFile.isEmpty() != keyFile.isEmpty())
        return usage(QStringLiteral("--tls-cert and --tls-key go together"));
    if (!certFile.isEmpty()) {
        QFile c(certFile), k(keyFile);
        if (!c.open(QIODevice::ReadOnly)) return usage(QStringLiteral("%1: %2").arg(certFile, c.errorString()));
        if (!k.open(QIODevice::ReadOnly)) return usage(QStringLiteral("%1: %2").arg(keyFile, k.errorString()));
        config.http.certificate = QSslCertificate(c.readAll());
        const QByteArray keyBytes = k.readAll();
        config.http.privateKey = QSslKey(keyBytes, QSsl::Rsa);
        if (config.http.privateKey.isNull())
            config.http.privateKey = QSslKey(keyBytes, QSsl::Ec);
        if (config.http.certificate.isNull()) return usage(QStringLiteral("%1: not a PEM certificate").arg(certFile));
        if (config.http.privateKey.isNull()) return usage(QStringLiteral("%1: not a PEM RSA or EC private key").arg(keyFile));
    }
    if (!workspace.isEmpty()) {
        if (!QDir(workspace).exists()) return usage(QStringLiteral("%1: no such directory").arg(workspace));
        QDirIterator it(workspace, {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            manifests << it.next();
    }

    EventServer server;
    std::shared_ptr<CatalogSink> catalog = makeDispatchSink(manifests, &error);
    if (!catalog)
        return usage(error);
    // A template created or updated through the REST API is used by the next event: the catalog is
    // rebuilt on the writing thread, before the write is answered.
    QObject::connect(server.cluster(), &SimulatedCluster::templateWritten, &server,
                     [catalog](const QJsonObject &t) {
                         QString why;
                         if (!catalog->applyTemplate(t, &why))
                             std::fprintf(stderr, "bindery-cli serve: template not used for dispatch: %s\n", qPrintable(why));
                     },
                     Qt::DirectConnection);
    std::shared_ptr<EventSink> sink = catalog;
    if (delayMs > 0)
        sink = std::make_shared<DelaySink>(std::move(sink), delayMs);
    server.setSink(std::move(sink));
    if (!manifests.isEmpty() && !loadManifests(manifests, server.cluster(), &error))
        return usage(error);
    if (!quiet) {
        server.setRequestLogger([](const RequestRecord &r) {
            const QByteArray line = r.time.toString(Qt::ISODateWithMs).toUtf8() + ' ' + r.peer.toUtf8() + ' ' + r.method + ' '
                                    + r.path + ' ' + QByteArray::number(r.status) + ' '
                                    + QByteArray::number(r.latencyMicros) + "us"
                                    + (r.eventId.isEmpty() ? QByteArray() : " id=" + r.eventId.toUtf8())
                                    + (r.matchedBindings.isEmpty() ? QByteArray() : " bindings=" + r.matchedBindings.join(QLatin1Char(',')).toUtf8())
                                    + (r.error.isEmpty() ? QByteArray() : " error=\"" + r.error.toUtf8() + '"') + '\n';
            std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
        });
    }
    // Signals first: a SIGTERM that arrives right after the "listening" line must stop cleanly.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        std::perror("bindery-cli serve: socketpair");
        return ExitUsage;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        std::fprintf(stderr, "bindery-cli serve: stopping\n");
        QCoreApplication::quit();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    if (!server.start(config, &error)) {
        std::fprintf(stderr, "bindery-cli serve: %s\n", qPrintable(error));
        return ExitUsage;
    }
    const auto snap = server.snapshot();
    if (snap.recovered > 0)
        std::fprintf(stderr, "bindery-cli serve: re-dispatched %d unprocessed journal entries\n", snap.recovered);
    std::fprintf(stderr, "bindery-cli serve: listening on %s://%s:%u (%s, queue %d, workers %d)\n",
                 config.http.tlsEnabled() ? "https" : "http", qPrintable(snap.address), snap.port,
                 config.async ? "async" : "sync", config.queueSize, config.workers);
    std::fflush(stderr);

    app.exec();
    server.stop();
    const auto end = server.snapshot();
    std::fprintf(stderr, "bindery-cli serve: stopped after %llu requests (%llu events accepted, %llu processed, %llu rejected: queue full)\n",
                 static_cast<unsigned long long>(end.requests), static_cast<unsigned long long>(end.accepted),
                 static_cast<unsigned long long>(end.processed), static_cast<unsigned long long>(end.rejectedFull));
    return ExitOk;
}

} // namespace bindery::cli
