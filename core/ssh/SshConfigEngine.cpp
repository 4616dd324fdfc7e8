#include "ssh/SshConfigEngine.h"

#include "ssh/SshConfigKeywords.h"
#include "ssh/SshConfigLexer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <glob.h>
#include <netdb.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <optional>

namespace archnest::ssh {

using namespace sshcfg;

namespace {

constexpr int kMaxIncludeDepth = 16; // OpenSSH's READCONF_MAX_DEPTH
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;
constexpr int kMaxFilesPerPass = 512;
constexpr int kMaxIdentityFiles = 100; // SSH_MAX_IDENTITY_FILES
constexpr int kMaxHostsFiles = 32;     // SSH_MAX_HOSTS_FILES
constexpr int kMaxMatchExecs = 64;

// The options as OpenSSH holds them while reading: "unset" until the first active value.
struct Options
{
    std::optional<QString> hostName, user, proxyCommand, jumpHost, jumpUser, jumpExtra, hostKeyAlias, identityAgent,
        strict, ignoreUnknown, canonicalize;
    int port = -1;
    int jumpPort = -1;
    std::optional<bool> identitiesOnly;
    std::optional<int> connectTimeout, serverAliveInterval, serverAliveCountMax;
    QStringList identityFiles, certificateFiles;
    std::optional<QStringList> userKnownHosts, globalKnownHosts;
};

QString lower(QString s)
{
    for (QChar &c : s) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    }
    return s;
}

std::optional<bool> parseFlag(const QString &v)
{
    const QString l = lower(v);
    if (l == QLatin1String("yes") || l == QLatin1String("true"))
        return true;
    if (l == QLatin1String("no") || l == QLatin1String("false"))
        return false;
    return std::nullopt;
}

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

bool isNumericAddress(const QString &h)
{
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_family = AF_UNSPEC;
    addrinfo *res = nullptr;
    const QByteArray b = h.toLocal8Bit();
    const int r = ::getaddrinfo(b.constData(), nullptr, &hints, &res);
    if (res)
        ::freeaddrinfo(res);
    return r == 0;
}

class ConfigPass
{
public:
    ConfigPass(const SshClientContext &ctx, Options &o, QString host, QString originalHost, bool finalPass)
        : m_ctx(ctx)
        , m_o(o)
        , m_host(std::move(host))
        , m_originalHost(std::move(originalHost))
        , m_final(finalPass)
    {}

    bool wantFinal() const { return m_wantFinal; }
    QStringList notes() const { return m_notes; }

    // Returns "" or an error naming the file and line.
    QString readFile(const QString &path, bool userConf, bool checkPerm, bool neverMatch, bool *active, int depth,
                     bool *opened);

private:
    QString processLine(const ConfigLine &l, const QString &file, int lineNo, bool *active, bool userConf,
                        bool neverMatch, int depth);
    QString include(const ConfigLine &l, const QString &file, int lineNo, bool *active, bool userConf, bool neverMatch,
                    int depth);
    // match_cfg_line(): 1/0, or -1 with `error` set.
    int matchLine(const QString &rest, const QString &file, int lineNo, QString *error);
    int runExec(const QString &command, QString *error);

