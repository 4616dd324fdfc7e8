#include "ssh/SshConfigPass.h"

#include "ssh/SshConfigKeywords.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <csignal>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

namespace archnest::ssh::sshcfg {

namespace {

constexpr int kMaxIncludeDepth = 16; // OpenSSH's READCONF_MAX_DEPTH
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;
constexpr int kMaxFilesPerPass = 512;
constexpr int kMaxMatchExecs = 64;

// parse_user_host_port() / parse_ssh_uri() for one ProxyJump element. False if invalid.
bool parseJumpElement(const QString &s, QString *user, QString *host, int *port)
{
    QString u, h, rest = s;
    int p = -1;
    if (rest.startsWith(QStringLiteral("ssh://"))) {
        rest = rest.mid(6);
        const int at = rest.indexOf(QLatin1Char('@'));
        if (at >= 0) {
            u = rest.left(at).section(QLatin1Char(';'), 0, 0);
            if (u.isEmpty())
                return false;
            rest = rest.mid(at + 1);
        }
        if (rest.endsWith(QLatin1Char('/')))
            rest.chop(1);
        if (rest.contains(QLatin1Char('/')))
            return false;
    } else {
        const int at = rest.lastIndexOf(QLatin1Char('@'));
        if (at >= 0) {
            u = rest.left(at);
            if (u.isEmpty())
                return false;
            rest = rest.mid(at + 1);
        }
    }
    QString portText;
    if (rest.startsWith(QLatin1Char('['))) {
        const int close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        h = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')) && !after.startsWith(QLatin1Char('/')))
                return false;
            portText = after.mid(1);
        }
    } else {
        const int d = rest.indexOf(QRegularExpression(QStringLiteral("[:/]")));
        h = d < 0 ? rest : rest.left(d);
        if (d >= 0)
            portText = rest.mid(d + 1);
    }
    if (h.isEmpty())
        return false;
    if (!portText.isEmpty()) {
        p = parsePort(portText);
        if (p <= 0)
            return false;
    }
    if (user)
        *user = u;
    if (host)
        *host = h;
    if (port)
        *port = p;
    return true;
}

} // namespace

QString lower(QString s)
{
    for (QChar &c : s) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    }
    return s;
}

// parse_jump(): `text` is the raw rest of the line; only the first value obtained is kept.
bool parseJump(const QString &text, Options &o, bool active)
{
    active = active && !o.proxyCommand && !o.jumpHost;
    QString list = text;
    if (const int hash = list.indexOf(QLatin1Char('#')); hash >= 0)
        list.truncate(hash);
    while (!list.isEmpty() && (list.back() == QLatin1Char(' ') || list.back() == QLatin1Char('\t') ||
                               list.back() == QLatin1Char('\r') || list.back() == QLatin1Char('\n')))
        list.chop(1);
    const bool none = text.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0;
    QString user, host;
    int port = -1;
    if (!none) {
        const QStringList parts = list.split(QLatin1Char(','));
        for (int i = parts.size() - 1; i >= 0; --i) {
            const bool first = i == parts.size() - 1;
            if (!parseJumpElement(parts.at(i), first ? &user : nullptr, first ? &host : nullptr,
                                  first ? &port : nullptr))
                return false;
        }
    }
    if (!active)
        return true;
    if (none) {
        o.jumpHost = QStringLiteral("none");
        o.jumpPort = 0;
        return true;
    }
    o.jumpUser = user.isEmpty() ? std::optional<QString>() : std::optional<QString>(user);
    o.jumpHost = host;
    o.jumpPort = port;
    o.proxyCommand = QStringLiteral("none");
    const int comma = text.lastIndexOf(QLatin1Char(','));
    if (comma > 0)
        o.jumpExtra = text.left(comma);
    return true;
}

QString shortHost(const QString &h)
{
    return h.section(QLatin1Char('.'), 0, 0);
}

