// SPDX-License-Identifier: Apache-2.0
// `curl` command lines (as browsers' "Copy as cURL" and docs write them) -> capture records.
#include "net/capture_import_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace bindery::net::importdetail {

namespace {

// ---- curl -------------------------------------------------------------------------------------

bool looksLikeWindowsCmd(QByteArrayView text)
{
    // Chrome's "Copy as cURL (cmd)" escapes every quote as ^" and ends continued lines with ^.
    if (text.contains("^\""))
        return true;
    qsizetype from = 0;
    while (true) {
        const qsizetype nl = text.indexOf('\n', from);
        if (nl < 0)
            return false;
        qsizetype e = nl;
        if (e > 0 && text[e - 1] == '\r')
            --e;
        while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t'))
            --e;
        if (e > 0 && text[e - 1] == '^')
            return true;
        from = nl + 1;
    }
}

} // namespace

bool isCurlProgram(QByteArrayView w)
{
    QByteArrayView base = w;
    const qsizetype slash = std::max(w.lastIndexOf('/'), w.lastIndexOf('\\'));
    if (slash >= 0)
        base = w.sliced(slash + 1);
    return base == "curl" || base.compare("curl.exe", Qt::CaseInsensitive) == 0;
}

namespace {

enum class Opt {
    None, // a flag without argument we do not need
    Skip, // takes an argument we do not need
    Header,
    Data, // -d, --data, --data-ascii
    DataRaw, // --data-raw
    DataBinary, // --data-binary
    DataUrlencode,
    Json,
    Request,
    User,
    Url,
    UserAgent,
    Referer,
    Cookie,
    Bearer, // --oauth2-bearer
    Get, // -G
    Head, // -I
    Form, // -F, --form, --form-string
    Upload, // -T
};

Opt shortOpt(char c)
{
    switch (c) {
    case 'H':
        return Opt::Header;
    case 'd':
        return Opt::Data;
    case 'X':
        return Opt::Request;
    case 'u':
        return Opt::User;
    case 'A':
        return Opt::UserAgent;
    case 'e':
        return Opt::Referer;
    case 'b':
        return Opt::Cookie;
    case 'G':
        return Opt::Get;
    case 'I':
        return Opt::Head;
    case 'F':
        return Opt::Form;
    case 'T':
        return Opt::Upload;
    case 'o':
    case 'm':
    case 'x':
    case 'w':
    case 'E':
    case 'K':
    case 'r':
    case 'Y':
    case 'y':
    case 'z':
    case 'C':
    case 'D':
    case 'U':
    case 'Q':
    case 't':
    case 'P':
    case 'c':
        return Opt::Skip;
    default:
        return Opt::None;
    }
}

bool takesArgument(Opt o)
{
    return o != Opt::None && o != Opt::Get && o != Opt::Head;
}

Opt longOpt(QByteArrayView name, bool *known)
{
    struct Entry {
        const char *name;
        Opt opt;
    };
    static const Entry table[] = {
        { "header", Opt::Header },
        { "data", Opt::Data },
        { "data-ascii", Opt::Data },
        { "data-raw", Opt::DataRaw },
        { "data-binary", Opt::DataBinary },
        { "data-urlencode", Opt::DataUrlencode },
        { "json", Opt::Json },
        { "request", Opt::Request },
        { "user", Opt::User },
        { "url", Opt::Url },
        { "user-agent", Opt::UserAgent },
        { "referer", Opt::Referer },
        { "cookie", Opt::Cookie },
        { "oauth2-bearer", Opt::Bearer },
        { "get", Opt::Get },
        { "head", Opt::Head },
        { "form", Opt::Form },
        { "form-string", Opt::Form },
        { "upload-file", Opt::Upload },
        // Options with an argument that does not change the request we import.
        { "output", Opt::Skip },
        { "max-time", Opt::Skip },
        { "connect-timeout", Opt::Skip },
        { "cacert", Opt::Skip },
        { "capath", Opt::Skip },
        { "cert", Opt::Skip },
        { "key", Opt::Skip },
        { "cert-type", Opt::Skip },
        { "key-type", Opt::Skip },
        { "pass", Opt::Skip },
        { "proxy", Opt::Skip },
        { "proxy-user", Opt::Skip },
        { "write-out", Opt::Skip },
        { "retry", Opt::Skip },
        { "retry-delay", Opt::Skip },
        { "retry-max-time", Opt::Skip },
        { "resolve", Opt::Skip },
        { "connect-to", Opt::Skip },
        { "cookie-jar", Opt::Skip },
        { "limit-rate", Opt::Skip },
        { "max-filesize", Opt::Skip },
        { "dump-header", Opt::Skip },
        { "trace", Opt::Skip },
        { "trace-ascii", Opt::Skip },
        { "config", Opt::Skip },
        { "interface", Opt::Skip },
        { "local-port", Opt::Skip },
        { "range", Opt::Skip },
        { "continue-at", Opt::Skip },
        { "ciphers", Opt::Skip },
        { "tls-max", Opt::Skip },
        { "expect100-timeout", Opt::Skip },
        { "keepalive-time", Opt::Skip },
        { "max-redirs", Opt::Skip },
        { "netrc-file", Opt::Skip },
        { "speed-limit", Opt::Skip },
        { "speed-time", Opt::Skip },
        { "unix-socket", Opt::Skip },
        { "abstract-unix-socket", Opt::Skip },
        { "pinnedpubkey", Opt::Skip },
        { "aws-sigv4", Opt::Skip },
        { "variable", Opt::Skip },
        { "url-query", Opt::Skip },
        { "stderr", Opt::Skip },
        { "happy-eyeballs-timeout-ms", Opt::Skip },
        { "proxy-header", Opt::Skip },
        { "noproxy", Opt::Skip },
        { "dns-servers", Opt::Skip },
        { "crlfile", Opt::Skip },
        { "create-file-mode", Opt::Skip },
        { "output-dir", Opt::Skip },
        { "time-cond", Opt::Skip },
        { "parallel-max", Opt::Skip },
        { "socks5", Opt::Skip },
        { "socks5-hostname", Opt::Skip },
        { "preproxy", Opt::Skip },
        { "login-options", Opt::Skip },
        { "sasl-authzid", Opt::Skip },
        { "delegation", Opt::Skip },
        { "engine", Opt::Skip },
        { "random-file", Opt::Skip },
        { "egd-file", Opt::Skip },
        { "hsts", Opt::Skip },
        { "alt-svc", Opt::Skip },
        { "etag-save", Opt::Skip },
        { "etag-compare", Opt::Skip },
        { "request-target", Opt::Skip },
        { "mail-from", Opt::Skip },
        { "mail-rcpt", Opt::Skip },
        { "ftp-port", Opt::Skip },
        { "quote", Opt::Skip },
        { "telnet-option", Opt::Skip },
        { "tlsuser", Opt::Skip },
        { "tlspassword", Opt::Skip },
    };
    for (const auto &e : table) {
        if (name == QByteArrayView(e.name)) {
            *known = true;
            return e.opt;
        }
    }
    *known = false;
    return Opt::None;
}

} // namespace

