// SPDX-License-Identifier: Apache-2.0
// bindery-cli import: converts curl/HAR/raw HTTP/NDJSON/GitHub/GitLab captures into one capture file.
#include "cli/command.h"
#include "net/capture_import.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <string>

namespace bindery::cli {

namespace {

constexpr int kMaxListedSkips = 20;

void printImportHelp(std::FILE *out)
{
    std::fprintf(out,
                 "Usage: bindery-cli import [--format auto|curl|har|http|ndjson|github|gitlab]\n"
                 "                          [--path /api/v1/events/NS/D] FILE... -o CAPTURE.ndjson\n"
                 "\n"
                 "Converts captured requests into one Bindery capture file (one event a line).\n"
                 "Only POSTs to /api/v1/events/{namespace}/{discriminator} become events; the rest are\n"
                 "skipped and the reasons listed on stderr.\n"
                 "\n"
                 "  --format F   the input format (default auto: detected from each file's content)\n"
                 "  --path P     the events path for inputs without a URL (bare GitLab payloads)\n"
                 "  -o FILE      the capture file to write ('-' for standard output)\n"
                 "  --quiet      print only the totals\n"
                 "\n"
                 "Exit status: 0 when at least one event was imported, 2 when none could be.\n");
}

void printLine(std::FILE *out, const QString &s)
{
    const QByteArray b = s.toLocal8Bit();
    std::fprintf(out, "%s\n", b.constData());
}

} // namespace

int runImportCommand(const std::vector<std::string_view> &args)
{
    using namespace bindery::net;
    CaptureFormat format = CaptureFormat::Auto;
    QString output;
    QString defaultPath;
    bool quiet = false;
    QStringList inputs;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&](std::string_view name) -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "bindery-cli import: %.*s needs a value\n", static_cast<int>(name.size()), name.data());
                return std::nullopt;
            }
            ++i;
            return QString::fromLocal8Bit(args[i].data(), static_cast<qsizetype>(args[i].size()));
        };
        if (a == "--help" || a == "-h") {
            printImportHelp(stdout);
            return ExitOk;
        } else if (a == "--format" || a == "-f") {
            const auto v = value(a);
            if (!v)
                return ExitUsage;
            const auto f = captureFormatFromName(*v);
            if (!f) {
                std::fprintf(stderr, "bindery-cli import: unknown format '%s' (auto, curl, har, http, ndjson, github, gitlab)\n",
                             qPrintable(*v));
                return ExitUsage;
            }
            format = *f;
        } else if (a == "-o" || a == "--output") {
            const auto v = value(a);
            if (!v)
                return ExitUsage;
            output = *v;
        } else if (a == "--path") {
            const auto v = value(a);
            if (!v)
                return ExitUsage;
            QString why;
            if (!eventRouteFromPath(*v, &why)) {
                std::fprintf(stderr, "bindery-cli import: --path: %s\n", qPrintable(why));
                return ExitUsage;
            }
            defaultPath = *v;
        } else if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (a.size() > 1 && a.front() == '-') {
            std::fprintf(stderr, "bindery-cli import: unknown option '%.*s'\n", static_cast<int>(a.size()), a.data());
            printImportHelp(stderr);
            return ExitUsage;
        } else {
            inputs.append(QString::fromLocal8Bit(a.data(), static_cast<qsizetype>(a.size())));
        }
    }
    if (inputs.isEmpty()) {
        std::fprintf(stderr, "bindery-cli import: no input file\n");
        printImportHelp(stderr);
        return ExitUsage;
    }
    if (output.isEmpty()) {
        std::fprintf(stderr, "bindery-cli import: no output: give -o CAPTURE.ndjson (or -o - for stdout)\n");
        return ExitUsage;
    }

    QByteArray lines;
    qsizetype total = 0, totalSkipped = 0;
    for (const QString &input : std::as_const(inputs)) {
        ImportOptions options;
        options.defaultPath = defaultPath;
        ImportResult r;
        if (input == QLatin1String("-")) {
            QFile in;
            (void)in.open(stdin, QIODevice::ReadOnly);
            options.sourceName = QStringLiteral("<stdin>");
            r = importCapture(in.readAll(), format, options);
        } else {
            r = importCaptureFile(input, format, options);
        }
        for (const CaptureRecord &rec : std::as_const(r.records)) {
            lines += rec.toNdjsonLine();
            lines += '\n';
        }
        total += r.records.size();
        totalSkipped += r.skipped.size();
        if (r.unreadable) {
            for (const ImportIssue &issue : std::as_const(r.skipped))
                printLine(stderr, QStringLiteral("error: ") + issue.toString());
            continue;
        }
        if (!quiet) {
            printLine(stderr, QStringLiteral("%1: %2 imported (%3), %4 skipped")
                                  .arg(input)
                                  .arg(r.records.size())
                                  .arg(captureFormatName(r.format))
                                  .arg(r.skipped.size()));
            for (qsizetype k = 0; k < r.skipped.size() && k < kMaxListedSkips; ++k)
                printLine(stderr, QStringLiteral("  skipped: ") + r.skipped[k].toString());
            if (r.skipped.size() > kMaxListedSkips)
                printLine(stderr, QStringLiteral("  ... and %1 more skipped").arg(r.skipped.size() - kMaxListedSkips));
        }
    }
    printLine(stderr, QStringLiteral("%1 events imported, %2 skipped").arg(total).arg(totalSkipped));
    if (total == 0) {
        std::fprintf(stderr, "bindery-cli import: nothing could be imported\n");
        return ExitUsage;
    }
    if (output == QLatin1String("-")) {
        std::fwrite(lines.constData(), 1, static_cast<size_t>(lines.size()), stdout);
        return ExitOk;
    }
    QSaveFile out(output);
    if (!out.open(QIODevice::WriteOnly) || out.write(lines) != lines.size() || !out.commit()) {
        std::fprintf(stderr, "bindery-cli import: cannot write '%s': %s\n", qPrintable(output),
                     qPrintable(out.errorString()));
        return ExitUsage;
    }
    return ExitOk;
}

} // namespace bindery::cli
