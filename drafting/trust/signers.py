"""``keys/allowed_signers``: who may sign for which party.

The file has git's ``gpg.ssh.allowedSignersFile`` format (``ssh-keygen -Y verify -f``), restricted to
what a negotiation needs: one key per line, ``<CODE> <keytype> <base64 key> [comment]``, the principal a
single delegation code in ASCII (``АRG`` with a Cyrillic А is not ``ARG``), no options, ``#`` comments
and blank lines allowed.  A party may have several keys; a key belongs to one party only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from ..errors import Problem
from ..vocab import CODE_PATTERN

SIGNERS_PATH = "keys/allowed_signers"
SIGNERS_LIMIT_BYTES = 256_000  # some 25 parties with a few keys each need a few kilobytes

KEY_TYPES = (
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
)


@dataclass(frozen=True, slots=True)
class PublicKey:
    """An SSH public key: its type and base64 blob (the comment is not part of its identity)."""

    keytype: str
    blob: str
    comment: str = ""

    @property
    def fingerprint(self) -> str:
        """As ``ssh-keygen -l`` and git's ``%GF`` print it: ``SHA256:`` + unpadded base64 of the digest."""
        digest = hashlib.sha256(base64.b64decode(self.blob)).digest()
        return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")

    def line(self) -> str:
        return f"{self.keytype} {self.blob}" + (f" {self.comment}" if self.comment else "")

    def same_key(self, other: PublicKey) -> bool:
        return (self.keytype, self.blob) == (other.keytype, other.blob)


@dataclass(frozen=True, slots=True)
class Signer:
    code: str
    key: PublicKey
    line: int


def key_problem(keytype: str, blob: str) -> str | None:
    """Why ``keytype blob`` is not a usable SSH public key, or None."""
    if keytype not in KEY_TYPES:
        return f"unknown key type {keytype[:40]!r}; expected one of: {', '.join(KEY_TYPES)}"
    try:
        raw = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        return "the key is not valid base64"
    if len(raw) < 4:
        return "the key is truncated"
    (n,) = struct.unpack(">I", raw[:4])
    if raw[4 : 4 + n] != keytype.encode("ascii"):
        return f"the key's data does not say {keytype} (a damaged or mislabelled key)"
    return None


def parse_public_key(text: str, where: str = "the key") -> PublicKey:
    """The key of a ``.pub`` file (``<keytype> <base64> [comment]``).  ValueError says what is wrong."""
    fields = text.strip().split(None, 2)
    if len(fields) < 2:
        raise ValueError(f"{where} is not an SSH public key (expected '<type> <base64 key> [comment]')")
    why = key_problem(fields[0], fields[1])
    if why is not None:
        raise ValueError(f"{where}: {why}")
    return PublicKey(fields[0], fields[1], fields[2].strip() if len(fields) > 2 else "")


class AllowedSigners:
    """The parsed file: every signer in file order, and the problems found (each with its line)."""

    def __init__(self, signers: list[Signer], problems: list[Problem]) -> None:
        self.signers = signers
        self.problems = problems
        self._by_fp = {s.key.fingerprint: s for s in signers}

    @classmethod
    def parse(cls, data: bytes | None, path: str = SIGNERS_PATH) -> AllowedSigners:
        problems: list[Problem] = []
        signers: list[Signer] = []
        if data is None:
            return cls([], [])
        if len(data) > SIGNERS_LIMIT_BYTES:
            return cls(
                [],
                [Problem(path, 0, f"the file is {len(data):,} bytes; the limit is {SIGNERS_LIMIT_BYTES:,}")],
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            return cls([], [Problem(path, data[: e.start].count(b"\n") + 1, "not UTF-8 text")])
        seen: dict[str, Signer] = {}
        for number, raw in enumerate(text.split("\n"), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(None, 3)
            code = fields[0]
            if not code.isascii() or not CODE_PATTERN.match(code):
                shown = code.encode("ascii", "backslashreplace").decode("ascii")
                problems.append(
                    Problem(
                        path,
                        number,
                        f"principal {shown!r} is not a delegation code "
                        f"(ASCII capitals, digits and hyphens, e.g. BRA)",
                    )
                )
                continue
            if len(fields) < 3:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"{code}: expected '<CODE> <key type> <base64 key> "
                        f"[comment]' (options are not supported)",
                    )
                )
                continue
            why = key_problem(fields[1], fields[2])
            if why is not None:
                problems.append(Problem(path, number, f"{code}: {why}"))
                continue
            key = PublicKey(fields[1], fields[2], fields[3].strip() if len(fields) > 3 else "")
            earlier = seen.get(key.fingerprint)
            if earlier is not None:
                what = "listed twice" if earlier.code == code else f"already belongs to {earlier.code}"
                problems.append(
                    Problem(
                        path,
                        number,
                        f"{code}: this key ({key.fingerprint}) {what} "
                        f"(line {earlier.line}); a key belongs to one party",
                    )
                )
                continue
            signer = Signer(code, key, number)
            seen[key.fingerprint] = signer
            signers.append(signer)
        return cls(signers, problems)

    def principal(self, fingerprint: str) -> str | None:
        """The code a key (by fingerprint) signs for, or None."""
        s = self._by_fp.get(fingerprint)
        return s.code if s is not None else None

    def keys_of(self, code: str) -> list[PublicKey]:
        return [s.key for s in self.signers if s.code == code]

    def codes(self) -> list[str]:
        return sorted({s.code for s in self.signers})

    def __bool__(self) -> bool:
        return bool(self.signers)


def add_line(current: bytes | None, code: str, key: PublicKey) -> bytes:
    """The file with one more line for ``code`` (everything else kept byte for byte)."""
    text = (current or b"").decode("utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    if not text:
        text = (
            "# Who may sign for which party: <CODE> <key type> <key> [comment] per line.\n"
            "# Changed only by the secretariat (drafting keys add).\n"
        )
    return (text + f"{code} {key.line()}\n").encode("utf-8")
