"""The git process adapter: the one place that runs the ``git`` program.

Every call has a fixed argument list: user-supplied revisions come after ``--end-of-options``, paths
after ``--`` or through ``--pathspec-from-file`` (with literal pathspecs), and ref names are built only
from ids that match the id pattern.  The environment is the user's minus the variables that would point
git at another repository, index or object store.  git's failures become ``RepositoryError`` (or
``UsageError`` when git is missing or the folder is not a repository), with git's own words.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import subprocess
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ..errors import RepositoryError, UsageError
from .lock import LOCK_FILE, process_lock

WORKSPACE_PATHS = ("negotiation.yaml", "drafts", "amendments")
TAG_PREFIX = "version/"
DRAFTING_IDENTITY = ("drafting", "drafting@localhost")
# what a workspace's git ignores (written by init): the drafts compile and issue write
GITIGNORE = "# drafts are written here by drafting compile and issue; they are never committed\nbuild/\n"
INDEX_LOCK_MESSAGE = ("stale .git/index.lock: another git process is running, or one crashed; "
                      "remove the file if no git command is running")

CONTROL = frozenset({chr(c) for c in range(32)} | {"\x7f"})
_TRAILER_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"
# Inherited variables that would point git at another repository, index or object store.
_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
             "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX")
_IN_PROGRESS = (("MERGE_HEAD", "a merge"), ("CHERRY_PICK_HEAD", "a cherry-pick"), ("REVERT_HEAD", "a revert"),
                ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase or git am"))
_STATUS_WORDS = {"?": "untracked", "M": "modified", "A": "added", "D": "deleted", "T": "type changed",
                 "U": "unmerged", "R": "renamed", "C": "copied"}


def index_blobs(root: Path, *, clean: bool = False) -> dict[str, bytes] | None:
    """Path -> blob id of every workspace file in the index whose bytes in the working tree are the
    index's (None outside a git work tree).  One ``git status`` tells which are (it refreshes git's stat
    cache, so a file touched but unchanged still counts); ``clean``: the caller has just seen no change
    under the workspace paths, so that is skipped."""
    env = base_env()
    changed: set[bytes] = set()
    if not clean:
        proc = run_git(["status", "--porcelain=v1", "-z", "--untracked-files=no", "--no-renames",
                        "--ignore-submodules=all", "--", *WORKSPACE_PATHS], root, env)
        if proc.returncode != 0:
            return None
        changed = {rec[3:] for rec in proc.stdout.split(b"\0") if len(rec) > 3 and rec[1:2] != b" "}
    proc = run_git(["ls-files", "--stage", "-z", "--", *WORKSPACE_PATHS], root, env)
    if proc.returncode != 0:
        return None
    out: dict[str, bytes] = {}
    for rec in proc.stdout.split(b"\0"):
        meta, _, name = rec.partition(b"\t")
        fields = meta.split(b" ")
        # stage 0 only (a conflicted file is read from disk), regular files only (a link's blob is its target)
        if len(fields) == 3 and fields[2] == b"0" and fields[0] in (b"100644", b"100755") and name not in changed:
            out[name.decode("utf-8", "surrogateescape")] = fields[1]
    return out


def open_git(root: Path) -> Git | None:
    """git in the work tree whose root is ``root`` (None when it is not one: ``Repo.open`` says why),
    without what a repository that writes needs: a command that only reads starts faster."""
    proc = run_git(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir", "--git-common-dir",
                    "--show-object-format"], root, base_env())
    lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
    if proc.returncode != 0 or len(lines) < 4 or os.path.realpath(lines[0]) != os.path.realpath(root):
        return None
    return Git(Path(lines[0]), Path(lines[1]), Path(lines[2]), lines[3].strip() or "sha1")


def git_error(args: Sequence[str], proc: subprocess.CompletedProcess[bytes]) -> str:
    text = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()
    lines = [ln.removeprefix("fatal: ").removeprefix("error: ") for ln in text.splitlines() if ln.strip()]
    return f"git {args[0]} failed: {'; '.join(lines) or f'exit status {proc.returncode}'}"


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _ENV_DROP}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_LITERAL_PATHSPECS="1", GIT_OPTIONAL_LOCKS="0",
               GIT_EDITOR=":", GIT_PAGER="cat")
    return env


def run_git(args: Sequence[str], cwd: Path, env: Mapping[str, str], *, input: bytes | None = None,
            pass_fds: Sequence[int] = ()) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], check=False, cwd=cwd, env=env, input=input, capture_output=True,
                              stdin=None if input is not None else subprocess.DEVNULL, pass_fds=pass_fds)
    except FileNotFoundError as exc:
        if not cwd.is_dir():
            raise UsageError(f"not a git repository: {cwd} (no such folder)") from exc
        raise UsageError("git is not installed (no `git` program on PATH)") from exc


def check_path(path: str) -> str:
    """A workspace-relative file path, checked: relative, normalised, no ``..``, nothing inside ``.git``."""
    if not isinstance(path, str) or not path or any(ch in CONTROL for ch in path) or "\\" in path:
        raise UsageError(f"invalid workspace path: {path!r}")
    parts = path.split("/")
    if (path.startswith("/") or posixpath.normpath(path) != path
            or any(p in ("", ".", "..") or p.lower() == ".git" for p in parts)):
        raise UsageError(f"invalid workspace path: {path!r}")
    return path


def check_identity(who: tuple[str, str], what: str) -> tuple[str, str]:
    try:
        name, email = who
    except (TypeError, ValueError):
        raise UsageError(f"{what} must be a (name, email) pair, not {who!r}") from None
    for value in (name, email):
        if not isinstance(value, str) or any(ch in CONTROL or ch in "<>" for ch in value):
            raise UsageError(f"invalid {what}: {who!r}")
    if not name.strip():
        raise UsageError(f"invalid {what}: the name is empty")
    return name, email


def commit_message(message: str, trailers: Mapping[str, str | Sequence[str]] | None = None) -> str:
    """``message`` + blank line + one ``Key: value`` line per trailer value (git interpret-trailers form)."""
    if not isinstance(message, str) or not message.strip() or "\0" in message:
        raise UsageError("a commit message is required")
    lines: list[str] = []
    for key, values in (trailers or {}).items():
        if not key or key[0] == "-" or any(ch not in _TRAILER_KEY for ch in key):
            raise UsageError(f"invalid trailer key: {key!r}")
        for value in [values] if isinstance(values, str) else list(values):
            if not isinstance(value, str) or not value.strip() or any(ch in CONTROL for ch in value):
                raise UsageError(f"invalid value for trailer {key}: {value!r}")
            lines.append(f"{key}: {value.strip()}")
    text = "\n".join(ln.rstrip() for ln in message.strip().splitlines())
    return text + ("\n\n" + "\n".join(lines) if lines else "") + "\n"


def _describe(dirty: list[tuple[str, str]], limit: int = 12) -> str:
    shown = [f"{path} ({_STATUS_WORDS.get(code.strip()[:1] or code[:1], 'changed')})"
             for code, path in dirty[:limit]]
    more = f" and {len(dirty) - limit} more" if len(dirty) > limit else ""
    return ", ".join(shown) + more


class Git:
    """git in one work tree: commands, objects and the state of the index and working tree."""

    def __init__(self, root: Path, git_dir: Path, common_dir: Path, object_format: str) -> None:
        self.root = root
        self.git_dir = git_dir
        self.common_dir = common_dir
        self.object_format = object_format
        self.env = base_env()

    def __call__(self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None,
                 check: bool = True) -> subprocess.CompletedProcess[bytes]:
        """Run ``git *args`` in the work tree; RepositoryError when it fails (unless ``check=False``)."""
        # Children inherit the held lock, so that a git command outliving a killed drafting process
        # still keeps other drafting commands out until it is done.
        fds = process_lock(self.common_dir / LOCK_FILE).inheritable_fds()
        proc = run_git(args, self.root, env or self.env, input=input, pass_fds=fds)
        if check and proc.returncode != 0:
            raise RepositoryError(git_error(args, proc))
        return proc

    def identity_env(self, author: tuple[str, str], committer: tuple[str, str],
                     date: str | None) -> dict[str, str]:
        env = dict(self.env, GIT_AUTHOR_NAME=author[0], GIT_AUTHOR_EMAIL=author[1],
                   GIT_COMMITTER_NAME=committer[0], GIT_COMMITTER_EMAIL=committer[1])
        if date is not None:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        return env

    # ---- objects

    def rev_parse(self, rev: str) -> str | None:
        """The commit ``rev`` names, or None."""
        proc = self("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False)
        if proc.returncode != 0:
            return None
        return proc.stdout.decode().strip() or None

    def head(self) -> str | None:
        """The commit HEAD points to, or None in a repository without commits."""
        return self.rev_parse("HEAD")

    def object_ids(self, commit: str, paths: Sequence[str]) -> dict[str, str | None]:
        """The blob id of each path in ``commit`` (None where absent or not a plain file)."""
        # One listing of the whole tree: `cat-file --batch-check` with <commit>:<path> is quadratic
        # in the size of a folder, and a folder may hold 10,000 amendments.
        listing: dict[bytes, bytes] = {}
        # a few paths: list only the folders on their way (literal pathspecs); many: the whole tree
        scope = ["--", *paths] if len(paths) <= 64 else []
        env = dict(self.env, GIT_LITERAL_PATHSPECS="1") if scope else None
        for rec in self("ls-tree", "-r", "-z", "--full-tree", commit, *scope, env=env).stdout.split(b"\0"):
            meta, _, name = rec.partition(b"\t")
            fields = meta.split(b" ")
            if len(fields) == 3 and fields[1] == b"blob" and fields[0] != b"120000":
                listing[name] = fields[2]
        result: dict[str, str | None] = {}
        for path in paths:
            blob = listing.get(os.fsencode(path))
            result[path] = blob.decode() if blob is not None else None
        return result

    def blob_id(self, data: bytes) -> str:
        """The id git gives a blob of ``data`` (computed here, without running git)."""
        h = hashlib.new(self.object_format)
        h.update(b"blob %d\0" % len(data))
        h.update(data)
        return h.hexdigest()

    def read_blobs(self, requests: Sequence[str]) -> list[bytes | None]:
        """Many objects (``<commit>:<path>`` or blob ids) through one ``git cat-file --batch`` run; None
        for one that is missing or not a blob."""
        if not requests:
            return []
        out = self("cat-file", "--batch", input="".join(r + "\n" for r in requests).encode("utf-8")).stdout
        pos, result = 0, list[bytes | None]()
        for _ in requests:
            nl = out.index(b"\n", pos)
            header = out[pos:nl].split()
            pos = nl + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                result.append(out[pos:pos + size])
                pos += size + 1
            else:
                result.append(None)
        return result

    def stream_blobs(self, ids: Sequence[str]) -> Iterator[bytes | None]:
        """The contents of many blobs, in order, as ``git cat-file --batch`` gives them (None for a
        missing one); the ids are written ahead by a thread, so that no more than one blob at a time is
        held here however many are read."""
        proc = self.start_batch()
        stdin, stdout = proc.stdin, proc.stdout
        assert stdin is not None and stdout is not None

        def feed() -> None:
            try:
                stdin.write("".join(i + "\n" for i in ids).encode("ascii"))
            except OSError:
                pass  # the reader below sees the short answer
            finally:
                try:
                    stdin.close()
                except OSError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            for _ in ids:
                fields = stdout.readline().split()
                if len(fields) == 2 and fields[1] == b"missing":
                    yield None
                    continue
                if len(fields) != 3:
                    raise RepositoryError(f"reading blobs failed: git cat-file said {b' '.join(fields)!r}")
                size = int(fields[2])
                data = stdout.read(size + 1)
                if len(data) != size + 1:
                    raise RepositoryError("reading blobs failed: short read from git cat-file")
                yield data[:-1] if fields[1] == b"blob" else None
        finally:
            stdout.close()
            writer.join()
            proc.wait()

    def start_batch(self) -> subprocess.Popen[bytes]:
        """A long-running ``git cat-file --batch``: object names in on stdin, contents out on stdout."""
        return subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root, env=self.env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def version_tags(self) -> dict[str, str]:
        """Issued versions: version id -> commit sha, oldest tag first."""
        from ..vocab import ID_PATTERN
        out = self("for-each-ref", "--sort=creatordate", "--format=%(refname)%00%(objecttype)%00"
                   "%(objectname)%00%(*objecttype)%00%(*objectname)", f"refs/tags/{TAG_PREFIX}").stdout
        tags: dict[str, str] = {}
        for line in out.decode("utf-8", "replace").splitlines():
            ref, kind, obj, peeled_kind, peeled = line.split("\0")
            vid = ref.removeprefix(f"refs/tags/{TAG_PREFIX}")
            if not ID_PATTERN.match(vid):
                continue
            if kind == "commit":
                tags[vid] = obj
            elif peeled_kind == "commit":
                tags[vid] = peeled
            elif (sha := self.rev_parse(ref)) is not None:
                tags[vid] = sha
        return tags

    # ---- index and working tree

    def dirty_paths(self, paths: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(git status code, path) of every uncommitted change under ``paths`` (default: the workspace
        files negotiation.yaml, drafts/, amendments/): staged, unstaged and untracked files."""
        scope = list(paths) if paths is not None else list(WORKSPACE_PATHS)
        out = self("status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all",
                   "--ignore-submodules=all", "--", *scope).stdout
        return [(rec[:2].decode(), rec[3:].decode("utf-8", "surrogateescape"))
                for rec in out.split(b"\0") if len(rec) > 3]

    def check_busy(self) -> None:
        """Refuse (RepositoryError) a stale index.lock, or a merge or rebase in progress."""
        if (self.git_dir / "index.lock").exists():
            raise RepositoryError(INDEX_LOCK_MESSAGE)
        for name, what in _IN_PROGRESS:
            if (self.git_dir / name).exists():
                raise RepositoryError(f"{what} is in progress in this repository; finish or abort it first")

    def check_clean(self, paths: Sequence[str] | None = None) -> None:
        """Refuse (RepositoryError) a stale index.lock, a merge or rebase in progress, or uncommitted
        changes under ``paths`` (default: the workspace files).  Never resets or cleans anything."""
        self.check_busy()
        dirty = self.dirty_paths(paths)
        if dirty:
            raise RepositoryError(f"uncommitted changes in the workspace: {_describe(dirty)}; commit or "
                                  f"stash them first (drafting never discards changes)")

    def anything_staged(self) -> bool:
        """Whether the index differs from HEAD (anything staged, anywhere)."""
        if self.head() is None:
            return bool(self("ls-files", "--cached", "-z").stdout)
        return self("diff-index", "--cached", "--quiet", "HEAD", "--", check=False).returncode != 0
