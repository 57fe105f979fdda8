"""Backups with SQLite's online backup API: automatic (at most every 30 minutes, only after a
change, and on close), rotated, owner-only; and restore that checks the file first and keeps a
safety copy of the current database so a restore can itself be undone."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from touchdesk.i18n import _
from touchdesk.paths import backups_dir

log = logging.getLogger(__name__)

AUTO_INTERVAL = dt.timedelta(minutes=30)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
PREFIX = "touchdesk-"
SAFETY_PREFIX = "before-restore-"
SUFFIX = ".sqlite3"
REQUIRED_TABLES = frozenset(
    {"customers", "events", "followups", "touchpoint_types", "alembic_version"}
)


class BackupError(RuntimeError):
    """A backup could not be made or a file cannot be restored; the message says why."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime  # local time, from the file name
    size: int
    safety_copy: bool


def folder_for(db_path: Path) -> Path:
    """Backups of one database file live in their own sub-folder of the backups folder, named
    after the file and a short hash of its full path (two files of the same name never mix)."""
    digest = hashlib.sha1(str(db_path.resolve()).encode()).hexdigest()[:8]
    folder = backups_dir() / f"{db_path.stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _copy(source: Path, target: Path) -> None:
    """Copy a live database consistently (online backup API) into ``target`` atomically."""
    tmp = target.with_name(target.name + ".part")
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def make_backup(
    db_path: Path, out: Path | None = None, *, prefix: str = PREFIX, now: dt.datetime | None = None
) -> Path:
    """Write a backup of ``db_path`` (to ``out`` or the backups folder) and return its path."""
    if not db_path.exists():
        raise BackupError(_("there is no database at {path}").format(path=db_path))
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = out or folder_for(db_path) / f"{prefix}{stamp}{SUFFIX}"
    if target.exists() and out is None:
        target = target.with_name(f"{prefix}{stamp}-{os.getpid()}{SUFFIX}")
    try:
        _copy(db_path, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(
            _("the backup could not be written: {detail}").format(detail=exc)
        ) from exc
    log.info("backup written to %s", target)
    return target


def _made_at(path: Path) -> dt.datetime | None:
    stem = path.name.removesuffix(SUFFIX)
    for prefix in (PREFIX, SAFETY_PREFIX):
        if stem.startswith(prefix):
            try:
                return dt.datetime.strptime(stem[len(prefix) : len(prefix) + 15], "%Y%m%d-%H%M%S")
            except ValueError:
                return None
    return None


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of this database, newest first."""
    result = []
    for path in folder_for(db_path).glob(f"*{SUFFIX}"):
        made = _made_at(path)
        if made is not None:
            result.append(
                BackupInfo(path, made, path.stat().st_size, path.name.startswith(SAFETY_PREFIX))
            )
    return sorted(result, key=lambda b: b.made_at, reverse=True)


def to_keep(times: Iterable[dt.datetime]) -> set[dt.datetime]:
    """Rotation: the newest backup of each of the last 7 days, 4 weeks and 12 months that have one."""
    ordered = sorted(set(times), reverse=True)
    keep: set[dt.datetime] = set()
    for key, count in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for t in ordered:
            k = key(t)
            if k not in seen:
                seen.append(k)
                if len(seen) > count:
                    break
                keep.add(t)
    return keep


def prune(db_path: Path) -> list[Path]:
    """Delete rotated-out automatic backups (safety copies are kept); returns what was removed."""
    autos = [b for b in list_backups(db_path) if not b.safety_copy]
    keep = to_keep(b.made_at for b in autos)
    removed = []
    for b in autos:
        if b.made_at not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def last_change(db_path: Path) -> float:
    """When the database last changed on disk (the WAL counts)."""
    times = [
        p.stat().st_mtime for p in (db_path, db_path.with_name(db_path.name + "-wal")) if p.exists()
    ]
    return max(times, default=0.0)


def auto_backup(
    db_path: Path, *, force: bool = False, now: dt.datetime | None = None
) -> Path | None:
    """Back up if something changed since the newest backup and it is at least 30 minutes old
    (``force`` — on close — skips the 30 minutes, not the change test). Returns the new file."""
    now = now or dt.datetime.now()
    newest = next((b for b in list_backups(db_path) if not b.safety_copy), None)
    if newest is not None:
        if last_change(db_path) <= newest.path.stat().st_mtime:
            return None
        if not force and now - newest.made_at < AUTO_INTERVAL:
            return None
    path = make_backup(db_path, now=now)
    prune(db_path)
    return path


def verify(path: Path) -> None:
    """Raise ``BackupError`` unless ``path`` is a sound TouchDesk database."""
    if not path.is_file():
        raise BackupError(_("{path} does not exist").format(path=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("{path} is not a database: {detail}").format(path=path, detail=exc)
        ) from exc
    if result != ["ok"]:
        raise BackupError(
            _("{path} is damaged: {detail}").format(path=path, detail="; ".join(result[:3]))
        )
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(_("{path} is not a TouchDesk database").format(path=path))


def restore(db_path: Path, backup: Path) -> Path:
    """Replace the database's content with ``backup``; returns the safety copy of what was there.

    Close every connection to ``db_path`` first. Restoring the returned safety copy undoes it.
    """
    verify(backup)
    safety = make_backup(db_path, prefix=SAFETY_PREFIX) if db_path.exists() else None
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dst = sqlite3.connect(db_path, timeout=30)
    try:
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise BackupError(
            _("the backup could not be restored: {detail}").format(detail=exc)
        ) from exc
    finally:
        dst.close()
        src.close()
    log.info("restored %s from %s (safety copy %s)", db_path, backup, safety)
    return safety or backup


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes ``verify`` (offered when the database is damaged)."""
    for info in list_backups(db_path):
        try:
            verify(info.path)
        except BackupError:
            continue
        return info
    return None


def move_aside(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Move a damaged database (and its -wal/-shm) aside, never overwriting or deleting it."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = db_path.with_name(db_path.name + suffix)
        if src.exists():
            os.replace(src, target.with_name(target.name + suffix))
    return target
