// SPDX-License-Identifier: Apache-2.0
#include "net/capture_import.h"

#include "net/capture_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace bindery::net {

namespace cj = capturejson;

QString ImportIssue::toString() const
{
    QString out = source.isEmpty() ? QStringLiteral("<input>") : source;
    if (line > 0) {
        out += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            out += QLatin1Char(':') + QString::number(column);
    } else if (byteOffset >= 0) {
        out += QStringLiteral(": byte %1").arg(byteOffset);
    }
    out += QStringLiteral(": ");
    if (!item.isEmpty())
        out += item + QStringLiteral(": ");
    return out + reason;
}

QString captureFormatName(CaptureFormat format)
{
    switch (format) {
    case CaptureFormat::Auto: return QStringLiteral("auto");
    case CaptureFormat::Curl: return QStringLiteral("curl");
    case CaptureFormat::Har: return QStringLiteral("har");
    case CaptureFormat::Http: return QStringLiteral("http");
    case CaptureFormat::Ndjson: return QStringLiteral("ndjson");
    case CaptureFormat::GitHub: return QStringLiteral("github");
    case CaptureFormat::GitLab: return QStringLiteral("gitlab");
    }
    return {};
}

std::optional<CaptureFormat> captureFormatFromName(QStringView name)
{
    for (auto f : {CaptureFormat::Auto, CaptureFormat::Curl, CaptureFormat::Har, CaptureFormat::Http,
                   CaptureFormat::Ndjson, CaptureFormat::GitHub, CaptureFormat::GitLab}) {
        if (name.compare(captureFormatName(f), Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

// ---- routes -----------------------------------------------------------------------------------

std::optional<EventRoute> eventRouteFromPath(QStringView path, QString *why)
{
    auto fail = [&](const QString &reason) -> std::optional<EventRoute> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (!path.startsWith(QLatin1String("/api/v1/events/")))
        return fail(QStringLiteral("path '%1' is not /api/v1/events/{namespace}/{discriminator}").arg(path));
    const QList<QStringView> parts = path.sliced(1).split(QLatin1Char('/'));
    if (parts.size() != 5)
        return fail(QStringLiteral("path '%1' has %2 segments; Argo routes exactly "
                                   "/api/v1/events/{namespace}/{discriminator} (note the trailing slash)")
                        .arg(path)
                        .arg(parts.size()));
    if (parts[3].isEmpty())
        return fail(QStringLiteral("path '%1' has an empty namespace").arg(path));
    if (parts[4].contains(QLatin1Char(':')))
        return fail(QStringLiteral("discriminator '%1' contains ':', which grpc-gateway reads as a verb")
                        .arg(parts[4]));
    return EventRoute{parts[3].toString(), parts[4].toString()};
}

std::optional<EventRoute> eventRouteFromUrl(const QString &rawUrl, QString *why)
{
    QString url = rawUrl.trimmed();
    if (url.isEmpty()) {
        if (why)
            *why = QStringLiteral("no URL");
        return std::nullopt;
    }
    QString path;
    if (url.startsWith(QLatin1Char('/'))) {
        path = url;
    } else {
        if (!url.contains(QLatin1String("://")))
            url.prepend(QStringLiteral("http://"));
        const QUrl u(url, QUrl::TolerantMode);
        if (!u.isValid()) {
            if (why)
                *why = QStringLiteral("invalid URL '%1': %2").arg(rawUrl, u.errorString());
            return std::nullopt;
        }
        path = u.path(QUrl::FullyEncoded);
        if (path.isEmpty())
            path = QStringLiteral("/");
    }
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    if (q >= 0)
        path.truncate(q);
    const qsizetype h = path.indexOf(QLatin1Char('#'));
    if (h >= 0)
        path.truncate(h);
    // Go's r.URL.Path is decoded before routing, so "%2F" becomes a separator (events-spec §1.2).
    return eventRouteFromPath(QUrl::fromPercentEncoding(path.toUtf8()), why);
}

namespace {

// Headers a capture does not keep: the transport's, recomputed on every send.
bool isTransportHeader(QByteArrayView name)
{
    static const char *const names[] = {"host", "content-length", "transfer-encoding", "connection",
                                        "keep-alive", "te", "trailer", "upgrade", "proxy-connection",
                                        "expect"};
    if (name.startsWith(':')) // HTTP/2 pseudo-headers in HARs
        return true;
    for (const char *n : names) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

struct Context {
    const ImportOptions &options;
    ImportResult &result;
    QDateTime now;

    void skip(int line, int column, const QString &item, const QString &reason)
    {
        result.skipped.append({options.sourceName, line, column, -1, item, reason});
    }
    void skipAt(QByteArrayView text, qsizetype offset, const QString &item, const QString &reason)
    {
        const auto lc = cj::lineColumnAt(text, offset);
        skip(lc.line, lc.column, item, reason);
    }
    void fatal(QByteArrayView text, qsizetype offset, const QString &reason)
    {
        skipAt(text, offset, {}, reason);
        result.unreadable = true;
    }
    QDateTime defaultTime() const { return options.defaultTime.isValid() ? options.defaultTime.toUTC() : now; }

    // Adds the record when the route is an events route; otherwise returns the reason.
    bool add(const QString &url, HeaderList headers, QByteArray body, const QDateTime &time, QString *why)
    {
        const auto route = eventRouteFromUrl(url, why);
        if (!route)
            return false;
        CaptureRecord r;
        r.time = time;
        r.ns = route->ns;
        r.discriminator = route->discriminator;
        headers.removeIf([](const QPair<QByteArray, QByteArray> &h) { return isTransportHeader(h.first); });
        r.headers = std::move(headers);
        r.body = std::move(body);
        result.records.append(std::move(r));
        return true;
    }
};

// ---- shell words ------------------------------------------------------------------------------

struct Cursor {
    QByteArrayView t;
    qsizetype i = 0;
    int line = 1;
    int col = 1;
    bool atEnd() const { return i >= t.size(); }
    char peek(qsizetype k = 0) const { return i + k < t.size() ? t[i + k] : '\0'; }
    char take()
    {
        const char c = t[i++];
        if (c == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
        return c;
    }
    bool atNewline() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }
    void takeNewline()
    {
        if (peek() == '\r')
            take();
        take();
    }
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    out.append(QString::fromUcs4(&cp, 1).toUtf8());
}

QList<ShellCommand> splitPosix(QByteArrayView text)
{
    QList<ShellCommand> out;
    Cursor c{text};
    ShellCommand cmd;
    QByteArray word;
    bool inWord = false;
    int wordLine = 1, wordCol = 1;
    auto startWord = [&] {
        if (!inWord) {
            inWord = true;
            wordLine = c.line;
            wordCol = c.col;
        }
    };
    auto endWord = [&] {
        if (inWord) {
            if (cmd.words.isEmpty())
                cmd.line = wordLine;
            cmd.words.append({word, wordLine, wordCol});
            word.clear();
            inWord = false;
        }
    };
    auto endCommand = [&] {
        endWord();
        if (!cmd.words.isEmpty() || !cmd.error.isEmpty())
            out.append(cmd);
        cmd = ShellCommand{};
    };
    auto failAndResync = [&](int line, int col, const QString &why) {
        // The shell would read on to the end of the file; resuming at the next line lets the
        // commands after a broken one still be imported.
        endWord();
        cmd.error = why;
        cmd.errorLine = line;
        cmd.errorColumn = col;
        if (cmd.words.isEmpty())
            cmd.line = line;
        out.append(cmd);
        cmd = ShellCommand{};
        word.clear();
        inWord = false;
    };
    while (!c.atEnd()) {
        const char ch = c.peek();
        if (ch == '\\' && (c.peek(1) == '\n' || (c.peek(1) == '\r' && c.peek(2) == '\n'))) {
            c.take();
            c.takeNewline();
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r') {
            c.take();
            endWord();
            continue;
        }
        if (ch == '\n' || ch == ';') {
            c.take();
            endCommand();
            continue;
        }
        if (ch == '&' || ch == '|') {
            c.take();
            if (c.peek() == ch)
                c.take();
            endCommand();
            continue;
        }
        if (ch == '#' && !inWord) {
            while (!c.atEnd() && c.peek() != '\n')
                c.take();
            continue;
        }
        if (ch == '\\') {
            startWord();
            c.take();
            if (!c.atEnd())
                word.append(c.take());
            continue;
        }
        if (ch == '\'') {
            startWord();
            const int ql = c.line, qc = c.col;
            c.take();
            bool closed = false;
            while (!c.atEnd()) {
                const char q = c.take();
                if (q == '\'') {
                    closed = true;
                    break;
                }
                word.append(q);
            }
            if (!closed) {
                failAndResync(ql, qc, QStringLiteral("unterminated single quote"));
            }
            continue;
        }
        if (ch == '$' && c.peek(1) == '\'') {
            startWord();
            const int ql = c.line, qc = c.col;
            c.take();
            c.take();
            bool closed = false;
            while (!c.atEnd()) {
                const char q = c.take();
                if (q == '\'') {
                    closed = true;
                    break;
                }
                if (q != '\\' || c.atEnd()) {
                    word.append(q);
                    continue;
                }
                const char e = c.take();
                switch (e) {
                case 'n': word.append('\n'); break;
                case 't': word.append('\t'); break;
                case 'r': word.append('\r'); break;
                case 'a': word.append('\a'); break;
                case 'b': word.append('\b'); break;
                case 'e':
                case 'E': word.append('\x1b'); break;
                case 'f': word.append('\f'); break;
                case 'v': word.append('\v'); break;
                case '\\': word.append('\\'); break;
                case '\'': word.append('\''); break;
                case '"': word.append('"'); break;
                case '?': word.append('?'); break;
                case 'x': {
                    int v = 0, n = 0;
                    while (n < 2 && hexValue(c.peek()) >= 0) {
                        v = v * 16 + hexValue(c.take());
                        ++n;
                    }
                    if (n == 0)
                        word.append("\\x");
                    else
                        word.append(static_cast<char>(v));
                    break;
                }
                case 'u':
                case 'U': {
                    const int maxDigits = e == 'u' ? 4 : 8;
                    char32_t v = 0;
                    int n = 0;
                    while (n < maxDigits && hexValue(c.peek()) >= 0) {
                        v = v * 16 + static_cast<char32_t>(hexValue(c.take()));
                        ++n;
                    }
                    if (n == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                        word.append('\\');
                        word.append(e);
                    } else {
                        appendUtf8(word, v);
                    }
                    break;
                }
                case 'c':
                    if (!c.atEnd())
                        word.append(static_cast<char>(c.take() & 0x1F));
                    break;
                default:
                    if (e >= '0' && e <= '7') {
                        int v = e - '0', n = 1;
                        while (n < 3 && c.peek() >= '0' && c.peek() <= '7') {
                            v = v * 8 + (c.take() - '0');
                            ++n;
                        }
                        word.append(static_cast<char>(v & 0xFF));
                    } else {
                        word.append('\\');
                        word.append(e);
                    }
                }
            }
            if (!closed)
                failAndResync(ql, qc, QStringLiteral("unterminated $'...' quote"));
            continue;
        }
        if (ch == '"' || (ch == '$' && c.peek(1) == '"')) {
            startWord();
            const int ql = c.line, qc = c.col;
            if (ch == '$')
                c.take();
            c.take();
            bool closed = false;
            while (!c.atEnd()) {
                const char q = c.take();
                if (q == '"') {
                    closed = true;
                    break;
                }
                if (q == '\\' && !c.atEnd()) {
                    const char e = c.peek();
                    if (e == '$' || e == '`' || e == '"' || e == '\\') {
                        word.append(c.take());
                        continue;
                    }
                    if (e == '\n' || (e == '\r' && c.peek(1) == '\n')) {
                        c.takeNewline();
                        continue;
                    }
                }
                word.append(q);
            }
            if (!closed)
                failAndResync(ql, qc, QStringLiteral("unterminated double quote"));
            continue;
        }
        startWord();
        word.append(c.take());
    }
    endCommand();
    return out;
}

// cmd.exe reads `^` as an escape outside its own quotes, and `^` at the end of a line continues
// it; the program then splits its command line with the MSVC runtime's rules.
QList<ShellCommand> splitWindowsCmd(QByteArrayView text)
{
    struct Pos {
        int line, col;
    };
    QList<ShellCommand> out;
    Cursor c{text};
    while (!c.atEnd()) {
        // Phase 1: one logical cmd line.
        QByteArray line;
        QList<Pos> where;
        bool quoted = false;
        const int startLine = c.line;
        while (!c.atEnd()) {
            const char ch = c.peek();
            if (ch == '\n' || (ch == '\r' && c.peek(1) == '\n')) {
                c.takeNewline();
                break;
            }
            if (ch == '^' && !quoted) {
                c.take();
                if (c.atNewline()) {
                    c.takeNewline();
                    continue;
                }
                if (c.atEnd())
                    break;
                where.append({c.line, c.col});
                line.append(c.take());
                continue;
            }
            if (ch == '"')
                quoted = !quoted;
            where.append({c.line, c.col});
            line.append(c.take());
        }
        // Phase 2: the MSVC runtime's argv rules.
        ShellCommand cmd;
        cmd.line = startLine;
        QByteArray word;
        bool inWord = false, inQuotes = false;
        Pos wordPos{startLine, 1};
        qsizetype i = 0;
        auto endWord = [&] {
            if (inWord)
                cmd.words.append({word, wordPos.line, wordPos.col});
            word.clear();
            inWord = false;
        };
        while (i < line.size()) {
            const char ch = line[i];
            if ((ch == ' ' || ch == '\t' || ch == '\r') && !inQuotes) {
                endWord();
                ++i;
                continue;
            }
            if (!inWord) {
                inWord = true;
                wordPos = where.value(i, Pos{startLine, 1});
            }
            if (ch == '\\') {
                qsizetype n = 0;
                while (i < line.size() && line[i] == '\\') {
                    ++n;
                    ++i;
                }
                if (i < line.size() && line[i] == '"') {
                    word.append(QByteArray(n / 2, '\\'));
                    if (n % 2) {
                        word.append('"');
                        ++i;
                    }
                } else {
                    word.append(QByteArray(n, '\\'));
                }
                continue;
            }
            if (ch == '"') {
                if (inQuotes && i + 1 < line.size() && line[i + 1] == '"') {
                    word.append('"');
                    i += 2;
                    continue;
                }
                inQuotes = !inQuotes;
                ++i;
                continue;
            }
            word.append(ch);
            ++i;
        }
        endWord();
        if (inQuotes) {
            cmd.error = QStringLiteral("unterminated double quote");
            cmd.errorLine = startLine;
            cmd.errorColumn = 1;
        }
        if (!cmd.words.isEmpty() || !cmd.error.isEmpty())
            out.append(cmd);
    }
    return out;
}

} // namespace

QList<ShellCommand> splitShellCommands(QByteArrayView text, bool windowsCmd)
{
    return windowsCmd ? splitWindowsCmd(text) : splitPosix(text);
}

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

bool isCurlProgram(QByteArrayView w)
{
    QByteArrayView base = w;
    const qsizetype slash = std::max(w.lastIndexOf('/'), w.lastIndexOf('\\'));
    if (slash >= 0)
        base = w.sliced(slash + 1);
    return base == "curl" || base.compare("curl.exe", Qt::CaseInsensitive) == 0;
}

enum class Opt {
    None,    // a flag without argument we do not need
    Skip,    // takes an argument we do not need
    Header,
    Data,        // -d, --data, --data-ascii
    DataRaw,     // --data-raw
    DataBinary,  // --data-binary
    DataUrlencode,
    Json,
    Request,
    User,
    Url,
    UserAgent,
    Referer,
    Cookie,
    Bearer,      // --oauth2-bearer
    Get,         // -G
    Head,        // -I
    Form,        // -F, --form, --form-string
    Upload,      // -T
};

Opt shortOpt(char c)
{
    switch (c) {
    case 'H': return Opt::Header;
    case 'd': return Opt::Data;
    case 'X': return Opt::Request;
    case 'u': return Opt::User;
    case 'A': return Opt::UserAgent;
    case 'e': return Opt::Referer;
    case 'b': return Opt::Cookie;
    case 'G': return Opt::Get;
    case 'I': return Opt::Head;
    case 'F': return Opt::Form;
    case 'T': return Opt::Upload;
    case 'o': case 'm': case 'x': case 'w': case 'E': case 'K': case 'r': case 'Y': case 'y':
    case 'z': case 'C': case 'D': case 'U': case 'Q': case 't': case 'P': case 'c':
        return Opt::Skip;
    default: return Opt::None;
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
        {"header", Opt::Header}, {"data", Opt::Data}, {"data-ascii", Opt::Data},
        {"data-raw", Opt::DataRaw}, {"data-binary", Opt::DataBinary},
        {"data-urlencode", Opt::DataUrlencode}, {"json", Opt::Json}, {"request", Opt::Request},
        {"user", Opt::User}, {"url", Opt::Url}, {"user-agent", Opt::UserAgent}, {"referer", Opt::Referer},
        {"cookie", Opt::Cookie}, {"oauth2-bearer", Opt::Bearer}, {"get", Opt::Get}, {"head", Opt::Head},
        {"form", Opt::Form}, {"form-string", Opt::Form}, {"upload-file", Opt::Upload},
        // Options with an argument that does not change the request we import.
        {"output", Opt::Skip}, {"max-time", Opt::Skip}, {"connect-timeout", Opt::Skip},
        {"cacert", Opt::Skip}, {"capath", Opt::Skip}, {"cert", Opt::Skip}, {"key", Opt::Skip},
        {"cert-type", Opt::Skip}, {"key-type", Opt::Skip}, {"pass", Opt::Skip}, {"proxy", Opt::Skip},
        {"proxy-user", Opt::Skip}, {"write-out", Opt::Skip}, {"retry", Opt::Skip},
        {"retry-delay", Opt::Skip}, {"retry-max-time", Opt::Skip}, {"resolve", Opt::Skip},
        {"connect-to", Opt::Skip}, {"cookie-jar", Opt::Skip}, {"limit-rate", Opt::Skip},
        {"max-filesize", Opt::Skip}, {"dump-header", Opt::Skip}, {"trace", Opt::Skip},
        {"trace-ascii", Opt::Skip}, {"config", Opt::Skip}, {"interface", Opt::Skip},
        {"local-port", Opt::Skip}, {"range", Opt::Skip}, {"continue-at", Opt::Skip},
        {"ciphers", Opt::Skip}, {"tls-max", Opt::Skip}, {"expect100-timeout", Opt::Skip},
        {"keepalive-time", Opt::Skip}, {"max-redirs", Opt::Skip}, {"netrc-file", Opt::Skip},
        {"speed-limit", Opt::Skip}, {"speed-time", Opt::Skip}, {"unix-socket", Opt::Skip},
        {"abstract-unix-socket", Opt::Skip}, {"pinnedpubkey", Opt::Skip}, {"aws-sigv4", Opt::Skip},
        {"variable", Opt::Skip}, {"url-query", Opt::Skip}, {"stderr", Opt::Skip},
        {"happy-eyeballs-timeout-ms", Opt::Skip}, {"proxy-header", Opt::Skip}, {"noproxy", Opt::Skip},
        {"dns-servers", Opt::Skip}, {"crlfile", Opt::Skip}, {"create-file-mode", Opt::Skip},
        {"output-dir", Opt::Skip}, {"time-cond", Opt::Skip}, {"parallel-max", Opt::Skip},
        {"socks5", Opt::Skip}, {"socks5-hostname", Opt::Skip}, {"preproxy", Opt::Skip},
        {"login-options", Opt::Skip}, {"sasl-authzid", Opt::Skip}, {"delegation", Opt::Skip},
        {"engine", Opt::Skip}, {"random-file", Opt::Skip}, {"egd-file", Opt::Skip},
        {"hsts", Opt::Skip}, {"alt-svc", Opt::Skip}, {"etag-save", Opt::Skip},
        {"etag-compare", Opt::Skip}, {"request-target", Opt::Skip}, {"mail-from", Opt::Skip},
        {"mail-rcpt", Opt::Skip}, {"ftp-port", Opt::Skip}, {"quote", Opt::Skip},
        {"telnet-option", Opt::Skip}, {"tlsuser", Opt::Skip}, {"tlspassword", Opt::Skip},
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

QByteArray urlEncodeComponent(QByteArrayView v)
{
    // curl --data-urlencode encodes everything but unreserved characters.
    return QUrl::toPercentEncoding(QString::fromUtf8(v));
}

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
            req.headers.append({raw.chopped(1).trimmed().toByteArray(), QByteArray("")});
        return; // curl ignores it too
    }
    const QByteArray name = raw.first(colon).trimmed().toByteArray();
    const QByteArray value = raw.sliced(colon + 1).trimmed().toByteArray();
    if (value.isEmpty()) {
        req.headers.append({name, QByteArray()}); // a removal marker, applied at the end
        return;
    }
    req.headers.append({name, value});
}

} // namespace

namespace {

void importCurl(QByteArrayView text, Context &ctx)
{
    const bool windows = looksLikeWindowsCmd(text);
    const QList<ShellCommand> commands = splitShellCommands(text, windows);
    int index = 0;
    bool afterPipe = false;
    Q_UNUSED(afterPipe);
    for (const ShellCommand &cmd : commands) {
        ++index;
        const QString item = QStringLiteral("command %1").arg(index);
        if (!cmd.error.isEmpty()) {
            ctx.skip(cmd.errorLine, cmd.errorColumn, item, cmd.error);
            continue;
        }
        qsizetype w = 0;
        // Prompts copied along with the command: "$ curl ..." or "> curl ...".
        while (w < cmd.words.size() && (cmd.words[w].text == "$" || cmd.words[w].text == ">"
                                        || cmd.words[w].text == "%"))
            ++w;
        if (w >= cmd.words.size())
            continue;
        if (!isCurlProgram(cmd.words[w].text)) {
            ctx.skip(cmd.words[w].line, cmd.words[w].column, item,
                     QStringLiteral("not a curl command ('%1')").arg(QString::fromUtf8(cmd.words[w].text.left(40))));
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
                : QDir(ctx.options.baseDir.isEmpty() ? QDir::currentPath() : ctx.options.baseDir).filePath(fileName);
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                problem = QStringLiteral("cannot read body file '%1': %2").arg(path, f.errorString());
                return {};
            }
            if (f.size() > ctx.options.maxReferencedFileBytes) {
                problem = QStringLiteral("body file '%1' is larger than %2 bytes").arg(path).arg(ctx.options.maxReferencedFileBytes);
                return {};
            }
            *ok = true;
            return f.readAll();
        };
        auto apply = [&](Opt opt, const ShellWord &arg) {
            const QByteArray &v = arg.text;
            bool ok = true;
            switch (opt) {
            case Opt::Header: addCurlHeader(req, v); break;
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
                    req.dataParts.last().append(v.startsWith('@') ? readFile(QByteArrayView(v).sliced(1), &ok) : v);
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
            case Opt::Request: req.method = v; break;
            case Opt::User: {
                const QByteArray cred = v.contains(':') ? v : v + ':';
                req.headers.append({"Authorization", "Basic " + cred.toBase64()});
                break;
            }
            case Opt::Url: req.urls.append(v); break;
            case Opt::UserAgent: req.headers.append({"User-Agent", v}); break;
            case Opt::Referer: req.headers.append({"Referer", v}); break;
            case Opt::Cookie:
                if (v.contains('='))
                    req.headers.append({"Cookie", v});
                break; // otherwise a cookie file to read from: nothing to send
            case Opt::Bearer: req.headers.append({"Authorization", "Bearer " + v}); break;
            case Opt::Form:
                if (req.unsupported.isEmpty())
                    req.unsupported = QStringLiteral("multipart form bodies (-F/--form) are not JSON events");
                break;
            case Opt::Upload:
                if (req.unsupported.isEmpty())
                    req.unsupported = QStringLiteral("-T/--upload-file sends a PUT, not an event POST");
                break;
            case Opt::Get: req.get = true; break;
            case Opt::Head: req.head = true; break;
            case Opt::Skip:
            case Opt::None: break;
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
                    apply(opt, ShellWord{a.mid(j + 1), word.line, word.column + static_cast<int>(j) + 1});
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
            headers.append(qMakePair(QByteArray("Content-Type"), QByteArray(req.jsonData ? "application/json" : "application/x-www-form-urlencoded")));
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

// ---- HAR --------------------------------------------------------------------------------------

QJsonDocument parseJsonOrFail(QByteArrayView text, Context &ctx, const QString &what)
{
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError)
        ctx.fatal(text, pe.offset, QStringLiteral("%1 is not valid JSON: %2").arg(what, pe.errorString()));
    return doc;
}

QDateTime timeOr(const QJsonValue &v, const QDateTime &fallback)
{
    if (!v.isString())
        return fallback;
    const auto t = parseRfc3339(v.toString());
    return t ? *t : fallback;
}

void importHar(QByteArrayView text, Context &ctx)
{
    const QJsonDocument doc = parseJsonOrFail(text, ctx, QStringLiteral("the HAR file"));
    if (ctx.result.unreadable)
        return;
    const QJsonValue entries = doc.object().value(QLatin1String("log")).toObject().value(QLatin1String("entries"));
    if (!entries.isArray()) {
        ctx.fatal(text, 0, QStringLiteral("not a HAR file: no log.entries array"));
        return;
    }
    const QJsonArray arr = entries.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString item = QStringLiteral("log.entries[%1]").arg(i);
        const QJsonObject entry = arr.at(i).toObject();
        const QJsonObject request = entry.value(QLatin1String("request")).toObject();
        const QString method = request.value(QLatin1String("method")).toString();
        const QString url = request.value(QLatin1String("url")).toString();
        if (method.compare(QLatin1String("POST"), Qt::CaseInsensitive) != 0) {
            ctx.skip(0, 0, item, QStringLiteral("method %1 is not POST (%2)").arg(method.isEmpty() ? QStringLiteral("(none)") : method, url));
            continue;
        }
        HeaderList headers;
        for (const QJsonValue &h : request.value(QLatin1String("headers")).toArray()) {
            const QJsonObject ho = h.toObject();
            headers.append({ho.value(QLatin1String("name")).toString().toUtf8(),
                            ho.value(QLatin1String("value")).toString().toUtf8()});
        }
        const QJsonObject post = request.value(QLatin1String("postData")).toObject();
        QByteArray body;
        const QJsonValue textValue = post.value(QLatin1String("text"));
        if (textValue.isString()) {
            if (post.value(QLatin1String("encoding")).toString() == QLatin1String("base64")) {
                const auto decoded = QByteArray::fromBase64Encoding(textValue.toString().toLatin1(),
                                                                    QByteArray::AbortOnBase64DecodingErrors);
                if (!decoded) {
                    ctx.skip(0, 0, item, QStringLiteral("postData.text is marked base64 but is not valid base64"));
                    continue;
                }
                body = *decoded;
            } else {
                body = textValue.toString().toUtf8();
            }
        } else if (post.value(QLatin1String("params")).isArray()) {
            QList<QByteArray> parts;
            for (const QJsonValue &p : post.value(QLatin1String("params")).toArray()) {
                const QJsonObject po = p.toObject();
                parts.append(urlEncodeComponent(po.value(QLatin1String("name")).toString().toUtf8()) + '='
                             + urlEncodeComponent(po.value(QLatin1String("value")).toString().toUtf8()));
            }
            body = parts.join('&');
        }
        const QDateTime time = timeOr(entry.value(QLatin1String("startedDateTime")), ctx.defaultTime());
        QString why;
        if (!ctx.add(url, headers, body, time, &why))
            ctx.skip(0, 0, item, why);
    }
}

// ---- raw HTTP ---------------------------------------------------------------------------------

// Import files are typed or pasted by people: line endings are often LF only and Content-Length
// stale after an edit, so this reader is lenient where the endpoint's http_parser must be strict.
QByteArrayView clip(QByteArrayView v, qsizetype n)
{
    return v.first(std::min(n, v.size()));
}

bool isRequestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    if (sp1 <= 0)
        return false;
    for (qsizetype i = 0; i < sp1; ++i) {
        if (line[i] < 'A' || line[i] > 'Z')
            return false;
    }
    const qsizetype sp2 = line.lastIndexOf(' ');
    return sp2 > sp1 + 1 && line.sliced(sp2 + 1).startsWith("HTTP/");
}

QByteArrayView lineAt(QByteArrayView t, qsizetype pos, qsizetype *next)
{
    qsizetype nl = t.indexOf('\n', pos);
    if (nl < 0) {
        *next = t.size();
        nl = t.size();
    } else {
        *next = nl + 1;
    }
    QByteArrayView line = t.sliced(pos, nl - pos);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

void importHttp(QByteArrayView t, Context &ctx)
{
    qsizetype pos = 0;
    int index = 0;
    while (pos < t.size()) {
        qsizetype next;
        QByteArrayView line = lineAt(t, pos, &next);
        if (line.trimmed().isEmpty()) {
            pos = next;
            continue;
        }
        ++index;
        const QString item = QStringLiteral("request %1").arg(index);
        const qsizetype requestStart = pos;
        if (!isRequestLine(line)) {
            ctx.skipAt(t, pos, item, QStringLiteral("expected a request line 'METHOD /path HTTP/1.1', found '%1'")
                                           .arg(QString::fromUtf8(clip(line, 60))));
            // Resynchronise on the next request line.
            pos = next;
            while (pos < t.size()) {
                qsizetype n2;
                if (isRequestLine(lineAt(t, pos, &n2)))
                    break;
                pos = n2;
            }
            continue;
        }
        const qsizetype sp1 = line.indexOf(' ');
        const qsizetype sp2 = line.lastIndexOf(' ');
        const QByteArray method = line.first(sp1).toByteArray();
        const QByteArray target = line.sliced(sp1 + 1, sp2 - sp1 - 1).trimmed().toByteArray();
        pos = next;
        HeaderList headers;
        QString problem;
        qsizetype problemAt = -1;
        while (pos < t.size()) {
            const qsizetype lineStart = pos;
            QByteArrayView h = lineAt(t, pos, &next);
            pos = next;
            if (h.isEmpty())
                break;
            if ((h.startsWith(' ') || h.startsWith('\t')) && !headers.isEmpty()) {
                headers.last().second += ' ' + h.trimmed().toByteArray(); // obsolete line folding
                continue;
            }
            const qsizetype colon = h.indexOf(':');
            if (colon <= 0) {
                if (problem.isEmpty()) {
                    problem = QStringLiteral("header line without a colon: '%1'").arg(QString::fromUtf8(clip(h, 60)));
                    problemAt = lineStart;
                }
                continue;
            }
            headers.append({h.first(colon).trimmed().toByteArray(), h.sliced(colon + 1).trimmed().toByteArray()});
        }
        QByteArray body;
        QByteArray te, cl;
        for (const auto &h : headers) {
            if (h.first.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
                te = h.second.toLower();
            else if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0)
                cl = h.second;
        }
        if (te.contains("chunked")) {
            while (true) {
                if (pos >= t.size()) {
                    if (problem.isEmpty()) {
                        problem = QStringLiteral("chunked body ends before the last (zero) chunk");
                        problemAt = pos;
                    }
                    break;
                }
                const qsizetype sizeAt = pos;
                QByteArrayView sizeLine = lineAt(t, pos, &next);
                const qsizetype semi = sizeLine.indexOf(';');
                if (semi >= 0)
                    sizeLine = sizeLine.first(semi);
                bool ok = false;
                const qint64 n = sizeLine.trimmed().toByteArray().toLongLong(&ok, 16);
                if (!ok || n < 0) {
                    if (problem.isEmpty()) {
                        problem = QStringLiteral("invalid chunk size '%1'").arg(QString::fromUtf8(clip(sizeLine, 20)));
                        problemAt = sizeAt;
                    }
                    break;
                }
                pos = next;
                if (n == 0) {
                    // Trailers, then an empty line.
                    while (pos < t.size()) {
                        QByteArrayView tr = lineAt(t, pos, &next);
                        pos = next;
                        if (tr.isEmpty())
                            break;
                    }
                    break;
                }
                if (pos + n > t.size()) {
                    if (problem.isEmpty()) {
                        problem = QStringLiteral("chunk of %1 bytes but only %2 follow").arg(n).arg(t.size() - pos);
                        problemAt = sizeAt;
                    }
                    pos = t.size();
                    break;
                }
                body.append(t.sliced(pos, n));
                pos += n;
                if (t.sliced(pos).startsWith("\r\n"))
                    pos += 2;
                else if (t.sliced(pos).startsWith("\n"))
                    ++pos;
            }
        } else if (!cl.isEmpty()) {
            bool ok = false;
            const qint64 n = cl.toLongLong(&ok);
            if (!ok || n < 0) {
                if (problem.isEmpty()) {
                    problem = QStringLiteral("invalid Content-Length '%1'").arg(QString::fromUtf8(cl));
                    problemAt = requestStart;
                }
            } else if (pos + n > t.size()) {
                if (problem.isEmpty()) {
                    problem = QStringLiteral("Content-Length is %1 but only %2 bytes follow").arg(n).arg(t.size() - pos);
                    problemAt = pos;
                }
                pos = t.size();
            } else {
                body = t.sliced(pos, n).toByteArray();
                pos += n;
            }
        } else {
            // No framing: the body runs to the next request line or the end.
            const qsizetype bodyStart = pos;
            qsizetype end = pos;
            while (end < t.size()) {
                qsizetype n2;
                if (isRequestLine(lineAt(t, end, &n2)))
                    break;
                end = n2;
            }
            QByteArrayView b = t.sliced(bodyStart, end - bodyStart);
            while (b.endsWith('\n') || b.endsWith('\r'))
                b.chop(1);
            body = b.toByteArray();
            pos = end;
        }
        if (!problem.isEmpty()) {
            ctx.skipAt(t, problemAt, item, problem);
            continue;
        }
        if (method != "POST") {
            ctx.skipAt(t, requestStart, item,
                       QStringLiteral("method %1 is not POST").arg(QString::fromUtf8(method)));
            continue;
        }
        QString why;
        if (!ctx.add(QString::fromUtf8(target), headers, body, ctx.defaultTime(), &why))
            ctx.skipAt(t, requestStart, item, why);
    }
}

// ---- capture NDJSON ---------------------------------------------------------------------------

void importNdjson(QByteArrayView t, Context &ctx)
{
    qsizetype pos = 0;
    int line = 0;
    ctx.result.records.reserve(t.count('\n') + 1);
    QHash<QString, qsizetype> byId; // journal outcome lines complete the event with the same id
    while (pos < t.size()) {
        ++line;
        qsizetype nl = t.indexOf('\n', pos);
        if (nl < 0)
            nl = t.size();
        QByteArrayView l = t.sliced(pos, nl - pos);
        pos = nl + 1;
        if (l.endsWith('\r'))
            l.chop(1);
        if (l.trimmed().isEmpty())
            continue;
        QString error;
        auto rec = CaptureRecord::fromNdjsonLine(l, &error);
        if (!rec) {
            ctx.skip(line, 0, {}, error);
            continue;
        }
        if (rec->kind == CaptureRecord::Kind::Outcome) {
            const auto it = byId.constFind(rec->id);
            if (it == byId.constEnd())
                ctx.skip(line, 0, {}, QStringLiteral("outcome for id '%1' without an earlier event line").arg(rec->id));
            else
                ctx.result.records[*it].outcome = rec->outcome;
            continue;
        }
        if (!rec->id.isEmpty())
            byId.insert(rec->id, ctx.result.records.size());
        ctx.result.records.append(std::move(*rec));
    }
}

// ---- GitHub and GitLab ------------------------------------------------------------------------

HeaderList headersFromObject(QByteArrayView text, cj::Span object)
{
    HeaderList out;
    const auto ms = cj::members(text, object);
    if (!ms)
        return out;
    for (const auto &m : *ms) {
        QByteArrayView raw = text.sliced(m.value.begin, m.value.end - m.value.begin);
        QJsonDocument v = QJsonDocument::fromJson("[" + raw.toByteArray() + "]");
        const QJsonValue value = v.array().at(0);
        if (value.isString())
            out.append(qMakePair(m.key.toUtf8(), value.toString().toUtf8()));
        else if (value.isArray()) // some exports list repeated headers
            for (const QJsonValue &e : value.toArray())
                out.append(qMakePair(m.key.toUtf8(), e.toString().toUtf8()));
        else if (value.isDouble())
            out.append(qMakePair(m.key.toUtf8(), raw.toByteArray()));
    }
    return out;
}

// Items of a document that is one object or an array of objects.
QList<cj::Span> topLevelItems(QByteArrayView text)
{
    const auto root = cj::valueAt(text, 0);
    if (!root)
        return {};
    if (text[root->begin] == '[')
        return cj::elements(text, *root).value_or(QList<cj::Span>{});
    return {*root};
}

// A payload given as a JSON value: a string is the body itself, anything else is the JSON text
// without insignificant whitespace (GitHub and GitLab send compact JSON), keys in file order.
std::optional<QByteArray> payloadBytes(QByteArrayView text, cj::Span span)
{
    const QByteArrayView raw = text.sliced(span.begin, span.end - span.begin);
    if (raw == "null")
        return std::nullopt;
    if (raw.startsWith('"'))
        return QJsonDocument::fromJson("[" + raw.toByteArray() + "]").array().at(0).toString().toUtf8();
    return cj::minify(raw);
}

void importGitHub(QByteArrayView text, Context &ctx)
{
    const QJsonDocument doc = parseJsonOrFail(text, ctx, QStringLiteral("the GitHub deliveries file"));
    if (ctx.result.unreadable)
        return;
    const QList<cj::Span> items = topLevelItems(text);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const cj::Span it = items[i];
        const QString item = doc.isArray() ? QStringLiteral("delivery [%1]").arg(i) : QStringLiteral("delivery");
        const auto request = cj::member(text, it, u"request");
        if (!request || text[request->begin] != '{') {
            ctx.skipAt(text, it.begin, item,
                       QStringLiteral("no \"request\" object (a delivery summary? fetch /hooks/{id}/deliveries/{id})"));
            continue;
        }
        const auto headers = cj::member(text, *request, u"headers");
        const auto payload = cj::member(text, *request, u"payload");
        if (!payload) {
            ctx.skipAt(text, request->begin, item, QStringLiteral("request has no \"payload\""));
            continue;
        }
        const auto body = payloadBytes(text, *payload);
        if (!body) {
            ctx.skipAt(text, payload->begin, item, QStringLiteral("request payload is null"));
            continue;
        }
        const QJsonObject obj = doc.isArray() ? doc.array().at(i).toObject() : doc.object();
        QString url = obj.value(QLatin1String("url")).toString();
        if (url.isEmpty())
            url = ctx.options.defaultPath;
        const QDateTime time = timeOr(obj.value(QLatin1String("delivered_at")), ctx.defaultTime());
        QString why;
        if (!ctx.add(url, headers ? headersFromObject(text, *headers) : HeaderList{}, *body, time, &why))
            ctx.skipAt(text, it.begin, item, why);
    }
}

QByteArray gitlabEventHeader(const QJsonObject &payload)
{
    const QString kind = payload.value(QLatin1String("object_kind")).toString();
    if (kind == QLatin1String("push"))
        return "Push Hook";
    if (kind == QLatin1String("tag_push"))
        return "Tag Push Hook";
    if (kind == QLatin1String("issue") || kind == QLatin1String("work_item")) {
        const bool confidential = payload.value(QLatin1String("object_attributes")).toObject()
                                      .value(QLatin1String("confidential")).toBool();
        return confidential ? "Confidential Issue Hook" : "Issue Hook";
    }
    if (kind == QLatin1String("note"))
        return "Note Hook";
    if (kind == QLatin1String("merge_request"))
        return "Merge Request Hook";
    if (kind == QLatin1String("wiki_page"))
        return "Wiki Page Hook";
    if (kind == QLatin1String("pipeline"))
        return "Pipeline Hook";
    if (kind == QLatin1String("build"))
        return "Job Hook";
    if (kind == QLatin1String("deployment"))
        return "Deployment Hook";
    if (kind == QLatin1String("release"))
        return "Release Hook";
    if (kind == QLatin1String("feature_flag"))
        return "Feature Flag Hook";
    if (kind == QLatin1String("emoji"))
        return "Emoji Hook";
    if (payload.contains(QLatin1String("event_name")))
        return "System Hook";
    return {};
}

void importGitLab(QByteArrayView text, Context &ctx)
{
    const QJsonDocument doc = parseJsonOrFail(text, ctx, QStringLiteral("the GitLab webhook file"));
    if (ctx.result.unreadable)
        return;
    const QList<cj::Span> items = topLevelItems(text);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const cj::Span it = items[i];
        const QString item = doc.isArray() ? QStringLiteral("event [%1]").arg(i) : QStringLiteral("event");
        const QJsonObject obj = doc.isArray() ? doc.array().at(i).toObject() : doc.object();
        if (text[it.begin] != '{') {
            ctx.skipAt(text, it.begin, item, QStringLiteral("not a JSON object"));
            continue;
        }
        QString why;
        if (obj.contains(QLatin1String("request_headers")) || obj.contains(QLatin1String("request_data"))) {
            // A "recent events" entry of the hook events API: request_headers + request_data.
            const auto headers = cj::member(text, it, u"request_headers");
            const auto data = cj::member(text, it, u"request_data");
            const auto body = data ? payloadBytes(text, *data) : std::nullopt;
            if (!body) {
                ctx.skipAt(text, it.begin, item, QStringLiteral("no request_data"));
                continue;
            }
            QString url = obj.value(QLatin1String("url")).toString();
            if (url.isEmpty())
                url = ctx.options.defaultPath;
            const QDateTime time = timeOr(obj.value(QLatin1String("created_at")), ctx.defaultTime());
            if (!ctx.add(url, headers ? headersFromObject(text, *headers) : HeaderList{}, *body, time, &why))
                ctx.skipAt(text, it.begin, item, why);
            continue;
        }
        // A bare payload, as GitLab's docs and "Test" button show them: the route must be given.
        const QByteArray event = gitlabEventHeader(obj);
        if (event.isEmpty()) {
            ctx.skipAt(text, it.begin, item, QStringLiteral("no object_kind: not a GitLab webhook payload"));
            continue;
        }
        if (ctx.options.defaultPath.isEmpty()) {
            ctx.skipAt(text, it.begin, item,
                       QStringLiteral("a bare GitLab payload carries no URL: give the target path "
                                      "(/api/v1/events/{namespace}/{discriminator})"));
            continue;
        }
        HeaderList headers{{"Content-Type", "application/json"}, {"X-Gitlab-Event", event}};
        if (!ctx.add(ctx.options.defaultPath, headers, cj::minify(text.sliced(it.begin, it.end - it.begin)),
                     ctx.defaultTime(), &why))
            ctx.skipAt(text, it.begin, item, why);
    }
}

} // namespace

CaptureFormat detectCaptureFormat(QByteArrayView data)
{
    QByteArrayView t = data;
    if (t.startsWith("\xEF\xBB\xBF"))
        t = t.sliced(3);
    const qsizetype start = cj::skipWhitespace(t, 0);
    if (start >= t.size())
        return CaptureFormat::Auto;
    if (t[start] == '{' || t[start] == '[') {
        // NDJSON: the first line alone is a capture record.
        qsizetype nl = t.indexOf('\n', start);
        if (nl < 0)
            nl = t.size();
        if (t[start] == '{' && CaptureRecord::fromNdjsonLine(t.sliced(start, nl - start)))
            return CaptureFormat::Ndjson;
        const QJsonDocument doc = QJsonDocument::fromJson(t.toByteArray());
        QJsonObject first = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
        if (first.value(QLatin1String("log")).toObject().contains(QLatin1String("entries")))
            return CaptureFormat::Har;
        if (first.contains(QLatin1String("request_headers")) || first.contains(QLatin1String("request_data"))
            || first.contains(QLatin1String("object_kind")))
            return CaptureFormat::GitLab;
        if (first.value(QLatin1String("request")).toObject().contains(QLatin1String("payload"))
            || first.contains(QLatin1String("guid")) || first.contains(QLatin1String("delivered_at")))
            return CaptureFormat::GitHub;
        return CaptureFormat::Auto;
    }
    // Text: a request line first means raw HTTP; a curl command on any of the first lines means curl
    // (documentation snippets often start with an `export TOKEN=...`).
    qsizetype pos = start;
    bool firstMeaningful = true;
    for (int lines = 0; pos < t.size() && lines < 200; ++lines) {
        qsizetype next;
        QByteArrayView line = lineAt(t, pos, &next).trimmed();
        pos = next;
        if (line.isEmpty() || line.startsWith('#') || line.startsWith("REM ") || line.startsWith("::"))
            continue;
        if (firstMeaningful && isRequestLine(line))
            return CaptureFormat::Http;
        firstMeaningful = false;
        if (line.startsWith("$ ") || line.startsWith("> "))
            line = line.sliced(2).trimmed();
        const qsizetype sp = line.indexOf(' ');
        if (isCurlProgram(sp < 0 ? line : line.first(sp)))
            return CaptureFormat::Curl;
    }
    return CaptureFormat::Auto;
}

ImportResult importCapture(QByteArrayView data, CaptureFormat format, const ImportOptions &options)
{
    ImportResult result;
    Context ctx{options, result, QDateTime::currentDateTimeUtc()};
    QByteArrayView t = data;
    if (t.startsWith("\xEF\xBB\xBF"))
        t = t.sliced(3);
    if (format == CaptureFormat::Auto) {
        format = detectCaptureFormat(t);
        if (format == CaptureFormat::Auto) {
            ctx.fatal(t, t.trimmed().isEmpty() ? 0 : cj::skipWhitespace(t, 0),
                      t.trimmed().isEmpty() ? QStringLiteral("the input is empty")
                                            : QStringLiteral("cannot tell the format (expected curl commands, "
                                                             "HAR, raw HTTP, capture NDJSON, GitHub deliveries "
                                                             "or GitLab webhook JSON); give --format"));
            return result;
        }
    }
    result.format = format;
    switch (format) {
    case CaptureFormat::Curl: importCurl(t, ctx); break;
    case CaptureFormat::Har: importHar(t, ctx); break;
    case CaptureFormat::Http: importHttp(t, ctx); break;
    case CaptureFormat::Ndjson: importNdjson(t, ctx); break;
    case CaptureFormat::GitHub: importGitHub(t, ctx); break;
    case CaptureFormat::GitLab: importGitLab(t, ctx); break;
    case CaptureFormat::Auto: break;
    }
    return result;
}

ImportResult importCaptureFile(const QString &path, CaptureFormat format, ImportOptions options)
{
    const QFileInfo info(path);
    if (options.sourceName.isEmpty())
        options.sourceName = path;
    if (options.baseDir.isEmpty())
        options.baseDir = info.absolutePath();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ImportResult r;
        r.unreadable = true;
        r.skipped.append({options.sourceName, 0, 0, -1, {}, QStringLiteral("cannot read: %1").arg(f.errorString())});
        return r;
    }
    const QByteArray data = f.readAll();
    return importCapture(data, format, options);
}

} // namespace bindery::net
