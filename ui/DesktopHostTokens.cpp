// DesktopApp's per-host receiver tokens: a token bound to one agent host id, kept in the OS
// keychain (only the ids in settings.ini), checked with the receiver's token rules, and pushed to
// the running receiver at once.
#include "AgentReceiver.h"
#include "DesktopApp.h"
#include "MainWindow.h"
#include "docker/agent/AgentReport.h"
#include "security/ConstantTime.h"
#include "security/SecretStore.h"

#include <QSettings>
#include <QStatusBar>

#include <memory>
#include <utility>

namespace archnest::ui {

QString DesktopApp::agentHostTokenKey(const QString &hostId)
{
    return QStringLiteral("receiver/host/%1/token").arg(hostId);
}

QStringList DesktopApp::agentHostTokenIds() const
{
    QStringList ids = m_hostTokens.keys();
    ids.sort();
    return ids;
}

QHash<QString, QByteArray> DesktopApp::receiverHostTokens() const
{
    QHash<QString, QByteArray> all = m_unreadableHostTokens;
    all.insert(m_hostTokens);
    return all;
}

void DesktopApp::saveAgentHostTokenIds()
{
    // Only the ids: the tokens themselves are in the keychain. Unreadable ones are kept too.
    QStringList ids = agentHostTokenIds() + unreadableAgentHostTokenIds();
    ids.removeDuplicates();
    ids.sort();
    m_qsettings->setValue(QStringLiteral("receiver/hostTokenIds"), ids);
    m_qsettings->sync();
}

void DesktopApp::whenHostTokensLoaded(std::function<void()> then)
{
    if (m_hostTokensLoaded)
        return then();
    m_hostTokenWaiters.push_back(std::move(then));
    loadAgentHostTokens();
}

void DesktopApp::loadAgentHostTokens()
{
    if (m_hostTokensLoaded || m_hostTokensLoading)
        return;
    const QStringList ids = m_qsettings->value(QStringLiteral("receiver/hostTokenIds")).toStringList();
    auto finish = [this] {
        m_hostTokensLoading = false;
        m_hostTokensLoaded = true;
        const auto waiters = std::exchange(m_hostTokenWaiters, {});
        for (const auto &w : waiters)
            w();
    };
    if (ids.isEmpty())
        return finish();
    m_hostTokensLoading = true;
    auto pending = std::make_shared<int>(int(ids.size()));
    for (const QString &id : ids) {
        m_secrets.read(agentHostTokenKey(id), this, [this, id, pending, finish](Result<QString> stored) {
            if (stored && !stored->isEmpty() && !m_hostTokens.contains(id) &&
                !checkDesktopToken(stored->toLatin1(), id, QString())) {
                // Weak (an older version took 16 characters): fail closed like an unreadable one.
                qWarning("Agent host token of %s: too weak for the receiver's rules; set a new one in Settings",
                         qPrintable(id));
                m_unreadableHostTokens.insert(id, generateReceiverToken());
            } else if (stored && !stored->isEmpty() && !m_hostTokens.contains(id)) {
                m_hostTokens.insert(id, stored->toLatin1());
            } else if (!stored && !security::SecretStore::isNotFound(stored.error()) && !m_hostTokens.contains(id)) {
                // Fail closed: the host stays bound to a token, one nobody has.
                qWarning("Agent host token of %s: %s", qPrintable(id), qPrintable(stored.errorMessage()));
                m_unreadableHostTokens.insert(id, generateReceiverToken());
            }
            if (--*pending == 0) {
                finish();
                pushReceiverTokens();
                if (!m_unreadableHostTokens.isEmpty() && m_window)
                    m_window->statusBar()->showMessage(
                        tr("The own tokens of %1 could not be read from the OS keychain or are too weak: those "
                           "agent hosts are refused until their tokens are set again in Settings (Rotate).")
                            .arg(unreadableAgentHostTokenIds().join(QStringLiteral(", "))),
                        30000);
            }
        });
    }
}

void DesktopApp::setAgentHostToken(const QString &hostId, const QByteArray &token, ResultCallback done)
{
    if (!agent::isValidHostId(hostId))
        return done(makeError(tr("'%1' is not a valid agent host id: use 1 to 128 letters, digits, '.', '_' or '-' "
                                 "(the ARCHNEST_HOST_ID of the agent).")
                                  .arg(hostId.left(140)),
                              QStringLiteral("usage")));
    const VoidResult strong =
        checkDesktopToken(token, tr("The token for %1").arg(hostId), tr("Use Generate for a random one."));
    if (!strong)
        return done(strong.error());
    if (!m_token.isEmpty() && security::constantTimeEquals(token, m_token))
        return done(makeError(tr("The token for %1 is the shared receiver token: a host's own token must be its own "
                                 "(Use Generate for a random one).")
                                  .arg(hostId),
                              QStringLiteral("same-token")));
    m_hostTokens.insert(hostId, token);
    m_unreadableHostTokens.remove(hostId);
    saveAgentHostTokenIds();
    pushReceiverTokens(); // the running receiver takes it now
    m_secrets.write(agentHostTokenKey(hostId), QString::fromLatin1(token), this,
                    [hostId, done = std::move(done)](Result<void> written) {
                        if (!written)
                            qWarning("Agent host token of %s: %s", qPrintable(hostId),
                                     qPrintable(written.errorMessage()));
                        done(written ? VoidResult()
                                     : VoidResult(makeError(tr("The token for %1 works until ArchNest quits, but "
                                                               "the OS keychain did not keep it: %2")
                                                                .arg(hostId, written.errorMessage()),
                                                            QStringLiteral("memory-only"))));
                    });
}

void DesktopApp::removeAgentHostToken(const QString &hostId, ResultCallback done)
{
    m_hostTokens.remove(hostId);
    m_unreadableHostTokens.remove(hostId);
    saveAgentHostTokenIds();
    pushReceiverTokens();
    m_secrets.remove(agentHostTokenKey(hostId), this, [done = std::move(done)](Result<void> removed) {
        if (!removed && !security::SecretStore::isNotFound(removed.error()) &&
            !security::SecretStore::isUnavailable(removed.error()))
            return done(removed.error());
        done({});
    });
}

} // namespace archnest::ui
