#pragma once

#include "store/Database.h"
#include "util/Result.h"

#include <QString>

namespace archnest::store {

// What a role may do with a store: the desktop's "Test connection" and its choice between the
// normal mode and the read-only one (issue 22). Widget-free; runs on the calling thread (the
// desktop runs it on a worker), with its own short-lived connection.
struct StoreAccess
{
    int schemaVersion = 0;       // what the store holds now (0: empty)
    bool needsMigration = false; // older than kSchemaVersion (or empty)
    bool mayWrite = false;       // may store reports (the in-app receiver can run)
    bool mayMigrate = false;     // may create / alter the tables
    QString role;                // the database role (PostgreSQL) or the file (SQLite)

    // The mode the desktop opens the store in: read-only when the role may only read.
    bool readOnly() const { return !mayWrite; }
    // One line for the settings page.
    QString summary() const;
};

// Connects to `location` (connect timeout `timeoutSeconds`), reads the schema version and the
// role's rights, and disconnects; never writes. An error says what failed (unreachable server,
// wrong password, no database) in words, with code "database"; a store newer than this build is
// code "schema-too-new"; one this role can neither read nor migrate, "migration-not-allowed".
Result<StoreAccess> probeStore(const DatabaseLocation &location, int timeoutSeconds = 5);

} // namespace archnest::store
