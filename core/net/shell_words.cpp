// SPDX-License-Identifier: Apache-2.0
#include "net/shell_words.h"

#include <QString>

namespace bindery::net {

namespace {

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
    Cursor c { text };
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
            cmd.words.append({ word, wordLine, wordCol });
            word.clear();
            inWord = false;
        }
    };
    auto endCommand = [&] {
        endWord();
        if (!cmd.words.isEmpty() || !cmd.error.isEmpty())
            out.append(cmd);
        cmd = ShellCommand {};
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
        cmd = ShellCommand {};
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
            const bool pipe = ch == '|' && c.peek() != '|';
            if (c.peek() == ch)
                c.take();
            endCommand();
            cmd.piped = pipe;
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
                case 'n':
                    word.append('\n');
                    break;
                case 't':
                    word.append('\t');
                    break;
                case 'r':
                    word.append('\r');
                    break;
                case 'a':
                    word.append('\a');
                    break;
                case 'b':
                    word.append('\b');
                    break;
                case 'e':
                case 'E':
                    word.append('\x1b');
                    break;
                case 'f':
                    word.append('\f');
                    break;
                case 'v':
                    word.append('\v');
                    break;
                case '\\':
                    word.append('\\');
                    break;
                case '\'':
                    word.append('\'');
                    break;
                case '"':
                    word.append('"');
                    break;
                case '?':
                    word.append('?');
                    break;
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
    Cursor c { text };
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
                where.append({ c.line, c.col });
                line.append(c.take());
                continue;
            }
            if (ch == '"')
                quoted = !quoted;
            where.append({ c.line, c.col });
            line.append(c.take());
        }
        // Phase 2: the MSVC runtime's argv rules.
        ShellCommand cmd;
        cmd.line = startLine;
        QByteArray word;
        bool inWord = false, inQuotes = false;
        Pos wordPos { startLine, 1 };
        qsizetype i = 0;
        auto endWord = [&] {
            if (inWord)
                cmd.words.append({ word, wordPos.line, wordPos.col });
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
                wordPos = where.value(i, Pos { startLine, 1 });
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

} // namespace bindery::net
