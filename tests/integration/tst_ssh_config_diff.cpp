// Differential test of ssh_config resolution against the real OpenSSH client (issue 15): for
// every config in tests/data/ssh_config and every alias in it (plus the ones a
// `# diff-aliases:` comment names), every field of `archnest-cli ssh-config resolve --json`
// must equal what `ssh -G -F FILE ALIAS` prints; a jump hop must equal what ssh runs for it
// (`ssh -G -F FILE [-l U] [-p P] [-J rest] last`); identity/certificate paths, which ssh -G
// prints unexpanded, are expanded by ssh itself (through -o UserKnownHostsFile, which takes
// the same tokens). Configs OpenSSH rejects must be rejected with the same line number.
// The corpus is copied to a temporary HOME first (@DIR@ = that copy), so Include finds it and
// no real ~/.ssh is read. Match exec lines in the corpus only run true/false/test.
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

struct SshG
{
    bool ok = false;
    QString error;
    QMultiHash<QString, QString> values; // key -> value(s), in order via values(key) reversed
    QString one(const QString &k) const { return values.value(k); }
    QStringList all(const QString &k) const
    {
        QStringList l = values.values(k);
        std::reverse(l.begin(), l.end());
        return l;
    }
};

} // namespace

class TestSshConfigDiff final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_home;
    int m_aliases = 0;
    int m_hops = 0;

    Run run(const QString &program, const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home);
        p.setProcessEnvironment(env);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(program, args);
        Run r;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(5000);
            r.err = "timed out";
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    SshG sshG(const QStringList &args)
    {
        const Run r = run(QStringLiteral("ssh"), QStringList{QStringLiteral("-G")} + args);
        SshG g;
        g.ok = r.exitCode == 0;
        g.error = QString::fromUtf8(r.err);
        for (const QByteArray &line : r.out.split('\n')) {
            const QString l = QString::fromUtf8(line);
            const int sp = l.indexOf(QLatin1Char(' '));
            if (sp > 0)
                g.values.insert(l.left(sp), l.mid(sp + 1));
        }
        return g;
    }

    // What ssh makes of each raw path (tilde, %-tokens, ${VAR}) for `alias`.
    QStringList expandBySsh(const QString &file, const QString &alias, const QStringList &raw)
    {
        QStringList out;
        for (const QString &r : raw) {
            QString quoted = r;
            quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
            const SshG g = sshG({QStringLiteral("-F"), file, QStringLiteral("-o"),
                                 QStringLiteral("UserKnownHostsFile=\"%1\"").arg(quoted), alias});
            // ssh only fails on such a path when it loads the key: resolution keeps it as written.
            out << (g.ok ? g.one(QStringLiteral("userknownhostsfile")) : r);
        }
        return out;
    }

    static QJsonObject hopOf(const SshG &g)
    {
        QJsonObject o{{QStringLiteral("host"), g.one(QStringLiteral("hostname"))},
                      {QStringLiteral("port"), g.one(QStringLiteral("port")).toInt()},
                      {QStringLiteral("user"), g.one(QStringLiteral("user"))}};
        if (g.values.contains(QStringLiteral("proxycommand")))
            o.insert(QStringLiteral("proxyCommand"), g.one(QStringLiteral("proxycommand")));
        return o;
    }

    // The hops ssh runs for `proxyjump` (as ssh -G printed it), in connection order.
    QJsonArray hopsFor(const QString &file, const QString &proxyJump, int depth)
    {
        if (proxyJump.isEmpty() || depth > 10)
            return {};
        const int comma = proxyJump.lastIndexOf(QLatin1Char(','));
        const QString extra = comma >= 0 ? proxyJump.left(comma) : QString();
        QString last = comma >= 0 ? proxyJump.mid(comma + 1) : proxyJump;
        QStringList args{QStringLiteral("-F"), file};
        if (const int at = last.lastIndexOf(QLatin1Char('@')); at >= 0) {
            args << QStringLiteral("-l") << last.left(at);
            last = last.mid(at + 1);
        }
        static const QRegularExpression hostPort(QStringLiteral("^(\\[[^\\]]+\\]|[^:]+)(?::(\\d+))?$"));
        const auto m = hostPort.match(last);
        QString host = m.hasMatch() ? m.captured(1) : last;
        if (m.hasMatch() && !m.captured(2).isEmpty())
            args << QStringLiteral("-p") << m.captured(2);
        if (host.startsWith(QLatin1Char('[')))
            host = host.mid(1, host.size() - 2);
        if (!extra.isEmpty())
            args << QStringLiteral("-J") << extra;
        args << host;
        const SshG g = sshG(args);
        if (!g.ok)
            return {QJsonObject{{QStringLiteral("sshFailed"), g.error}}};
        QJsonArray before;
        if (!g.values.contains(QStringLiteral("proxycommand")))
            before = hopsFor(file, g.one(QStringLiteral("proxyjump")), depth + 1);
        before.append(hopOf(g));
        return before;
    }

    static QString lineNumber(const QString &text)
    {
        static const QRegularExpression re(QStringLiteral("line (\\d+)"));
        const auto m = re.match(text);
        return m.hasMatch() ? m.captured(1) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString src = QStringLiteral(SSH_CONFIG_CORPUS);
        QDirIterator it(src, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext() && files < 1000) {
            const QString path = it.next();
            const QString rel = QDir(src).relativeFilePath(path);
            QFile in(path);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray text = in.readAll();
            text.replace("@DIR@", m_tmp.path().toUtf8());
            const QString dest = m_tmp.filePath(rel);
            QVERIFY(QDir().mkpath(QFileInfo(dest).path()));
            QFile out(dest);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(text);
            out.close();
            QFile::setPermissions(dest, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            ++files;
        }
        m_home = m_tmp.filePath(QStringLiteral("home"));
        QFile::setPermissions(m_home + QStringLiteral("/.ssh"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(files >= 30);
    }

    void matchesSshG_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList configs = QDir(m_tmp.path()).entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name);
        QVERIFY(configs.size() >= 30);
        for (const QString &c : configs)
            QTest::newRow(qPrintable(c)) << m_tmp.filePath(c);
    }

    void matchesSshG()
    {
        QFETCH(QString, file);
        const QString cli = QStringLiteral(ARCHNEST_CLI_PATH);
        const Run listed = run(cli, {QStringLiteral("--ssh-config"), file, QStringLiteral("ssh-config"),
                                     QStringLiteral("hosts"), QStringLiteral("--json")});
        QStringList aliases;
        if (listed.exitCode == 0) {
            for (const QJsonValue &v : QJsonDocument::fromJson(listed.out).array())
                aliases << v.toString();
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        static const QRegularExpression extra(QStringLiteral("# diff-aliases:(.*)"));
        for (auto it = extra.globalMatch(QString::fromUtf8(f.readAll())); it.hasNext();)
            aliases << it.next().captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (aliases.isEmpty())
            aliases << QStringLiteral("unlisted-host");

        QStringList diffs;
        for (const QString &alias : std::as_const(aliases)) {
            ++m_aliases;
            const SshG g = sshG({QStringLiteral("-F"), file, alias});
            const Run ours = run(cli, {QStringLiteral("--ssh-config"), file, QStringLiteral("ssh-config"),
                                       QStringLiteral("resolve"), alias, QStringLiteral("--json")});
            if (!g.ok) {
                const QString ourErr = QString::fromUtf8(ours.err);
                if (ours.exitCode == 0)
                    diffs << QStringLiteral("%1: ssh rejects it (%2), we resolved it").arg(alias, g.error.trimmed());
                else if (lineNumber(ourErr) != lineNumber(g.error))
                    diffs << QStringLiteral("%1: ssh says \"%2\", we say \"%3\"")
                                 .arg(alias, g.error.trimmed(), ourErr.trimmed());
                continue;
            }
            if (ours.exitCode != 0) {
                diffs << QStringLiteral("%1: ssh resolves it, we failed: %2").arg(alias, QString::fromUtf8(ours.err));
                continue;
            }
            const QJsonObject o = QJsonDocument::fromJson(ours.out).object();
            auto check = [&](const QString &field, const QJsonValue &ourValue, const QJsonValue &expected) {
                if (ourValue != expected)
                    diffs << QStringLiteral("%1 %2: ours %3, ssh %4")
                                 .arg(alias, field,
                                      QString::fromUtf8(
                                          QJsonDocument(QJsonArray{ourValue}).toJson(QJsonDocument::Compact)),
                                      QString::fromUtf8(
                                          QJsonDocument(QJsonArray{expected}).toJson(QJsonDocument::Compact)));
            };
            check(QStringLiteral("host"), o.value(QStringLiteral("host")), g.one(QStringLiteral("hostname")));
            check(QStringLiteral("port"), o.value(QStringLiteral("port")), g.one(QStringLiteral("port")).toInt());
            check(QStringLiteral("user"), o.value(QStringLiteral("user")), g.one(QStringLiteral("user")));
            check(QStringLiteral("identityFiles"), o.value(QStringLiteral("identityFiles")),
                  QJsonArray::fromStringList(expandBySsh(file, alias, g.all(QStringLiteral("identityfile")))));
            check(QStringLiteral("certificateFiles"), o.value(QStringLiteral("certificateFiles")),
                  QJsonArray::fromStringList(expandBySsh(file, alias, g.all(QStringLiteral("certificatefile")))));
            QStringList ourKnown;
            for (const QJsonValue &v : o.value(QStringLiteral("knownHostsFiles")).toArray())
                ourKnown << v.toString();
            check(QStringLiteral("knownHostsFiles"), ourKnown.join(QLatin1Char(' ')),
                  QString(g.one(QStringLiteral("userknownhostsfile")) + QLatin1Char(' ') +
                          g.one(QStringLiteral("globalknownhostsfile"))));
            const bool hasProxy = g.values.contains(QStringLiteral("proxycommand"));
            check(QStringLiteral("proxyCommand"), o.value(QStringLiteral("proxyCommand")),
                  hasProxy ? QJsonValue(g.one(QStringLiteral("proxycommand"))) : QJsonValue(QJsonValue::Null));
            const QJsonArray expectedHops =
                hasProxy ? QJsonArray() : hopsFor(file, g.one(QStringLiteral("proxyjump")), 0);
            m_hops += int(expectedHops.size());
            check(QStringLiteral("jumps"), o.value(QStringLiteral("jumps")), expectedHops);
            QVERIFY2(o.value(QStringLiteral("notes")).isArray(), qPrintable(alias));
        }
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
    }

    void cleanupTestCase() { qInfo("compared %d aliases and %d jump hops with ssh -G", m_aliases, m_hops); }
};

QTEST_GUILESS_MAIN(TestSshConfigDiff)
#include "tst_ssh_config_diff.moc"