    const SshClientContext &m_ctx;
    Options &m_o;
    QString m_host;
    QString m_originalHost;
    bool m_final = false;
    bool m_wantFinal = false;
    int m_files = 0;
    int m_execs = 0;
    QStringList m_notes;
};

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
    p.start();
    if (!p.waitForStarted(m_ctx.matchExecTimeoutMs)) {
        *error = QStringLiteral("match exec '%1' error: %2").arg(command, p.errorString());
        return -1;
    }
    if (!p.waitForFinished(m_ctx.matchExecTimeoutMs)) {
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

} // namespace

namespace {

QString ConfigPass::processLine(const ConfigLine &l, const QString &file, int lineNo, bool *active, bool userConf,
                                bool neverMatch, int depth)
{
    Keyword kind = keywordKind(l.keyword);
    if (kind == Keyword::Unknown) {
        if (m_o.ignoreUnknown && matchPatternList(l.keyword, *m_o.ignoreUnknown, true) == 1)
            return {};
        return QStringLiteral("Bad configuration option: %1").arg(l.keyword);
    }
    const QStringList &args = l.args;
    const QString arg = args.value(0);
    auto singleArg = [&]() -> QString {
        if (args.isEmpty() || arg.isEmpty())
            return QStringLiteral("missing argument.");
        if (args.size() > 1)
            return QStringLiteral("keyword %1 extra arguments at end of line").arg(l.keyword);
        return {};
    };
    auto setString = [&](std::optional<QString> &field) -> QString {
        if (QString e = singleArg(); !e.isEmpty())
            return e;
        if (*active && !field)
            field = arg;
        return {};
    };
    auto setTime = [&](std::optional<int> &field) -> QString {
        if (QString e = singleArg(); !e.isEmpty())
            return e;
        const int v = parseTime(arg);
        if (v < 0)
            return QStringLiteral("invalid time value.");
        if (*active && !field)
            field = v;
        return {};
    };
    auto setList = [&](std::optional<QStringList> &field) -> QString {
        for (int i = 0; i < args.size(); ++i) {
            if (args.at(i).isEmpty())
                return QStringLiteral("keyword %1 empty argument").arg(l.keyword);
            if (args.at(i).compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0 && args.size() > 1)
                return QStringLiteral("keyword %1 \"none\" argument must appear alone.").arg(l.keyword);
        }
        if (args.size() > kMaxHostsFiles)
            return QStringLiteral("too many %1 entries.").arg(l.keyword);
        if (*active && !field)
            field = args;
        return {};
    };
    switch (kind) {
    case Keyword::Host:
        *active = false;
        for (const QString &p : args) {
            if (p.isEmpty())
                return QStringLiteral("keyword host empty argument");
            if (neverMatch)
                break;
            const bool negated = p.startsWith(QLatin1Char('!'));
            if (matchPattern(m_host, negated ? p.mid(1) : p)) {
                if (negated) {
                    *active = false;
                    break;
                }
                *active = true;
            }
        }
        return {};
    case Keyword::Match: {
        QString error;
        const int v = matchLine(l.rest, file, lineNo, &error);
        if (v < 0)
            return error.isEmpty() ? QStringLiteral("Bad Match condition") : error;
        *active = neverMatch ? false : v == 1;
        return {};
    }
    case Keyword::Include:
        return include(l, file, lineNo, active, userConf, neverMatch, depth);
    case Keyword::HostName:
        return setString(m_o.hostName);
    case Keyword::User:
        return setString(m_o.user);
    case Keyword::HostKeyAlias:
        return setString(m_o.hostKeyAlias);
    case Keyword::IdentityAgent:
        return setString(m_o.identityAgent);
    case Keyword::IgnoreUnknown:
        return setString(m_o.ignoreUnknown);
    case Keyword::Port: {
        if (QString e = singleArg(); !e.isEmpty())
            return e;
        const int p = parsePort(arg);
        if (p <= 0)
            return QStringLiteral("Bad port '%1'.").arg(arg);
        if (*active && m_o.port == -1)
            m_o.port = p;
        return {};
    }
    case Keyword::IdentityFile:
    case Keyword::CertificateFile: {
        if (QString e = singleArg(); !e.isEmpty())
            return e;
        QStringList &list = kind == Keyword::IdentityFile ? m_o.identityFiles : m_o.certificateFiles;
        if (list.size() >= kMaxIdentityFiles)
            return QStringLiteral("Too many %1 specified (max %2).").arg(l.keyword).arg(kMaxIdentityFiles);
        if (*active && !list.contains(arg))
            list << arg;
        return {};
    }
    case Keyword::IdentitiesOnly: {
        if (QString e = singleArg(); !e.isEmpty())
            return e;
        const auto v = parseFlag(arg);
        if (!v)
            return QStringLiteral("unsupported option \"%1\".").arg(arg);
        if (*active && !m_o.identitiesOnly)
            m_o.identitiesOnly = *v;
        return {};
    }
    case Keyword::StrictHostKeyChecking: {
        if (QString e = singleArg(); !e.isEmpty())
            return e;
        const QString v = lower(arg);
        static const QHash<QString, QString> values = {
            {QStringLiteral("yes"), QStringLiteral("true")},
            {QStringLiteral("true"), QStringLiteral("true")},
            {QStringLiteral("no"), QStringLiteral("false")},
            {QStringLiteral("false"), QStringLiteral("false")},
            {QStringLiteral("off"), QStringLiteral("false")},
            {QStringLiteral("ask"), QStringLiteral("ask")},
            {QStringLiteral("accept-new"), QStringLiteral("accept-new")},
        };
        if (!values.contains(v))
            return QStringLiteral("unsupported option \"%1\".").arg(arg);
        if (*active && !m_o.strict)
            m_o.strict = values.value(v);
        return {};
    }
    case Keyword::CanonicalizeHostname:
        return setString(m_o.canonicalize);
    case Keyword::ConnectTimeout:
        return setTime(m_o.connectTimeout);
    case Keyword::ServerAliveInterval:
        return setTime(m_o.serverAliveInterval);
    case Keyword::ServerAliveCountMax: {
        if (QString e = singleArg(); !e.isEmpty())
            return e;
        bool ok = false;
        const int v = arg.toInt(&ok);
        if (!ok || v < 0 || arg.startsWith(QLatin1Char('+')) || arg.startsWith(QLatin1Char('-')))
            return QStringLiteral("integer value invalid.");
        if (*active && !m_o.serverAliveCountMax)
            m_o.serverAliveCountMax = v;
        return {};
    }
    case Keyword::UserKnownHostsFile:
        return setList(m_o.userKnownHosts);
    case Keyword::GlobalKnownHostsFile:
        return setList(m_o.globalKnownHosts);
    case Keyword::ProxyJump: {
        QString text = l.rest;
        while (!text.isEmpty() && (text.front() == QLatin1Char(' ') || text.front() == QLatin1Char('\t') ||
                                   text.front() == QLatin1Char('=')))
            text.remove(0, 1);
        if (!parseJump(text, m_o, *active))
            return QStringLiteral("Invalid ProxyJump \"%1\"").arg(text);
        return {};
    }
    case Keyword::ProxyCommand: {
        QString text = l.rest;
        while (!text.isEmpty() && (text.front() == QLatin1Char(' ') || text.front() == QLatin1Char('\t') ||
                                   text.front() == QLatin1Char('=') || text.front() == QLatin1Char('\r') ||
                                   text.front() == QLatin1Char('\n')))
            text.remove(0, 1);
        // A ProxyJump obtained first wins (it also set ProxyCommand to "none").
        if (*active && !m_o.proxyCommand && !m_o.jumpHost)
            m_o.proxyCommand = text;
        return {};
    }
    case Keyword::OtherSingle:
        return singleArg();
    case Keyword::OtherMulti:
    case Keyword::OtherRaw:
    case Keyword::Unknown:
        return {};
    }
    return {};
}

} // namespace

SshClientContext SshClientContext::fromSystem(const QString &configFile)
{
    SshClientContext c;
    const passwd *pw = ::getpwuid(::getuid());
    c.uid = ::getuid();
    c.homeDir = pw ? QString::fromLocal8Bit(pw->pw_dir) : qEnvironmentVariable("HOME");
    c.localUser = pw ? QString::fromLocal8Bit(pw->pw_name) : qEnvironmentVariable("USER");
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) == 0)
        c.localHostName = QString::fromLocal8Bit(name);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &k : env.keys())
        c.env.insert(k, env.value(k));
    if (configFile.isEmpty()) {
        c.userConfig = c.homeDir + QStringLiteral("/.ssh/config");
        c.systemConfig = QStringLiteral("/etc/ssh/ssh_config");
    } else if (configFile != QLatin1String("none")) {
        c.userConfig = configFile;
        c.userConfigGiven = true;
    }
    return c;
}

