"""Files written whole and one writer at a time: what every build artefact and model export needs."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path


@contextlib.contextmanager
def locked(path: Path, wait: bool = True):
    """Hold an exclusive lock on ``path`` (made if missing) for the block; without ``wait``, BlockingIOError
    if another process holds it."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: the renames still keep every file whole
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def scratch(near: Path, label: str):
    """A temporary path next to ``near``, removed afterwards whatever happens."""
    path = near.with_name(f".{near.name}.{label}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def aside(target: Path):
    """A temporary path next to ``target``, on disk and then renamed to it when the block succeeds (a reader,
    or a power cut, never finds half a file, nor an empty one where the last good file was), removed otherwise."""
    with scratch(target, "new") as temporary:
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        temporary.replace(target)