QByteArray urlEncodeComponent(QByteArrayView v)
{
    // curl --data-urlencode encodes everything but unreserved characters.
    return QUrl::toPercentEncoding(QString::fromUtf8(v));
}

namespace {

struct CurlRequest {
    QByteArray method;
    QList<QByteArray> urls;
    HeaderList headers;
    QList<QByteArray> dataParts;
    bool hasData = false;
    bool jsonData = false;
    bool get = false;
    bool head = false;
    QString unsupported; // a reason the request cannot be imported
};

void addCurlHeader(CurlRequest &req, QByteArrayView raw)
{
    // "Name: value"; "Name:" removes a header curl would add; "Name;" sends it empty.
    const qsizetype colon = raw.indexOf(':');
    if (colon < 0) {
        if (raw.endsWith(';'))
            req.headers.append({ raw.chopped(1).trimmed().toByteArray(), QByteArray("") });
        return; // curl ignores it too
    }
    const QByteArray name = raw.first(colon).trimmed().toByteArray();
    const QByteArray value = raw.sliced(colon + 1).trimmed().toByteArray();
    if (value.isEmpty()) {
        req.headers.append({ name, QByteArray() }); // a removal marker, applied at the end
        return;
    }
    req.headers.append({ name, value });
}

} // namespace

