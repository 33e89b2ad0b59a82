// SPDX-License-Identifier: Apache-2.0
// bindery-cli post: posts one event to an Argo Server (or Bindery's endpoint) and prints the answer.
#include "cli/command.h"
#include "cli/net_cli_util.h"
#include "net/argo_client.h"
#include "net/capture_import.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>

namespace bindery::cli {

namespace {

void printPostHelp(std::FILE *out)
{
    std::fprintf(out,
                 "Usage: bindery-cli post URL [-H 'Name: value']... [-d BODY|@FILE] [--token T]\n"
                 "                        [--insecure] [--cacert FILE] [--timeout MS]\n"
                 "\n"
                 "Posts an event to URL (http(s)://host:port[/prefix]/api/v1/events/NS/DISCRIMINATOR)\n"
                 "and prints the response body on stdout, the status and latency on stderr.\n"
                 "\n"
                 "  -H, --header H   a request header (repeatable)\n"
                 "  -d, --data D     the body; @FILE reads it from a file, @- from stdin\n"
                 "  --token T        bearer token (default: $ARGO_TOKEN; 'Bearer ' added if missing)\n"
                 "  --insecure       do not verify the server's TLS certificate\n"
                 "  --cacert FILE    trust the CA certificate(s) in FILE (PEM)\n"
                 "  --timeout MS     give up after MS milliseconds (default 30000)\n"
                 "\n"
                 "Exit status: 0 on a 2xx answer, 1 on another HTTP status, 2 on usage or network errors.\n");
}

} // namespace

int runPostCommand(const std::vector<std::string_view> &args)
{
    using namespace bindery::net;
    QString url;
    HeaderList headers;
    QByteArray body;
    ConnectionOptions options;
    options.token = qgetenv("ARGO_TOKEN");
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--help" || a == "-h") {
            printPostHelp(stdout);
            return ExitOk;
        } else if (a == "-H" || a == "--header") {
            const auto v = optionValue("post", args, i);
            if (!v)
                return ExitUsage;
            const qsizetype colon = v->indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                printErr(QStringLiteral("bindery-cli post: header '%1' is not 'Name: value'").arg(*v));
                return ExitUsage;
            }
            headers.append(qMakePair(v->left(colon).trimmed().toUtf8(), v->mid(colon + 1).trimmed().toUtf8()));
        } else if (a == "-d" || a == "--data") {
            const auto v = optionValue("post", args, i);
            if (!v)
                return ExitUsage;
            if (v->startsWith(QLatin1Char('@'))) {
                QFile f;
                const QString name = v->mid(1);
                const bool ok = name == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                                           : (f.setFileName(name), f.open(QIODevice::ReadOnly));
                if (!ok) {
                    printErr(QStringLiteral("bindery-cli post: cannot read '%1': %2").arg(name, f.errorString()));
                    return ExitUsage;
                }
                body = f.readAll();
            } else {
                body = v->toUtf8();
            }
        } else if (a == "--token") {
            const auto v = optionValue("post", args, i);
            if (!v)
                return ExitUsage;
            options.token = v->toUtf8();
        } else if (a == "--insecure" || a == "-k") {
            options.insecure = true;
        } else if (a == "--cacert") {
            const auto v = optionValue("post", args, i);
            if (!v)
                return ExitUsage;
            options.caFile = *v;
        } else if (a == "--timeout") {
            const auto v = optionValue("post", args, i);
            bool ok = false;
            options.timeoutMs = v ? v->toInt(&ok) : 0;
            if (!ok || options.timeoutMs < 0) {
                printErr(QStringLiteral("bindery-cli post: --timeout needs a number of milliseconds"));
                return ExitUsage;
            }
        } else if (a.size() > 1 && a.front() == '-') {
            printErr(QStringLiteral("bindery-cli post: unknown option '%1'").arg(argText(a)));
            printPostHelp(stderr);
            return ExitUsage;
        } else if (url.isEmpty()) {
            url = argText(a);
        } else {
            printErr(QStringLiteral("bindery-cli post: more than one URL"));
            return ExitUsage;
        }
    }
    if (url.isEmpty()) {
        printErr(QStringLiteral("bindery-cli post: no URL"));
        printPostHelp(stderr);
        return ExitUsage;
    }
    // The base is everything before /api/v1/events/ (servers may sit under a path prefix).
    const QUrl parsed(url, QUrl::StrictMode);
    const QString path = parsed.path(QUrl::FullyEncoded);
    const qsizetype at = path.indexOf(QLatin1String("/api/v1/events/"));
    QString why;
    const auto route = at >= 0 ? eventRouteFromPath(QUrl::fromPercentEncoding(path.mid(at).toUtf8()), &why)
                               : std::optional<EventRoute>{};
    if (!parsed.isValid() || !route) {
        printErr(QStringLiteral("bindery-cli post: %1").arg(
            !parsed.isValid() ? QStringLiteral("invalid URL '%1'").arg(url)
                              : (at < 0 ? QStringLiteral("'%1' is not an events URL (.../api/v1/events/NS/D)").arg(url) : why)));
        return ExitUsage;
    }
    QUrl base = parsed;
    base.setPath(path.left(at), QUrl::TolerantMode);
    base.setQuery(QString());
    options.baseUrl = base;

    int argc = 1;
    char name[] = "bindery-cli";
    char *argv[] = {name, nullptr};
    std::optional<QCoreApplication> app;
    if (!QCoreApplication::instance())
        app.emplace(argc, argv);
    ArgoClient client;
    client.setOptions(options);
    ArgoCall *call = client.postEvent(route->ns, route->discriminator, headers, body);
    QEventLoop loop;
    QObject::connect(call, &ArgoCall::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const ArgoResult &r = call->result();
    if (r.status == 0) {
        printErr(QStringLiteral("bindery-cli post: %1 (%2)").arg(r.message, netErrorKindName(r.error)));
        return ExitUsage;
    }
    std::fwrite(r.body.constData(), 1, static_cast<size_t>(r.body.size()), stdout);
    if (!r.body.endsWith('\n'))
        std::fputc('\n', stdout);
    printErr(QStringLiteral("HTTP %1 in %2 ms%3")
                 .arg(r.status)
                 .arg(static_cast<double>(r.latencyUs) / 1000.0, 0, 'f', 1)
                 .arg(r.ok() ? QString() : QStringLiteral(": ") + r.message));
    return r.status >= 200 && r.status < 300 ? ExitOk : ExitCheckFailed;
}

} // namespace bindery::cli
