#pragma once

// Store helpers shared by the tests that run `archnest-cli receive` against SQLite and the
// PostgreSQL fixture: a database of the test's own on the fixture's server, and opening the
// store a receiver wrote, whichever the backend.

#include "Fixtures.h"
#include "store/AgentReportStore.h"
#include "store/Database.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace archnest::test {

// Drops and creates `name` on the PostgreSQL fixture's server, so tests sharing the server never
// interfere; returns the database's URL (with the fixture's credentials).
inline Result<QString> makePrivatePostgresDatabase(const QString &name)
{
    const QString url = Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_PG_URL"));
    auto base = store::DatabaseLocation::parse(url);
    if (!base)
        return base.error();
    const QString admin = QStringLiteral("tst-admin-") + name;
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), admin);
        db.setHostName(base->host);
        db.setPort(base->port);
        db.setUserName(base->user);
        db.setPassword(base->password);
        db.setDatabaseName(base->databaseName);
        if (!db.open()) {
            failure = db.lastError().text();
        } else {
            QSqlQuery q(db);
            q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
            if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
                failure = q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(admin);
    if (!failure.isEmpty())
        return makeError(QStringLiteral("Cannot make the test database %1: %2").arg(name, failure),
                         QStringLiteral("database"));
    return QString(url.left(url.lastIndexOf(QLatin1Char('/')) + 1) + name);
}

// The store a receiver wrote: `pgUrl` for "postgres", `dataDir`'s SQLite file otherwise.
inline Result<std::unique_ptr<store::AgentReportStore>>
openReceiverStore(const QString &backend, const QString &pgUrl, const QString &dataDir, const QString &connectionName)
{
    const QString where = backend == QLatin1String("postgres") ? pgUrl : dataDir + QStringLiteral("/archnest.sqlite");
    auto loc = store::DatabaseLocation::parse(where);
    if (!loc)
        return loc.error();
    return store::AgentReportStore::open(*loc, connectionName);
}

} // namespace archnest::test
