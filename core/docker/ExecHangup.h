#pragma once

// Ending an interactive exec when its terminal goes away.
//
// Docker does not end an exec when its client disconnects: closing the SSH channel ends the
// remote `docker exec` client and aborting an Engine API attach ends the connection, but the
// shell inside the container keeps running (and so does whatever it started). So every
// interactive exec we open carries a marker in its environment, ARCHNEST_EXEC_SESSION=<tag>
// with a fresh random tag, and closing its terminal runs one short command in the same
// container (as the same user) that sends SIGHUP to every process whose environment holds that
// marker: the shell and its children, as a terminal hang-up would. Processes that cleared their
// environment or ignore SIGHUP (nohup) keep running, as they would after a real hang-up.
//
// The command is fixed text; the only variable part is our own tag (hex), passed as a
// positional parameter. Nothing the remote sent is run. It needs `sh`, `tr` and `grep` in the
// container; without them the hang-up fails quietly and the exec keeps running (as before).

#include <QString>
#include <QStringList>

namespace archnest::exechangup {

inline constexpr char kEnvName[] = "ARCHNEST_EXEC_SESSION";

// 32 hex digits from the system's CSPRNG.
QString newTag();
// "ARCHNEST_EXEC_SESSION=<tag>", for `docker exec --env` / the API's Env.
QString envAssignment(const QString &tag);
// The argv that hangs up every process carrying `tag`: sh -c '<fixed script>' archnest-hangup <tag>.
QStringList hangupCommand(const QString &tag);
// True for a tag newTag() could have made (the only tags we ever put in a command).
bool isValidTag(const QString &tag);

} // namespace archnest::exechangup
