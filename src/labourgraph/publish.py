"""One writer at a time, and a build published as a unit.

**The lock.** Every command that writes a build folder (``build``, ``add``,
``additions remove``) holds an exclusive ``fcntl.flock`` on ``BUILD/.lock`` while it reads
the build and publishes the new one; commands that only read it (``push``) hold a shared
lock while they read. A command that finds the lock taken waits for it, up to
``--lock-timeout`` seconds (0: do not wait), then stops with one line and exit code 2.
Two ``add`` runs at once therefore run one after the other, and the second one reads the
build the first one wrote, so both additions survive.

**The unit.** A build is written to a new folder ``BUILD/versions/<hash>/`` (both files,
each fsynced), then made current by replacing the symbolic link ``BUILD/current`` with one
rename. ``BUILD/labourgraph.ttl`` and ``BUILD/labourgraph.trig`` are links to
``current/labourgraph.ttl`` and ``current/labourgraph.trig``, so the paths users know keep
working, and at any moment both resolve to the same version: a ``kill -9`` at any point
leaves the old build or the new one, never one file of each. ``<hash>`` is the SHA-1 of the
files' contents, so the same input still gives the same folder, byte for byte. The version
that was current before is kept (a reader may still be opening it); older ones are removed.

A build folder written by an older labourgraph (two plain files) is adopted on the first
publish: the plain files become a version of their own, and each is replaced by its link
(same bytes behind it, so this step cannot tear either).

File modes: new files get the mode of the file they replace, or ``0666`` less the umask
(the same as any file a program creates), never the ``0600`` of a temporary file.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from labourgraph.errors import LabourgraphError

LOCK_NAME = ".lock"
VERSIONS_DIR = "versions"
CURRENT_LINK = "current"
DEFAULT_LOCK_TIMEOUT = 120.0

try:  # POSIX; elsewhere the lock is a no-op (the publish itself is still atomic)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


class BuildLocked(LabourgraphError):
    """Another labourgraph command holds the build folder's lock."""


@contextmanager
def build_lock(build_dir: str | Path, *, shared: bool = False,
               timeout: float | None = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of ``build_dir`` (exclusive to write, ``shared`` to read).

    Waits up to ``timeout`` seconds (``None``: forever; 0: not at all), then raises
    :class:`BuildLocked`. A reader of a folder that does not exist, or where it may not
    create the lock file, reads without the lock (publishing is atomic anyway).
    """
    folder = Path(build_dir)
    if fcntl is None:
        yield
        return
    path = folder / LOCK_NAME
    try:
        if not shared:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            yield
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:
        if shared:
            yield
            return
        raise LabourgraphError("cannot write in the build folder (permission denied)", folder) from None
    except OSError as err:
        why = ("a part of the path is a file, not a folder" if err.errno in (errno.EEXIST, errno.ENOTDIR)
               else err.strerror or str(err))
        raise LabourgraphError(f"cannot use the build folder: {why}", folder) from None
    try:
        operation = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
        while True:
            try:
                fcntl.flock(fd, operation | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    holder = _holder(fd)
                    raise BuildLocked(f"another labourgraph command{holder} is writing this build; gave up "
                                      f"after waiting {timeout:g} s (--lock-timeout)", folder) from None
                time.sleep(0.05)
        if not shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)          # closing releases the lock


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


# -- publishing ------------------------------------------------------------------------

def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target`` with one rename (atomic)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():   # a copy (cp -r, copytree) made it a real folder
        shutil.rmtree(path)
    os.replace(tmp, path)


def current_version(build_dir: str | Path) -> Path | None:
    """The folder of the published version, or None for a folder without one."""
    link = Path(build_dir) / CURRENT_LINK
    if link.is_symlink() or link.is_dir():
        return link.resolve()
    return None


def _write_version(versions: Path, digest: str, files: dict[str, bytes], modes: dict[str, int]) -> Path:
    target = versions / digest
    if target.is_dir():                       # the same bytes were published before
        for name, mode in modes.items():
            if (target / name).is_file() and (target / name).stat().st_mode & 0o777 != mode:
                os.chmod(target / name, mode)
        return target
    tmp = versions / f".{digest}.{os.getpid()}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    os.mkdir(tmp, 0o777)                      # the umask applies, as for any folder
    for name, data in files.items():
        fd = os.open(tmp / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if name in modes:
            os.chmod(tmp / name, modes[name])
    _fsync_dir(tmp)
    os.rename(tmp, target)
    _fsync_dir(versions)
    return target


def _digest(files: dict[str, bytes]) -> str:
    h = hashlib.sha1()
    for name in sorted(files):
        h.update(name.encode("utf-8") + b"\0" + str(len(files[name])).encode() + b"\0")
        h.update(files[name])
    return h.hexdigest()[:12]


def _adopt_plain_files(out: Path, names: list[str]) -> None:
    """Turn the plain files of an older build folder into a version, behind links."""
    if not any((out / n).is_file() and not (out / n).is_symlink() for n in names):
        return
    # a kill during an earlier adoption may have left some names as links already: their
    # bytes are the same as the plain files', so read every name through whatever it is
    present = {n: out / n for n in names if (out / n).is_file()}
    files = {n: p.read_bytes() for n, p in present.items()}
    modes = {n: p.stat().st_mode & 0o777 for n, p in present.items()}
    digest = _digest(files)
    versions = out / VERSIONS_DIR
    versions.mkdir(exist_ok=True)
    _write_version(versions, digest, files, modes)
    _link(out / CURRENT_LINK, f"{VERSIONS_DIR}/{digest}")
    for name in present:
        _link(out / name, f"{CURRENT_LINK}/{name}")
    _fsync_dir(out)


def remove_leftovers(folder: str | Path) -> None:
    """Delete the temporary files (``.NAME.*.tmp``, ``.NAME.*.link``) that a write killed
    in ``folder`` left behind. Call it while holding the lock, when no one else is writing."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name.startswith(".") and entry.name.endswith((".tmp", ".link")) and (entry.is_symlink() or not entry.is_dir()):
            entry.unlink(missing_ok=True)


def publish(build_dir: str | Path, files: dict[str, bytes]) -> Path:
    """Publish ``files`` ({name: bytes}) as the build of ``build_dir``, as one unit.

    Call it while holding :func:`build_lock`. Returns the version folder.
    """
    out = Path(build_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = sorted(files)
    remove_leftovers(out)
    _adopt_plain_files(out, names)
    previous = current_version(out)
    modes = {}
    for name in names:
        old = out / name
        modes[name] = old.stat().st_mode & 0o777 if old.exists() else _umask_mode()
    versions = out / VERSIONS_DIR
    versions.mkdir(exist_ok=True)
    digest = _digest(files)
    target = _write_version(versions, digest, files, modes)
    _link(out / CURRENT_LINK, f"{VERSIONS_DIR}/{digest}")
    for name in names:
        _link(out / name, f"{CURRENT_LINK}/{name}")
    _fsync_dir(out)
    _prune(versions, keep={digest, previous.name if previous else ""})
    return target


def _prune(versions: Path, keep: set[str]) -> None:
    """Remove the versions that are neither current nor the one before, and leftovers of
    writes that were killed."""
    for entry in versions.iterdir():
        if entry.name not in keep and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


__all__ = ["build_lock", "publish", "remove_leftovers", "current_version", "BuildLocked", "DEFAULT_LOCK_TIMEOUT", "LOCK_NAME"]
