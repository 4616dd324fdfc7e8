#include "ssh/SshConfigFile.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace archnest::ssh {

namespace {

constexpr int kMaxLines = 20000;
constexpr int kMaxJumpDepth = 8;

struct Directive
{
    QString key; // lower-case
    QString value;
    int line = 0;
};

struct Block
{
    QStringList patterns; // Host patterns; empty for the implicit top block (applies to all)
    bool isMatch = false;
    QList<Directive> directives;
};

// Splits "Key value", "Key=value" and "Key = "quoted value"".
bool splitLine(const QString &raw, QString *key, QString *value)
{
    const QString line = raw.trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
        return false;
    static const QRegularExpression re(QStringLiteral("^([A-Za-z][A-Za-z0-9]*)\\s*(?:=\\s*|\\s+)(.*)$"));
    const auto m = re.match(line);
    if (!m.hasMatch()) {
        *key = line.toLower();
        value->clear();
        return true;
    }
    *key = m.captured(1).toLower();
    QString v = m.captured(2).trimmed();
    if (v.size() >= 2 && v.startsWith(QLatin1Char('"')) && v.endsWith(QLatin1Char('"')))
        v = v.mid(1, v.size() - 2);
    *value = v;
    return true;
}

bool patternMatches(const QString &pattern, const QString &alias)
{
    const QString re = QRegularExpression::wildcardToRegularExpression(pattern);
    return QRegularExpression(re, QRegularExpression::CaseInsensitiveOption).match(alias).hasMatch();
}

bool blockApplies(const Block &b, const QString &alias)
{
    if (b.isMatch)
        return false;
    if (b.patterns.isEmpty())
        return true;
    bool hit = false;
    for (const QString &p : b.patterns) {
        if (p.startsWith(QLatin1Char('!'))) {
            if (patternMatches(p.mid(1), alias))
                return false;
        } else if (patternMatches(p, alias)) {
            hit = true;
        }
    }
    return hit;
}

bool isConcrete(const QString &pattern)
{
    return !pattern.contains(QLatin1Char('*')) && !pattern.contains(QLatin1Char('?')) &&
           !pattern.startsWith(QLatin1Char('!'));
}

QString expandPath(const QString &value, const QString &home, const QString &alias, const QString &hostName)
{
    QString v = value;
    if (v == QLatin1String("~"))
        v = home;
    else if (v.startsWith(QStringLiteral("~/")))
        v = home + v.mid(1);
    v.replace(QStringLiteral("%d"), home);
    v.replace(QStringLiteral("%h"), hostName);
    v.replace(QStringLiteral("%n"), alias);
    v.replace(QStringLiteral("%%"), QStringLiteral("%"));
    return v;
}

struct Parsed
{
    QList<Block> blocks;
    QStringList aliases;
};

class Resolver
{
public:
    Resolver(const Parsed &p, QString source, QString home)
        : m_parsed(p)
        , m_source(std::move(source))
        , m_home(std::move(home))
    {}

    // The effective settings of `alias` (first obtained value wins).
    QHash<QString, Directive> settings(const QString &alias) const
    {
        QHash<QString, Directive> out;
        for (const Block &b : m_parsed.blocks) {
            if (!blockApplies(b, alias))
                continue;
            for (const Directive &d : b.directives) {
                if (!out.contains(d.key))
                    out.insert(d.key, d);
            }
        }
        return out;
    }

    SshEndpoint endpoint(const QString &alias, const QHash<QString, Directive> &s, QString *error) const
    {
        SshEndpoint ep;
        ep.host = s.contains(QStringLiteral("hostname")) ? s.value(QStringLiteral("hostname")).value : alias;
        ep.host.replace(QStringLiteral("%h"), alias);
        ep.user = s.value(QStringLiteral("user")).value;
        if (s.contains(QStringLiteral("port"))) {
            bool ok = false;
            const Directive d = s.value(QStringLiteral("port"));
            const int port = d.value.toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                *error = QStringLiteral("%1:%2: Port '%3' is not a port number").arg(m_source).arg(d.line).arg(d.value);
            else
                ep.port = port;
        }
        if (s.contains(QStringLiteral("identityfile")))
            ep.auth.identityFile = expandPath(s.value(QStringLiteral("identityfile")).value, m_home, alias, ep.host);
        if (s.contains(QStringLiteral("certificatefile")))
            ep.auth.certificateFile =
                expandPath(s.value(QStringLiteral("certificatefile")).value, m_home, alias, ep.host);
        return ep;
    }

