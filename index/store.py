"""The index directory: builds written aside and published atomically, with a manifest.

Layout under the data directory::

    builds/<build-id>/   manifest.json, passages.jsonl, documents.json, dense.faiss, ...
    current              symlink to the build in service, swapped with one atomic rename

A build is written into a hidden staging folder and only becomes ``current`` once complete and
checked, so a failed run never replaces the last good build. The manifest holds a checksum of every
file; a build whose files do not match, or one made with another model or chunker than the settings
name, is refused with a message that says why.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vraagbaak.build_format import (
    BUILD_FORMAT,
    DOCUMENT_LIST,
    DOCUMENTS,
    MANIFEST,
    PASSAGES,
    DocumentRecord,
    Manifest,
    Passage,
)
from vraagbaak.errors import IndexMismatch, IndexMissing, VraagbaakError
from vraagbaak.index.files import aside, locked

KEEP_BUILDS = 3


class IngestRunning(VraagbaakError):
    code = "ingest_bezig"


def builds_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "builds"


def staging_dir(data_dir: Path) -> Path:
    path = builds_dir(data_dir) / f".staging-{uuid.uuid4().hex[:8]}"
    path.mkdir(parents=True)
    return path


def write_json(path: Path, data: Any) -> None:
    """Write aside, then rename: a reader never sees half a file."""
    with aside(path) as temporary:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def checksums(build: Path) -> dict[str, str]:
    """SHA-256 of every file of a build but the manifest, by path relative to the build."""
    found = {}
    for path in sorted(p for p in build.rglob("*") if p.is_file() and p.name != MANIFEST):
        with open(path, "rb") as f:
            found[path.relative_to(build).as_posix()] = hashlib.file_digest(f, "sha256").hexdigest()
    return found


def verify(build: Path, manifest: Manifest) -> None:
    """Refuse a build whose files are missing, extra or changed since it was written."""
    found = checksums(build)
    if found != manifest.files:
        wrong = sorted(name for name in set(found) | set(manifest.files) if found.get(name) != manifest.files.get(name))
        raise IndexMissing(f"De index in {build} is beschadigd ({', '.join(wrong[:3])} klopt niet met het manifest); "
                           "voer 'vraagbaak ingest' opnieuw uit.")


def publish(staging: Path, data_dir: Path, manifest: dict[str, Any],
            check: Callable[[Path, Manifest], None] | None = None) -> Path:
    """Complete the manifest (with checksums), let ``check`` try the build, move it in place and point
    ``current`` at it. A build that fails the check is never published."""
    created = datetime.now(UTC)
    # Microseconds, so builds published within one second still sort oldest to newest for pruning.
    build_id = created.strftime("%Y%m%dT%H%M%S-%f") + "-" + uuid.uuid4().hex[:6]
    complete = Manifest(**{**manifest, "format": BUILD_FORMAT, "build": build_id, "files": checksums(staging),
                           "created": created.isoformat(timespec="seconds")})
    write_json(staging / MANIFEST, complete.model_dump(mode="json"))
    if check is not None:
        check(staging, complete)
    final = builds_dir(data_dir) / build_id
    staging.rename(final)
    link = Path(data_dir) / "current"
    tmp_link = Path(data_dir) / f".current-{uuid.uuid4().hex[:6]}"
    tmp_link.symlink_to(Path("builds") / build_id)
    os.replace(tmp_link, link)
    _prune(data_dir, keep=final)
    return final


def _prune(data_dir: Path, keep: Path) -> None:
    """Keep the newest few builds (a running service may still read the one before)."""
    builds = sorted((p for p in builds_dir(data_dir).iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True)
    for old in builds[KEEP_BUILDS:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def ingest_lock(data_dir: Path) -> Iterator[None]:
    """One ingest at a time per data directory. Whoever holds the lock knows that every staging folder
    left behind belongs to a run that died (killed, out of disk), and clears them."""
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(locked(folder / "ingest.lock", wait=False))
        except BlockingIOError as exc:
            raise IngestRunning(f"Er loopt al een 'vraagbaak ingest' voor {folder}; wacht tot die klaar is en "
                                "probeer het dan opnieuw.") from exc
        if builds_dir(folder).is_dir():
            for stale in builds_dir(folder).glob(".staging-*"):
                shutil.rmtree(stale, ignore_errors=True)
        yield


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def current_build(data_dir: Path) -> Path:
    """The published build, resolved (so a later publish does not change what a reader holds)."""
    link = Path(data_dir) / "current"
    if not link.exists():
        raise IndexMissing(
            f"Er is nog geen index in {data_dir}. Voer eerst 'vraagbaak ingest' uit (of 'make run', dat alles klaarzet)."
        )
    return link.resolve()


def _damaged(build: Path) -> IndexMissing:
    return IndexMissing(f"De index in {build} is onvolledig of beschadigd; voer 'vraagbaak ingest' opnieuw uit.")


def read_manifest(build: Path) -> Manifest:
    try:
        data = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _damaged(build) from exc
    if not isinstance(data, dict) or data.get("format") != BUILD_FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise IndexMismatch(
            f"De index in {build} heeft formaat {found}, deze versie van Vraagbaak verwacht "
            f"formaat {BUILD_FORMAT}. Voer 'vraagbaak ingest' opnieuw uit."
        )
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        raise _damaged(build) from exc


def read_passages(build: Path) -> list[Passage]:
    """Every passage of a build, in reading order."""
    try:
        with open(build / PASSAGES, encoding="utf-8") as f:
            return [Passage.model_validate_json(line) for line in f]
    except (OSError, ValidationError) as exc:
        raise _damaged(build) from exc


def read_documents(build: Path) -> list[DocumentRecord]:
    """The documents of a build with their sections, for the source viewer."""
    try:
        return DOCUMENT_LIST.validate_json((build / DOCUMENTS).read_bytes())
    except (OSError, ValidationError) as exc:
        raise _damaged(build) from exc


def check_compatible(manifest: Manifest, model: dict[str, Any], chunking: dict[str, Any]) -> None:
    """Refuse an index whose model or chunker differs from what the settings ask for."""
    built_model = manifest.model
    if built_model.get("fingerprint") != model.get("fingerprint"):
        raise IndexMismatch(
            f"De index is gebouwd met model '{built_model.get('name')}' ({built_model.get('fingerprint')}), maar "
            f"ingesteld is '{model.get('name')}' ({model.get('fingerprint')}). Voer 'vraagbaak ingest' uit om de "
            "index opnieuw te bouwen, of zet VRAAGBAAK_MODEL en VRAAGBAAK_QUANTIZE terug."
        )
    built_chunking = manifest.chunking
    if built_chunking != chunking:
        differences = ", ".join(
            f"{k}: index {built_chunking.get(k)!r}, ingesteld {chunking.get(k)!r}"
            for k in sorted(set(built_chunking) | set(chunking)) if built_chunking.get(k) != chunking.get(k)
        )
        raise IndexMismatch(
            f"De index is met andere instellingen in stukken verdeeld ({differences}). "
            "Voer 'vraagbaak ingest' uit om de index opnieuw te bouwen."
        )