namespace {

QString runPass(const SshClientContext &ctx, Options &o, const QString &host, const QString &original, bool final,
                bool *wantFinal, QStringList *notes)
{
    ConfigPass pass(ctx, o, host, original, final);
    if (!ctx.userConfig.isEmpty()) {
        bool active = true, opened = false;
        const QString e = pass.readFile(ctx.userConfig, true, !ctx.userConfigGiven, false, &active, 0, &opened);
        if (!e.isEmpty())
            return e;
        if (!opened && ctx.userConfigGiven)
            return QStringLiteral("Can't open user config file %1").arg(ctx.userConfig);
    }
    if (!ctx.systemConfig.isEmpty()) {
        bool active = true, opened = false;
        const QString e = pass.readFile(ctx.systemConfig, false, false, false, &active, 0, &opened);
        if (!e.isEmpty())
            return e;
    }
    if (wantFinal)
        *wantFinal = pass.wantFinal();
    *notes << pass.notes();
    return {};
}

QHash<QChar, QString> clientTokens(const SshClientContext &ctx, const SshResolvedOptions &o)
{
    const QString port = QString::number(o.port);
    return {
        {QLatin1Char('C'), connectionHash(ctx.localHostName, o.hostName, port, o.user)},
        {QLatin1Char('L'), shortHost(ctx.localHostName)},
        {QLatin1Char('i'), QString::number(ctx.uid)},
        {QLatin1Char('k'), o.hostKeyAlias.isEmpty() ? o.hostArg : o.hostKeyAlias},
        {QLatin1Char('l'), ctx.localHostName},
        {QLatin1Char('n'), o.hostArg},
        {QLatin1Char('p'), port},
        {QLatin1Char('d'), ctx.homeDir},
        {QLatin1Char('h'), o.hostName},
        {QLatin1Char('r'), o.user},
        {QLatin1Char('u'), ctx.localUser},
    };
}

} // namespace