void importCurl(QByteArrayView text, Context &ctx)
{
    const bool windows = looksLikeWindowsCmd(text);
    const QList<ShellCommand> commands = splitShellCommands(text, windows);
    int index = 0;
    for (const ShellCommand &cmd : commands) {
        if (!ctx.tick(index, commands.size()))
            return;
        ++index;
        const QString item = QStringLiteral("command %1").arg(index);
        if (!cmd.error.isEmpty()) {
            ctx.skip(cmd.errorLine, cmd.errorColumn, item, cmd.error);
            continue;
        }
        qsizetype w = 0;
        // Prompts copied along with the command: "$ curl ..." or "> curl ...".
        while (w < cmd.words.size()
            && (cmd.words[w].text == "$" || cmd.words[w].text == ">" || cmd.words[w].text == "%"))
            ++w;
        if (w >= cmd.words.size())
            continue;
        if (!isCurlProgram(cmd.words[w].text)) {
            if (cmd.piped)
                continue; // `curl ... | jq .`: the filter is not a request
            ctx.skip(cmd.words[w].line, cmd.words[w].column, item,
                QStringLiteral("not a curl command ('%1')")
                    .arg(QString::fromUtf8(cmd.words[w].text.left(40))));
            continue;
        }
        CurlRequest req;
        QString problem;
        int problemLine = cmd.line, problemCol = 1;
        auto readFile = [&](QByteArrayView name, bool *ok) -> QByteArray {
            *ok = false;
            if (name == "-") {
                problem = QStringLiteral("the body comes from standard input (@-), which a file cannot hold");
                return {};
            }
            const QString fileName = QString::fromUtf8(name);
            const QString path = QDir::isAbsolutePath(fileName)
                ? fileName
                : QDir(ctx.options.baseDir.isEmpty() ? QDir::currentPath() : ctx.options.baseDir)
                      .filePath(fileName);
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                problem = QStringLiteral("cannot read body file '%1': %2").arg(path, f.errorString());
                return {};
            }
            // read() with a bound, not size(): devices such as /dev/zero report size 0 and never end.
            QByteArray content = f.read(ctx.options.maxReferencedFileBytes + 1);
            if (content.size() > ctx.options.maxReferencedFileBytes) {
                problem = QStringLiteral("body file '%1' is larger than %2 bytes")
                              .arg(path)
                              .arg(ctx.options.maxReferencedFileBytes);
                return {};
            }
            *ok = true;
            return content;
        };
        auto apply = [&](Opt opt, const ShellWord &arg) {
            const QByteArray &v = arg.text;
            bool ok = true;
            switch (opt) {
            case Opt::Header:
                addCurlHeader(req, v);
                break;
            case Opt::Data:
                req.hasData = true;
                if (v.startsWith('@')) {
                    QByteArray content = readFile(QByteArrayView(v).sliced(1), &ok);
                    // -d @file strips carriage returns and newlines, as curl does.
                    content.replace('\r', QByteArray()).replace('\n', QByteArray());
                    req.dataParts.append(content);
                } else {
                    req.dataParts.append(v);
                }
                break;
            case Opt::DataRaw:
                req.hasData = true;
                req.dataParts.append(v);
                break;
            case Opt::DataBinary:
                req.hasData = true;
                req.dataParts.append(v.startsWith('@') ? readFile(QByteArrayView(v).sliced(1), &ok) : v);
                break;
            case Opt::Json:
                req.hasData = true;
                req.jsonData = true;
                if (!req.dataParts.isEmpty()) {
                    // --json appends without the '&' that -d uses.
                    req.dataParts.last().append(
                        v.startsWith('@') ? readFile(QByteArrayView(v).sliced(1), &ok) : v);
                } else {
                    req.dataParts.append(v.startsWith('@') ? readFile(QByteArrayView(v).sliced(1), &ok) : v);
                }
                break;
            case Opt::DataUrlencode: {
                req.hasData = true;
                const qsizetype eq = v.indexOf('=');
                const qsizetype at = v.indexOf('@');
                if (eq >= 0 && (at < 0 || eq < at)) {
                    const QByteArray name = v.left(eq);
                    const QByteArray enc = urlEncodeComponent(QByteArrayView(v).sliced(eq + 1));
                    req.dataParts.append(name.isEmpty() ? enc : name + '=' + enc);
                } else if (at >= 0) {
                    const QByteArray name = v.left(at);
                    const QByteArray content = readFile(QByteArrayView(v).sliced(at + 1), &ok);
                    const QByteArray enc = urlEncodeComponent(content);
                    req.dataParts.append(name.isEmpty() ? enc : name + '=' + enc);
                } else {
                    req.dataParts.append(urlEncodeComponent(v));
                }
                break;
            }
            case Opt::Request:
                req.method = v;
                break;
            case Opt::User: {
                const QByteArray cred = v.contains(':') ? v : v + ':';
                req.headers.append({ "Authorization", "Basic " + cred.toBase64() });
                break;
            }
            case Opt::Url:
                req.urls.append(v);
                break;
            case Opt::UserAgent:
                req.headers.append({ "User-Agent", v });
                break;
            case Opt::Referer:
                req.headers.append({ "Referer", v });
                break;
            case Opt::Cookie:
                if (v.contains('='))
                    req.headers.append({ "Cookie", v });
                break; // otherwise a cookie file to read from: nothing to send
            case Opt::Bearer:
                req.headers.append({ "Authorization", "Bearer " + v });
                break;
            case Opt::Form:
                if (req.unsupported.isEmpty())
                    req.unsupported = QStringLiteral("multipart form bodies (-F/--form) are not JSON events");
                break;
            case Opt::Upload:
                if (req.unsupported.isEmpty())
                    req.unsupported = QStringLiteral("-T/--upload-file sends a PUT, not an event POST");
                break;
            case Opt::Get:
                req.get = true;
                break;
            case Opt::Head:
                req.head = true;
                break;
            case Opt::Skip:
            case Opt::None:
                break;
            }
            if (!ok && problemLine == cmd.line && problemCol == 1) {
                problemLine = arg.line;
                problemCol = arg.column;
            }
        };
        bool endOfOptions = false;
        for (qsizetype k = w + 1; k < cmd.words.size(); ++k) {
            const ShellWord &word = cmd.words[k];
            const QByteArray &a = word.text;
            if (endOfOptions || !a.startsWith('-') || a == "-") {
                req.urls.append(a);
                continue;
            }
            if (a == "--") {
                endOfOptions = true;
                continue;
            }
            if (a.startsWith("--")) {
                QByteArrayView name = QByteArrayView(a).sliced(2);
                bool known = false;
                Opt opt = longOpt(name, &known);
                if (!known && name.startsWith("no-")) {
                    longOpt(name.sliced(3), &known); // --no-<flag> negates a flag
                    opt = Opt::None;
                }
                if (takesArgument(opt)) {
                    if (k + 1 >= cmd.words.size()) {
                        problem = QStringLiteral("option %1 needs an argument").arg(QString::fromUtf8(a));
                        problemLine = word.line;
                        problemCol = word.column;
                        break;
                    }
                    apply(opt, cmd.words[++k]);
                } else {
                    apply(opt, word);
                }
                continue;
            }
            // A cluster of short options: -sSL, -XPOST, -H'X: y'.
            for (qsizetype j = 1; j < a.size(); ++j) {
                const Opt opt = shortOpt(a[j]);
                if (!takesArgument(opt)) {
                    apply(opt, word);
                    continue;
                }
                if (j + 1 < a.size()) {
                    apply(opt, ShellWord { a.mid(j + 1), word.line, word.column + static_cast<int>(j) + 1 });
                } else if (k + 1 < cmd.words.size()) {
                    apply(opt, cmd.words[++k]);
                } else {
                    problem = QStringLiteral("option -%1 needs an argument").arg(QLatin1Char(a[j]));
                    problemLine = word.line;
                    problemCol = word.column;
                }
                break;
            }
            if (!problem.isEmpty())
                break;
        }
        if (!problem.isEmpty()) {
            ctx.skip(problemLine, problemCol, item, problem);
            continue;
        }
        if (!req.unsupported.isEmpty()) {
            ctx.skip(cmd.line, 1, item, req.unsupported);
            continue;
        }
        if (req.urls.isEmpty()) {
            ctx.skip(cmd.line, 1, item, QStringLiteral("no URL"));
            continue;
        }
        QByteArray method = req.method;
        if (method.isEmpty())
            method = req.head ? "HEAD" : (req.hasData && !req.get) ? "POST" : "GET";
        if (req.get && req.method.isEmpty())
            method = "GET";
        if (method.toUpper() != "POST") {
            ctx.skip(cmd.line, 1, item,
                QStringLiteral("method %1 is not POST (only POST reaches the events endpoint)")
                    .arg(QString::fromUtf8(method)));
            continue;
        }
        QByteArray body = req.dataParts.join('&');
        if (req.jsonData)
            body = req.dataParts.join(QByteArray());
        // Headers curl adds by itself, unless the command overrides or removes them.
        HeaderList headers;
        auto userSets = [&](QByteArrayView name) {
            for (const auto &h : req.headers) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return true;
            }
            return false;
        };
        if (req.hasData && !userSets("Content-Type"))
            headers.append(qMakePair(QByteArray("Content-Type"),
                QByteArray(req.jsonData ? "application/json" : "application/x-www-form-urlencoded")));
        if (req.jsonData && !userSets("Accept"))
            headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
        for (const auto &h : req.headers) {
            if (h.second.isNull()) { // "Name:" removes it
                headers.removeIf([&](const QPair<QByteArray, QByteArray> &x) {
                    return x.first.compare(h.first, Qt::CaseInsensitive) == 0;
                });
                continue;
            }
            headers.append(h);
        }
        for (const QByteArray &url : std::as_const(req.urls)) {
            QString why;
            if (!ctx.add(QString::fromUtf8(url), headers, body, ctx.defaultTime(), &why))
                ctx.skip(cmd.line, 1, item, why);
        }
    }
}

} // namespace bindery::net::importdetail