    // ProxyJump "a,b:2222,user@c" -> endpoints; aliases defined in the file are resolved too.
    QList<SshEndpoint> jumps(const QString &alias, const QHash<QString, Directive> &s, int depth, QString *error) const
    {
        QList<SshEndpoint> out;
        if (!s.contains(QStringLiteral("proxyjump")))
            return out;
        const Directive d = s.value(QStringLiteral("proxyjump"));
        if (d.value.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0)
            return out;
        if (depth >= kMaxJumpDepth) {
            *error = QStringLiteral("%1:%2: ProxyJump chain of %3 is deeper than %4 hops (a loop?)")
                         .arg(m_source)
                         .arg(d.line)
                         .arg(alias)
                         .arg(kMaxJumpDepth);
            return out;
        }
        for (QString spec : d.value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            spec = spec.trimmed();
            if (spec.startsWith(QStringLiteral("ssh://")))
                spec = spec.mid(6);
            QString user;
            const int at = spec.lastIndexOf(QLatin1Char('@'));
            if (at >= 0) {
                user = spec.left(at);
                spec = spec.mid(at + 1);
            }
            int port = -1;
            static const QRegularExpression hostPort(QStringLiteral("^(\\[[^\\]]+\\]|[^:]+):(\\d+)$"));
            if (const auto m = hostPort.match(spec); m.hasMatch()) {
                spec = m.captured(1);
                port = m.captured(2).toInt();
            }
            spec.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
            const auto js = settings(spec);
            // A jump's own ProxyJump comes before it, as with OpenSSH.
            out += jumps(spec, js, depth + 1, error);
            SshEndpoint ep = endpoint(spec, js, error);
            if (!user.isEmpty())
                ep.user = user;
            if (port > 0)
                ep.port = port;
            out << ep;
        }
        return out;
    }

private:
    const Parsed &m_parsed;
    QString m_source;
    QString m_home;
};

} // namespace

SshConfigImport parseSshConfig(const QByteArray &text, const QString &sourceName, const QString &homeDir)
{
    SshConfigImport result;
    Parsed parsed;
    parsed.blocks.append(Block{});
    static const QSet<QString> supported = {QStringLiteral("hostname"),
                                            QStringLiteral("user"),
                                            QStringLiteral("port"),
                                            QStringLiteral("identityfile"),
                                            QStringLiteral("certificatefile"),
                                            QStringLiteral("proxyjump"),
                                            QStringLiteral("userknownhostsfile")};
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size() && i < kMaxLines; ++i) {
        const int lineNo = i + 1;
        QString key, value;
        if (!splitLine(QString::fromUtf8(lines.at(i)), &key, &value))
            continue;
        const QString where = QStringLiteral("%1:%2").arg(sourceName).arg(lineNo);
        if (key == QLatin1String("host")) {
            Block b;
            b.patterns = value.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            for (const QString &p : std::as_const(b.patterns)) {
                if (isConcrete(p) && !parsed.aliases.contains(p))
                    parsed.aliases << p;
            }
            parsed.blocks << b;
            continue;
        }
        if (key == QLatin1String("match")) {
            Block b;
            b.isMatch = true;
            parsed.blocks << b;
            result.ignored << QStringLiteral("%1: Match block ignored (conditions are not evaluated; its settings "
                                             "are not applied)")
                                  .arg(where);
            continue;
        }
        if (parsed.blocks.last().isMatch)
            continue; // already reported with its Match line
        if (key == QLatin1String("include")) {
            result.ignored << QStringLiteral("%1: Include %2 ignored (import that file separately)").arg(where, value);
            continue;
        }
        if (key == QLatin1String("proxycommand")) {
            result.ignored
                << QStringLiteral("%1: ProxyCommand ignored (never run; use ProxyJump, which is built in)").arg(where);
            continue;
        }
        if (key == QLatin1String("stricthostkeychecking")) {
            result.ignored
                << QStringLiteral("%1: StrictHostKeyChecking ignored (host keys are always verified)").arg(where);
            continue;
        }
        if (!supported.contains(key)) {
            result.ignored << QStringLiteral("%1: %2 ignored (not used by ArchNest)").arg(where, key);
            continue;
        }
        parsed.blocks.last().directives << Directive{key, value, lineNo};
    }
    if (lines.size() > kMaxLines)
        result.ignored << QStringLiteral("%1: only the first %2 lines were read").arg(sourceName).arg(kMaxLines);

    Resolver resolver(parsed, sourceName, homeDir);
    for (const QString &alias : std::as_const(parsed.aliases)) {
        const auto s = resolver.settings(alias);
        QString error;
        HostConfig h;
        h.name = alias;
        h.kind = HostKind::Ssh;
        h.ssh = resolver.endpoint(alias, s, &error);
        h.jumps = resolver.jumps(alias, s, 0, &error);
        if (s.contains(QStringLiteral("userknownhostsfile"))) {
            const QString first = s.value(QStringLiteral("userknownhostsfile")).value.section(QLatin1Char(' '), 0, 0);
            h.knownHostsFile = expandPath(first, homeDir, alias, h.ssh.host);
        }
        if (!error.isEmpty()) {
            result.ignored << QStringLiteral("Host %1 skipped: %2").arg(alias, error);
            continue;
        }
        result.hosts << h;
    }
    return result;
}

Result<SshConfigImport> importSshConfig(const QString &path)
{
    const QString file = path.isEmpty() ? QDir::homePath() + QStringLiteral("/.ssh/config") : path;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the SSH config %1: %2").arg(file, f.errorString()),
                         QStringLiteral("ssh-config-unreadable"));
    return parseSshConfig(f.read(4 * 1024 * 1024), file, QDir::homePath());
}

} // namespace archnest::ssh
