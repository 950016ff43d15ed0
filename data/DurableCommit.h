#pragma once
/// Ends a write transaction so that a full disk can never lose a catalog: the space the
/// commit's checkpoint needs is reserved before COMMIT (a refusal rolls everything back), and
/// the WAL is copied into the file before success is reported.

#include <QString>

struct sqlite3;

namespace tokenomics::data {

enum class CommitOutcome {
    Committed,  ///< in the file itself; nothing waits in the WAL
    RolledBack, ///< nothing changed; the reason says why (a full disk is named as such)
    KeptInWal,  ///< committed, but the WAL could not be copied into the file (it stays)
};

/// COMMITs the open transaction of `database` (a writable file in WAL mode). `reason` gets
/// SQLite's or the system's explanation for anything but Committed.
CommitOutcome commitDurably(sqlite3* database, QString* reason);

/// True when the last SQLite error on `database` came from a full disk (or a file that may
/// grow no more: a quota or file-size limit).
bool lastErrorIsFullDisk(sqlite3* database);

/// "the disk is full" when the last SQLite error on `database` says so; `reason` otherwise.
QString explainedFullDisk(sqlite3* database, const QString& reason);

} // namespace tokenomics::data
