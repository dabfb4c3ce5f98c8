"""Files written whole and one writer at a time: what every build artefact and model export needs."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


@contextlib.contextmanager
def locked(path: Path):
    try:
        import fcntl
    except ImportError:  # not on POSIX: the renames still keep every file whole
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def scratch(near: Path, label: str):
    """A temporary path next to ``near``, removed afterwards whatever happens."""
    path = near.with_name(f".{near.name}.{label}.{os.getpid()}.tmp")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def aside(target: Path):
    """A temporary path next to ``target``, renamed to it when the block succeeds and removed otherwise."""
    with scratch(target, "new") as temporary:
        yield temporary
        temporary.replace(target)
