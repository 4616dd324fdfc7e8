#include "ExecCommand.h"

#include "CliHostAccess.h"
#include "terminal/RawTerminal.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace archnest::cli {

namespace {

void writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    int spins = 0;
    while (done < data.size() && spins < 10000) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n > 0) {
            done += n;
        } else if (n < 0 && errno != EINTR && errno != EAGAIN) {
            return;
        }
        ++spins;
    }
}

} // namespace

bool stdinIsTerminal()
{
    return RawTerminal::isTerminal(STDIN_FILENO) && RawTerminal::isTerminal(STDOUT_FILENO);
}

void runInteractiveExec(CliContext &ctx, ContainerSource *source, const QString &ref, const QStringList &command,
                        const std::function<void(int)> &finish)
{
    auto *term = new RawTerminal(STDIN_FILENO, source);
    const TerminalSize size = term->size().valueOr(TerminalSize{});
    ExecOptions options;
    options.command = command;
    options.tty = true;
    options.interactive = true;
    options.cols = size.cols;
    options.rows = size.rows;
    ExecStream *stream = source->openExec(ref, options);

    auto done = [term, finish](int code) {
        term->restore();
        finish(code);
    };
    if (VoidResult raw = term->enterRawMode(); !raw) {
        printError(ctx, QStringLiteral("exec"), raw.errorMessage());
        stream->terminate();
        finish(ExitError);
        return;
    }
    if (VoidResult watch = term->watchResize(); watch)
        QObject::connect(term, &RawTerminal::resized, stream,
                         [stream](int cols, int rows) { stream->resize(cols, rows); });

    auto *input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, term);
    QObject::connect(input, &QSocketNotifier::activated, stream, [input, stream] {
        char buf[4096];
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n > 0) {
            stream->write(QByteArray(buf, qsizetype(n)));
        } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
            input->setEnabled(false);
            stream->closeStdin();
        }
    });
    QObject::connect(stream, &ExecStream::dataReceived, stream, [](const QByteArray &data, OutputChannel ch) {
        writeAll(ch == OutputChannel::Stderr ? STDERR_FILENO : STDOUT_FILENO, data);
    });
    QObject::connect(stream, &ExecStream::finished, stream,
                     [done](int code) { done(code < 0 ? int(ExitError) : code); });
    QObject::connect(stream, &ExecStream::failed, stream, [&ctx, done](const QString &message) {
        done(ExitError);
        printError(ctx, QStringLiteral("exec"), message);
    });
}

void runBatchExec(CliContext &ctx, ContainerSource *source, const QString &ref, const QStringList &command,
                  const std::function<void(int)> &finish)
{
    source->execRun(ref, command, [&ctx, finish](Result<ExecResult> r) {
        if (!r) {
            printError(ctx, QStringLiteral("exec"), r.errorMessage());
            return finish(ExitError);
        }
        writeAll(STDOUT_FILENO, r->out);
        writeAll(STDERR_FILENO, r->err);
        finish(r->exitCode < 0 ? int(ExitError) : r->exitCode);
    });
}

} // namespace archnest::cli