Result<QString> expandClientPath(const SshClientContext &ctx, const SshResolvedOptions &o, const QString &raw)
{
    QString error;
    const auto tilde = expandTilde(raw, ctx.homeDir, &error);
    if (!tilde)
        return Error(QStringLiteral("\"%1\": %2").arg(raw, error), QStringLiteral("ssh-config"));
    const auto v = expandTokens(*tilde, clientTokens(ctx, o), true, ctx.env, &error);
    if (!v)
        return Error(QStringLiteral("\"%1\": %2").arg(raw, error), QStringLiteral("ssh-config"));
    return *v;
}

Result<SshResolvedOptions> resolveSshOptions(const SshClientContext &ctx, const QString &hostArg,
                                             const SshCommandLine &cmd)
{
    auto fail = [](const QString &m) { return Error(m, QStringLiteral("ssh-config")); };
    // What ssh accepts as a destination / user on its command line (OpenSSH's valid_hostname
    // and valid_ruser): no shell metacharacters.
    static const QString badHost = QStringLiteral("'`\"$\\;&<>|(){}");
    bool hostOk = !hostArg.isEmpty() && !hostArg.startsWith(QLatin1Char('-'));
    for (const QChar c : hostArg)
        hostOk = hostOk && !badHost.contains(c) && !c.isSpace() && c.unicode() >= 0x20 && c.unicode() != 0x7f;
    if (!hostOk)
        return fail(QStringLiteral("\"%1\": hostname contains invalid characters").arg(hostArg));
    if (!cmd.user.isEmpty()) {
        static const QString badUser = QStringLiteral("'`\";&<>|(){}");
        bool userOk = !cmd.user.endsWith(QLatin1Char('\\'));
        for (int i = 0; i < cmd.user.size(); ++i) {
            const QChar c = cmd.user.at(i);
            userOk = userOk && !badUser.contains(c) &&
                     !(c.isSpace() && i + 1 < cmd.user.size() && cmd.user.at(i + 1) == QLatin1Char('-'));
        }
        if (!userOk)
            return fail(QStringLiteral("\"%1\": remote username contains invalid characters").arg(cmd.user));
    }
    Options o;
    if (!cmd.user.isEmpty())
        o.user = cmd.user;
    if (cmd.port > 0)
        o.port = cmd.port;
    if (!cmd.jump.isEmpty()) {
        if (!parseJump(cmd.jump, o, true))
            return fail(QStringLiteral("invalid jump host list \"%1\"").arg(cmd.jump));
        o.proxyCommand = QStringLiteral("none");
    }
    SshResolvedOptions r;
    r.hostArg = hostArg;
    bool wantFinal = false;
    if (QString e = runPass(ctx, o, hostArg, hostArg, false, &wantFinal, &r.notes); !e.isEmpty())
        return fail(e);
    QString host = hostArg;
    if (o.hostName) {
        QString e;
        const auto h = expandTokens(*o.hostName, {{QLatin1Char('h'), hostArg}}, false, {}, &e);
        if (!h)
            return fail(QStringLiteral("HostName \"%1\": %2").arg(*o.hostName, e));
        host = *h;
    }
    if (!isNumericAddress(host))
        host = lower(host);
    if (o.canonicalize && lower(*o.canonicalize) != QLatin1String("no") &&
        lower(*o.canonicalize) != QLatin1String("false"))
        r.notes << QStringLiteral("CanonicalizeHostname %1 is not applied (no DNS look-ups while resolving)")
                       .arg(*o.canonicalize);
    if (wantFinal) {
        o.hostName = host;
        if (QString e = runPass(ctx, o, host, hostArg, true, nullptr, &r.notes); !e.isEmpty())
            return fail(e);
    }
    r.hostName = host;
    r.user = o.user.value_or(ctx.localUser);
    r.port = o.port > 0 ? o.port : 22;
    r.identityFiles = o.identityFiles;
    if (r.identityFiles.isEmpty()) {
        r.identityFilesDefault = true;
        for (const char *k : {"id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa"})
            r.identityFiles << QStringLiteral("~/.ssh/") + QLatin1String(k);
    }
    r.certificateFiles = o.certificateFiles;
    r.globalKnownHostsFiles = o.globalKnownHosts.value_or(
        QStringList{QStringLiteral("/etc/ssh/ssh_known_hosts"), QStringLiteral("/etc/ssh/ssh_known_hosts2")});
    r.identitiesOnly = o.identitiesOnly.value_or(false);
    r.hostKeyAlias = o.hostKeyAlias ? lower(*o.hostKeyAlias) : QString();
    r.strictHostKeyChecking = o.strict.value_or(QStringLiteral("ask"));
    r.connectTimeout = o.connectTimeout.value_or(-1);
    r.serverAliveInterval = o.serverAliveInterval.value_or(0);
    r.serverAliveCountMax = o.serverAliveCountMax.value_or(3);
    if (o.proxyCommand && *o.proxyCommand != QLatin1String("none"))
        r.proxyCommand = *o.proxyCommand;
    // Only a real `ProxyJump none` (port 0) clears; `none # comment` is a host named "none".
    if (o.jumpHost && !(*o.jumpHost == QLatin1String("none") && o.jumpPort == 0 && !o.jumpUser)) {
        r.jumpHost = *o.jumpHost;
        r.jumpUser = o.jumpUser.value_or(QString());
        r.jumpPort = o.jumpPort;
        r.jumpExtra = o.jumpExtra.value_or(QString());
        const bool v6 = r.jumpHost.contains(QLatin1Char(':'));
        r.proxyJumpText = (r.jumpExtra.isEmpty() ? QString() : r.jumpExtra + QLatin1Char(',')) +
                          (r.jumpUser.isEmpty() ? QString() : r.jumpUser + QLatin1Char('@')) +
                          (v6 ? QStringLiteral("[") + r.jumpHost + QLatin1Char(']') : r.jumpHost) +
                          (r.jumpPort > 0 ? QLatin1Char(':') + QString::number(r.jumpPort) : QString());
    }
    const QStringList known = o.userKnownHosts.value_or(
        QStringList{QStringLiteral("~/.ssh/known_hosts"), QStringLiteral("~/.ssh/known_hosts2")});
    r.userKnownHostsDefault = !o.userKnownHosts;
    for (const QString &k : known) {
        Result<QString> e = expandClientPath(ctx, r, k);
        if (!e)
            return fail(QStringLiteral("UserKnownHostsFile %1").arg(e.errorMessage()));
        r.userKnownHostsFiles << *e;
    }
    if (o.identityAgent) {
        Result<QString> e = expandClientPath(ctx, r, *o.identityAgent);
        if (!e)
            return fail(QStringLiteral("IdentityAgent %1").arg(e.errorMessage()));
        r.identityAgent = *e;
    }
    return r;
}

} // namespace archnest::ssh
