"""Open a Word file sent by a delegation without trusting it.

Everything here runs before any XML parser sees a byte of the file:

* the file's size is capped (``MAX_FILE_BYTES``); an OLE compound file (``D0 CF 11 E0``: a legacy
  .doc or an encrypted .docx) and anything that is not a zip archive are refused;
* each zip member's *declared* size is capped (``MAX_PART_BYTES``, ``MAX_TOTAL_BYTES``) and so is its
  compression ratio (``MAX_RATIO`` on members over ``RATIO_FLOOR`` bytes): zipfile never inflates a
  member past its declared size, so these checks bound memory before anything is decompressed;
* macro-enabled documents (a ``macroEnabled`` content type or a ``vbaProject.bin``) are refused;
* every XML part is refused if it carries a DOCTYPE or ENTITY declaration (checked on the raw bytes
  in UTF-8 and UTF-16, and again on the parsed tree);
* XML is parsed by lxml with ``resolve_entities=False, no_network=True, huge_tree=False`` (a text node
  over 10 MB is a syntax error, raised in milliseconds).

Every failure -- ``BadZipFile``, ``KeyError``, ``ValueError``, ``XMLSyntaxError``, zlib errors, a bad
CRC, a truncated archive -- becomes one ``WorkspaceError`` naming the file: ``FILE: error: ...``.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import Problem, WorkspaceError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small parts compress well (styles.xml) and are harmless

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MACRO_CONTENT_TYPE = "macroenabled"  # application/vnd.ms-word.document.macroEnabled.main+xml, template...
MAIN_PART = "word/document.xml"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_DECLARATIONS = tuple(
    needle.encode(enc) for needle in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def parser() -> etree.XMLParser:
    """The only XML parser ingest uses: no entities, no network, no DTD, no huge nodes."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


