"""The SQLite files that hold what people asked and said (the question log, feedback).

Created readable by the service's own user only; a file that is damaged, or no database at all, is one
Dutch sentence that names it (the service still answers questions, and nothing in the file is touched).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

from vraagbaak.errors import VraagbaakError

log = logging.getLogger("vraagbaak")


class StoreUnavailable(VraagbaakError):
    code = "opslag_onbruikbaar"


def connect(path: Path, what: str, setup: Callable[[sqlite3.Connection], None] | None = None) -> sqlite3.Connection:
    """A connection to ``path`` (made if missing, mode 0600; SQLite gives its journal files the same mode),
    ``setup`` run on it (pragmas, schema); any failure is one Dutch sentence naming ``what``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif path.stat().st_mode & 0o077:
        with contextlib.suppress(OSError):  # not ours to change: it stays as its owner set it
            path.chmod(0o600)
    db = sqlite3.connect(path, timeout=10)
    try:
        db.execute("PRAGMA schema_version")  # reads the header: a file that is no database fails here
        db.execute("PRAGMA secure_delete=ON")  # what is deleted is overwritten, not left in a free page
        if setup:
            setup(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise unavailable(path, what, exc) from None
    return db


def check(path: Path, what: str) -> None:
    """Open the file (at start-up, and every few minutes) and check its pages: a damaged file is a clear error
    now, not a lost question or lost feedback later. A file not made yet is made with its first row."""
    if not path.exists():
        return
    with translated(path, what), closing(connect(path, what)) as db:
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise unavailable(path, what, ValueError("quick_check faalt"))


def wipe_journal(db: sqlite3.Connection) -> bool:
    """After an erasure: commit, then copy the write-ahead file into the database and empty it, so the erased
    words are in neither file (the write-ahead file keeps a page's earlier versions until a checkpoint). A reader
    in another process (a page being made) can hold the checkpoint back longer than the connection waits (its
    timeout): that is said in the log, as the erased words then stay in the write-ahead file until the next one."""
    db.commit()
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        log.warning("na het wissen kon het WAL-bestand van %s niet worden geleegd (een andere lezer); de gewiste tekst "
                    "staat daar tot de volgende checkpoint", db.execute("PRAGMA database_list").fetchone()[2])
    return not busy


def unavailable(path: Path, what: str, exc: Exception) -> StoreUnavailable:
    """A damaged file (or no database at all) is said to be so; a locked, read-only or full one is not: moving
    a healthy log aside on bad advice would lose nothing but still mislead."""
    if getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or isinstance(exc, ValueError):
        return StoreUnavailable(f"{what} {path} is beschadigd of geen SQLite-bestand ({exc}). Zet het opzij (hernoem "
                                "het); Vraagbaak begint dan een nieuw bestand. Er is niets gewist.")
    return StoreUnavailable(f"{what} {path} kon niet worden gebruikt ({exc}); kijk of de schijf vol is en of de "
                            "service het bestand mag lezen en schrijven.")


@contextlib.contextmanager
def translated(path: Path, what: str) -> Iterator[None]:
    """SQLite's errors inside the block as one Dutch sentence that names the file."""
    try:
        yield
    except sqlite3.Error as exc:
        raise unavailable(path, what, exc) from None


def add_column(db: sqlite3.Connection, table: str, column: str) -> None:
    """A file of an earlier version gains ``column`` ("name TYPE ..."); one that has it (perhaps added by a worker
    starting at the same moment) says so, and that is fine."""
    try:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    except sqlite3.OperationalError as exc:
        if "duplicate column" not in str(exc):
            raise


def row_id() -> int:
    """A random row id, not a count: the order of the rows must not give away the order of asking (next to an
    access log whose lines come in that order). Under 10^15, so a spreadsheet keeps every digit of it; from
    10^9, so it never meets an id a file numbered before it."""
    return secrets.randbelow(10**15 - 10**9) + 10**9


def shuffle_numbered_rows(db: sqlite3.Connection, table: str, also: tuple[str, ...] = ()) -> None:
    """A file from before random ids gets them now, in one transaction (a second worker starting at the same
    moment waits, then finds nothing left to do). Its rows are those with ids under 10^9 (or over 10^15); the
    statements in ``also`` (what else such a file needs) run with them."""
    numbered = f"id < {10**9} OR id >= {10**15}"  # counted, or too long for a spreadsheet (an earlier draft)
    if not db.execute(f"SELECT 1 FROM {table} WHERE {numbered} LIMIT 1").fetchone():
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany(f"UPDATE {table} SET id = ? WHERE id = ?",
                       [(row_id(), old) for (old,) in db.execute(f"SELECT id FROM {table} WHERE {numbered}")])
        for statement in also:
            db.execute(statement)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