QString connectionHash(const QString &thisHost, const QString &host, const QString &port, const QString &user)
{
    return QString::fromLatin1(
        QCryptographicHash::hash((thisHost + host + port + user).toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString ConfigPass::readFile(const QString &path, bool userConf, bool checkPerm, bool neverMatch, bool *active,
                             int depth, bool *opened)
{
    *opened = false;
    if (depth > kMaxIncludeDepth)
        return QStringLiteral("%1: too many recursive configuration includes (more than %2 deep)")
            .arg(path)
            .arg(kMaxIncludeDepth);
    if (++m_files > kMaxFilesPerPass)
        return QStringLiteral("%1: more than %2 configuration files included").arg(path).arg(kMaxFilesPerPass);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    *opened = true;
    if (checkPerm) {
        struct stat st
        {};
        if (::fstat(f.handle(), &st) == 0 &&
            ((st.st_uid != 0 && st.st_uid != uid_t(m_ctx.uid)) || (st.st_mode & 022) != 0))
            return QStringLiteral("Bad owner or permissions on %1").arg(path);
    }
    const QByteArray data = f.read(kMaxFileBytes + 1);
    if (data.size() > kMaxFileBytes)
        return QStringLiteral("%1: larger than %2 MiB; not a configuration file?").arg(path).arg(kMaxFileBytes >> 20);
    QString firstError;
    int bad = 0;
    const QList<QByteArray> lines = data.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        QByteArray raw = lines.at(i);
        if (const int nul = raw.indexOf('\0'); nul >= 0)
            raw.truncate(nul);
        ConfigLine l;
        QString error = lexConfigLine(QString::fromUtf8(raw), &l);
        if (error.isEmpty() && !l.keyword.isEmpty())
            error = processLine(l, path, i + 1, active, userConf, neverMatch, depth);
        if (error.isEmpty())
            continue;
        if (error.startsWith(QLatin1Char('\x01'))) // a fatal error from a nested file, already located
            return error.mid(1);
        ++bad;
        if (firstError.isEmpty())
            firstError = QStringLiteral("%1 line %2: %3").arg(path).arg(i + 1).arg(error);
    }
    if (bad > 0)
        return bad == 1 ? firstError
                        : QStringLiteral("%1 (and %2 more bad configuration options in %3)")
                              .arg(firstError)
                              .arg(bad - 1)
                              .arg(path);
    return {};
}

QString ConfigPass::include(const ConfigLine &l, const QString &file, int lineNo, bool *active, bool userConf,
                            bool neverMatch, int depth)
{
    Q_UNUSED(file);
    Q_UNUSED(lineNo);
    for (const QString &arg : l.args) {
        if (arg.isEmpty())
            return QStringLiteral("keyword include empty argument");
        if (arg.startsWith(QLatin1Char('~')) && !userConf)
            return QStringLiteral("Include paths may only use ~ in user configuration files");
        QString pattern = arg;
        if (!arg.startsWith(QLatin1Char('/')) && !arg.startsWith(QLatin1Char('~')))
            pattern = (userConf ? QStringLiteral("~/.ssh/") : QStringLiteral("/etc/ssh/")) + arg;
        // glob(3) with GLOB_TILDE, like OpenSSH: `~` is $HOME here (not the password database).
        if (pattern.startsWith(QStringLiteral("~/")) || pattern == QLatin1String("~"))
            pattern = m_ctx.env.value(QStringLiteral("HOME"), m_ctx.homeDir) + pattern.mid(1);
        glob_t gl{};
        const QByteArray pat = pattern.toLocal8Bit();
        const int r = ::glob(pat.constData(), GLOB_TILDE, nullptr, &gl);
        if (r == GLOB_NOMATCH) {
            ::globfree(&gl);
            continue;
        }
        if (r != 0) {
            ::globfree(&gl);
            return QStringLiteral("glob failed for %1.").arg(pattern);
        }
        QStringList paths;
        for (size_t i = 0; i < gl.gl_pathc; ++i)
            paths << QString::fromLocal8Bit(gl.gl_pathv[i]);
        ::globfree(&gl);
        const bool outerActive = *active;
        for (const QString &p : std::as_const(paths)) {
            bool opened = false;
            const QString error = readFile(p, userConf, true, neverMatch || !outerActive, active, depth + 1, &opened);
            if (!error.isEmpty())
                return QLatin1Char('\x01') + error;
            if (!opened && QFileInfo::exists(p))
                return QLatin1Char('\x01') + QStringLiteral("Can't open user config file %1").arg(p);
            *active = outerActive; // a Match in an included file doesn't clobber ours
        }
    }
    return {};
}

int ConfigPass::runExec(const QString &command, QString *error)
{
    if (++m_execs > kMaxMatchExecs) {
        *error = QStringLiteral("more than %1 Match exec commands").arg(kMaxMatchExecs);
        return -1;
    }
    // OpenSSH's execute_in_shell(): $SHELL (else /bin/sh) -c COMMAND, stdin and stdout on
    // /dev/null, stderr left to the user. Run because the user's own config says so; bounded.
    QString shell = m_ctx.env.value(QStringLiteral("SHELL"));
    if (shell.isEmpty())
        shell = QStringLiteral("/bin/sh");
    QProcess p;
    p.setProgram(shell);
    p.setArguments({QStringLiteral("-c"), command});
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env;
    for (auto it = m_ctx.env.cbegin(); it != m_ctx.env.cend(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    // Its own process group, so a timeout ends the command's children too (not just the shell).
    p.setChildProcessModifier([] { ::setpgid(0, 0); });
    p.start();
    if (!p.waitForStarted(m_ctx.matchExecTimeoutMs)) {
        *error = QStringLiteral("match exec '%1' error: %2").arg(command, p.errorString());
        return -1;
    }
    if (!p.waitForFinished(m_ctx.matchExecTimeoutMs)) {
        if (p.processId() > 0)
            ::kill(-pid_t(p.processId()), SIGKILL);
        p.kill();
        p.waitForFinished(2000);
        *error = QStringLiteral("match exec '%1' did not finish within %2 s")
                     .arg(command)
                     .arg(m_ctx.matchExecTimeoutMs / 1000);
        return -1;
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 255;
}

int ConfigPass::matchLine(const QString &rest, const QString &file, int lineNo, QString *error)
{
    Q_UNUSED(file);
    Q_UNUSED(lineNo);
    const QString ruser = m_o.user.value_or(m_ctx.localUser);
    const int port = m_o.port <= 0 ? 22 : m_o.port;
    QString host = m_host;
    if (m_o.hostName) {
        QString e;
        const auto h = expandTokens(*m_o.hostName, {{QLatin1Char('h'), m_host}}, false, {}, &e);
        if (!h) {
            *error = QStringLiteral("HostName: %1").arg(e);
            return -1;
        }
        host = *h;
    }
    WordCursor c{rest, false};
    int result = 1;
    int attributes = 0;
    while (true) {
        const std::optional<QString> oattrib = strdelim(&c);
        if (!oattrib || oattrib->isEmpty())
            break;
        if (oattrib->startsWith(QLatin1Char('#')))
            break;
        QString attrib = *oattrib;
        const bool negate = attrib.startsWith(QLatin1Char('!'));
        if (negate)
            attrib = attrib.mid(1);
        const QString a = lower(attrib);
        if (a == QLatin1String("all")) {
            WordCursor peek = c;
            const std::optional<QString> arg = strdelim(&peek);
            if (attributes > 1 || (arg && !arg->isEmpty() && !arg->startsWith(QLatin1Char('#')))) {
                *error = QStringLiteral("'%1' cannot be combined with other Match attributes").arg(*oattrib);
                return -1;
            }
            if (result)
                result = negate ? 0 : 1;
            return result;
        }
        ++attributes;
        if (a == QLatin1String("canonical") || a == QLatin1String("final")) {
            if (a == QLatin1String("final"))
                m_wantFinal = true;
            if (int(m_final) == (negate ? 1 : 0))
                result = 0;
            continue;
        }
        const std::optional<QString> arg = strdelim(&c);
        if (!arg || arg->isEmpty() || arg->startsWith(QLatin1Char('#'))) {
            *error = QStringLiteral("Missing Match criteria for %1").arg(attrib);
            return -1;
        }
        int r = 0;
        if (a == QLatin1String("host")) {
            r = matchPatternList(host, *arg, true) == 1;
        } else if (a == QLatin1String("originalhost")) {
            r = matchPatternList(m_originalHost, *arg, true) == 1;
        } else if (a == QLatin1String("user")) {
            r = matchPatternList(ruser, *arg, false) == 1;
        } else if (a == QLatin1String("localuser")) {
            r = matchPatternList(m_ctx.localUser, *arg, false) == 1;
        } else if (a == QLatin1String("exec")) {
            const QString portText = QString::number(port);
            const QHash<QChar, QString> tokens = {
                {QLatin1Char('C'), connectionHash(m_ctx.localHostName, host, portText, ruser)},
                {QLatin1Char('L'), shortHost(m_ctx.localHostName)},
                {QLatin1Char('d'), m_ctx.homeDir},
                {QLatin1Char('h'), host},
                {QLatin1Char('k'), m_o.hostKeyAlias.value_or(host)},
                {QLatin1Char('l'), m_ctx.localHostName},
                {QLatin1Char('n'), m_originalHost},
                {QLatin1Char('p'), portText},
                {QLatin1Char('r'), ruser},
                {QLatin1Char('u'), m_ctx.localUser},
                {QLatin1Char('i'), QString::number(m_ctx.uid)},
            };
            QString e;
            const auto cmd = expandTokens(*arg, tokens, false, {}, &e);
            if (!cmd) {
                *error = QStringLiteral("Match exec: %1").arg(e);
                return -1;
            }
            if (result != 1)
                continue; // a prior criterion failed: OpenSSH skips the command
            if (!m_ctx.runMatchExec) {
                *error = QStringLiteral("Match exec is not run here");
                return -1;
            }
            const int status = runExec(*cmd, error);
            if (status < 0)
                return -1;
            r = status == 0;
        } else {
            *error = QStringLiteral("Unsupported Match attribute %1").arg(attrib);
            return -1;
        }
        if (r == (negate ? 1 : 0))
            result = 0;
    }
    if (attributes == 0) {
        *error = QStringLiteral("One or more attributes required for Match");
        return -1;
    }
    return result;
}

} // namespace archnest::ssh::sshcfg