@dataclass
class Package:
    """A checked .docx: its XML parts (bytes, read and checked once) and the main part's name."""

    path: str
    parts: dict[str, bytes] = field(default_factory=dict)
    main: str = MAIN_PART

    def fail(self, message: str) -> WorkspaceError:
        return WorkspaceError([Problem(self.path, 0, message)])

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part ``name`` (None when absent); a DOCTYPE found after parsing is refused too."""
        data = self.parts.get(name)
        if data is None:
            return None
        with guarded(self.path, name):
            root = etree.fromstring(data, parser())
        info = root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
            raise self.fail(f"{name} declares a DOCTYPE; refusing the file")
        return root

    def names(self, prefix: str = "") -> list[str]:
        return sorted(n for n in self.parts if n.startswith(prefix))


@contextmanager
def guarded(path: str, part: str = "") -> Iterator[None]:
    """Turn every low-level failure of reading the file into one clear WorkspaceError."""
    where = f" ({part})" if part else ""
    try:
        yield
    except WorkspaceError:
        raise
    except etree.XMLSyntaxError as e:
        if "Resource limit" in str(e) or "huge" in str(e).lower():
            raise WorkspaceError([Problem(path, 0, f"refusing the Word file{where}: it exceeds the XML parser's "
                                                   f"limits (a text over 10 MB or nesting too deep)")]) from None
        raise WorkspaceError([Problem(path, 0, f"damaged Word file{where}: XML error: {_short(e)}")]) from None
    except zipfile.BadZipFile as e:
        raise WorkspaceError([Problem(path, 0, f"damaged Word file{where}: {_short(e)}")]) from None
    except (zlib.error, EOFError) as e:
        raise WorkspaceError([Problem(path, 0, f"damaged Word file{where}: cannot decompress: "
                                               f"{_short(e)}")]) from None
    except NotImplementedError as e:
        raise WorkspaceError([Problem(path, 0, f"unsupported Word file{where}: {_short(e)}")]) from None
    except (KeyError, ValueError, TypeError, IndexError, RuntimeError, RecursionError, MemoryError) as e:
        raise WorkspaceError([Problem(path, 0, f"unreadable Word file{where}: "
                                               f"{type(e).__name__}: {_short(e)}")]) from None
    except OSError as e:
        raise WorkspaceError([Problem(path, 0, f"cannot read the file: {e.strerror or _short(e)}")]) from None


def _short(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def open_docx(file: str | os.PathLike[str]) -> Package:
    """Read and check a .docx file (see the module docstring); raises WorkspaceError naming ``file``."""
    path = str(file)
    pkg = Package(path)
    with guarded(path):
        p = Path(file)
        if not p.is_file():
            raise pkg.fail("no such file" if not p.exists() else "not a regular file")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise pkg.fail(f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
        data = p.read_bytes()
        if data.startswith(OLE_MAGIC[:4]):
            raise pkg.fail("encrypted or legacy .doc file (OLE compound document); "
                           "remove the password and save it as .docx")
        if not data.startswith(b"PK"):
            raise pkg.fail("not a Word .docx file (not a zip archive)")
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = _check_members(pkg, zf.infolist())
            for info in infos:
                if info.filename.lower().endswith(_XML_SUFFIXES) or info.filename == "[Content_Types].xml":
                    pkg.parts[info.filename] = _read_member(pkg, zf, info)
                elif posixpath.basename(info.filename).lower() == "vbaproject.bin":
                    raise pkg.fail("macro-enabled document (it holds a VBA project); "
                                   "save it as a plain .docx")
    _check_content_types(pkg)
    pkg.main = _main_part(pkg)
    if pkg.main not in pkg.parts:
        raise pkg.fail(f"not a Word document: {pkg.main} is missing")
    return pkg


def _check_members(pkg: Package, infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    if len(infos) > MAX_MEMBERS:
        raise pkg.fail(f"too many parts in the archive ({len(infos)}; limit {MAX_MEMBERS})")
    total = 0
    seen: set[str] = set()
    out = []
    for info in infos:
        name = info.filename
        if name in seen:
            raise pkg.fail(f"the archive holds {name!r} twice")
        seen.add(name)
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise pkg.fail(f"encrypted archive member {name!r}; save the document without a password")
        if info.file_size > MAX_PART_BYTES:
            raise pkg.fail(f"part {name} is too large ({info.file_size} bytes uncompressed; "
                           f"limit {MAX_PART_BYTES})")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise pkg.fail(f"the archive expands to more than {MAX_TOTAL_BYTES} bytes (zip bomb?)")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise pkg.fail(f"part {name} is compressed {info.file_size // max(info.compress_size, 1)}:1 "
                           f"(limit {MAX_RATIO}:1): refusing a likely zip bomb")
        out.append(info)
    return out


def _read_member(pkg: Package, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with guarded(pkg.path, info.filename):
        data = zf.read(info)  # checks the CRC; never inflates past the declared size
    if len(data) != info.file_size:
        raise pkg.fail(f"damaged Word file: {info.filename} is truncated")
    if any(needle in data for needle in _DECLARATIONS):
        raise pkg.fail(f"{info.filename} holds a DOCTYPE or ENTITY declaration; refusing the file "
                       f"(Word never writes one)")
    return data


def _check_content_types(pkg: Package) -> None:
    root = pkg.xml("[Content_Types].xml")
    if root is None:
        raise pkg.fail("not a Word document: [Content_Types].xml is missing")
    for el in root.iter(f"{{{_CT_NS}}}Override", f"{{{_CT_NS}}}Default"):
        content_type = (el.get("ContentType") or "").lower()
        if MACRO_CONTENT_TYPE in content_type or "vbaproject" in content_type:
            raise pkg.fail("macro-enabled document (.docm); save it as a plain Word document (.docx)")


def _main_part(pkg: Package) -> str:
    """The main document part named by the package relationships (word/document.xml normally)."""
    rels = pkg.xml("_rels/.rels")
    if rels is None:
        return MAIN_PART
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            target = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
            if target and not target.startswith(".."):
                return target
    return MAIN_PART


def related(pkg: Package, source: str, rel_type_suffix: str) -> list[str]:
    """Part names related from ``source`` whose relationship type ends with ``rel_type_suffix``."""
    folder, name = posixpath.split(source)
    rels = pkg.xml(posixpath.join(folder, "_rels", name + ".rels"))
    if rels is None:
        return []
    out = []
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if (rel.get("Type") or "").endswith(rel_type_suffix) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            full = posixpath.normpath(full)
            if not full.startswith("..") and full in pkg.parts:
                out.append(full)
    return out
