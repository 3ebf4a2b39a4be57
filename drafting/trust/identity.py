"""Who is acting: the person's git identity and SSH signing key, as git config gives them.

The key is ``user.signingkey`` with ``gpg.format ssh``: a path to a public or private key file, or
``key::<keytype> <base64>`` (the private key then lives in ssh-agent), exactly as git uses it to sign.
The party a key acts for is its principal in ``keys/allowed_signers``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .signers import AllowedSigners, PublicKey, parse_public_key

KEY_FILE_LIMIT = 64_000  # an SSH key file is a few kilobytes


@dataclass(frozen=True, slots=True)
class Actor:
    """The person running a command."""

    name: str | None  # git user.name / user.email (None: not configured)
    email: str | None
    signing_key: str | None  # the user.signingkey value as git will use it (None: no SSH key)
    public: PublicKey | None  # the public half of that key
    note: str | None = None  # why an SSH key configured in git is not used, if it is not

    def principal(self, signers: AllowedSigners) -> str | None:
        return signers.principal(self.public.fingerprint) if self.public is not None else None

    def committer(self, fallback: tuple[str, str]) -> tuple[str, str]:
        """The person as the commits' committer (git config user.name/email), else ``fallback``."""
        if self.name and self.name.strip():
            return (self.name, self.email or fallback[1])
        return fallback


ConfigReader = Callable[[str], str | None]


def git_config(root: Path) -> ConfigReader:
    """A reader of the effective git config (system, global, the repository's own, the environment's)
    at ``root``: one ``git config --list`` on the first question, then answers from it (the last value
    of a key wins, as ``git config --get`` says)."""
    values: dict[str, str] = {}
    listed: list[bool] = []

    def read(key: str) -> str | None:
        if not listed:
            proc = subprocess.run(["git", "config", "--list", "-z"], cwd=root, capture_output=True,
                                  stdin=subprocess.DEVNULL, check=False)
            listed.append(True)
            for entry in proc.stdout.split(b"\0") if proc.returncode == 0 else ():
                name, _, value = entry.partition(b"\n")
                if name:
                    values[name.decode("utf-8", "replace")] = value.decode("utf-8", "replace")
        section, _, rest = key.rpartition(".")
        first, dot, sub = section.partition(".")
        # git lists a section's and a variable's name in lower case; a subsection keeps its case
        return values.get(f"{first.lower()}{dot}{sub}.{rest.lower()}", "").strip() or None

    return read


def acting(config: ConfigReader, root: Path) -> Actor:
    """The actor of a command run at ``root``."""
    name, email = config("user.name"), config("user.email")
    value = config("user.signingkey")
    fmt = (config("gpg.format") or "openpgp").lower()
    if value is None:
        return Actor(name, email, None, None)
    if fmt != "ssh":
        return Actor(
            name,
            email,
            None,
            None,
            note=f"user.signingkey is set but gpg.format is {fmt!r}: drafting signs with SSH keys "
            f"(git config gpg.format ssh)",
        )
    return Actor(name, email, value, public_key_of(value, root))


def public_key_of(value: str, root: Path) -> PublicKey:
    """The public key named by a ``user.signingkey`` value (UsageError when it cannot be read)."""
    if value.startswith("key::"):
        try:
            return parse_public_key(value[5:], "user.signingkey")
        except ValueError as e:
            raise UsageError(str(e)) from None
    path = Path(os.path.expanduser(value))
    if not path.is_absolute():
        path = root / path
    try:
        with open(path, "rb") as f:
            data = f.read(KEY_FILE_LIMIT + 1)
    except OSError as e:
        raise UsageError(f"user.signingkey: cannot read {value}: {e.strerror}") from None
    if len(data) > KEY_FILE_LIMIT:
        raise UsageError(f"user.signingkey: {value} is too large to be an SSH key")
    text = data.decode("utf-8", "replace")
    if not text.lstrip().startswith("-----BEGIN"):
        try:
            return parse_public_key(text, f"user.signingkey ({value})")
        except ValueError as e:
            raise UsageError(str(e)) from None
    # a private key: its .pub beside it, else ask ssh-keygen (works for keys without a passphrase)
    pub = path.with_name(path.name + ".pub")
    if pub.is_file():
        try:
            return parse_public_key(pub.read_text("utf-8", "replace"), str(pub))
        except ValueError:
            pass
    try:
        proc = subprocess.run(
            ["ssh-keygen", "-y", "-P", "", "-f", str(path)],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise UsageError(f"user.signingkey: cannot derive the public key of {value}: {e}") from None
    if proc.returncode != 0:
        raise UsageError(
            f"user.signingkey: cannot derive the public key of {value} (a passphrase-protected "
            f"key needs its .pub file beside it, or key::<public key> with ssh-agent)"
        )
    try:
        return parse_public_key(proc.stdout.decode("utf-8", "replace"), value)
    except ValueError as e:
        raise UsageError(str(e)) from None


def read_key_file(path: str) -> PublicKey:
    """The public key for ``drafting keys add``: a ``.pub`` file (or a private key beside its .pub)."""
    try:
        return public_key_of(path, Path.cwd())
    except UsageError as e:
        raise UsageError(e.message.replace("user.signingkey", "key file")) from None
