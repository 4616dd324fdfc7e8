// Every directive of an OpenSSH client config line, as OpenSSH 9.2 takes it (see SshConfigPass.h).
#include "ssh/SshConfigKeywords.h"
#include "ssh/SshConfigPass.h"

namespace archnest::ssh::sshcfg {

namespace {

constexpr int kMaxIdentityFiles = 100; // SSH_MAX_IDENTITY_FILES
constexpr int kMaxHostsFiles = 32;     // SSH_MAX_HOSTS_FILES

std::optional<bool> parseFlag(const QString &v)
{
    const QString l = lower(v);
    if (l == QLatin1String("yes") || l == QLatin1String("true"))
        return true;
    if (l == QLatin1String("no") || l == QLatin1String("false"))
        return false;
    return std::nullopt;
}

} // namespace

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

} // namespace archnest::ssh::sshcfg
