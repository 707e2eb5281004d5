"""What a file is, read from its content: the checks an attachment passes before it is kept.

Pure Python over the file's bytes (no Django): the kind is sniffed from the content with
``filetype`` (magic numbers, and the parts inside an office document's zip), never taken from the
name or the type the browser claimed; the name's extension must agree with it. Refused outright,
whatever the extension says: web pages and SVG (a browser runs their scripts), scripts and
programs, and PDFs that carry JavaScript, launch actions, embedded files or forms that send data.
This is what can be checked locally; it is not a virus scanner (docs/documents.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import filetype

# A kind Accord keeps: its extensions (the first is the one it is known by) and its media type.
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "pdf": (("pdf",), "application/pdf"),
    "png": (("png",), "image/png"),
    "jpg": (("jpg", "jpeg"), "image/jpeg"),
    "docx": (
        ("docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": (("odt",), "application/vnd.oasis.opendocument.text"),
    "ods": (("ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    "txt": (("txt",), "text/plain"),
    "csv": (("csv",), "text/csv"),
}
TEXT_KINDS = {"txt", "csv"}

# Why a file is refused (the services say it in the reader's words).
TYPE = "type"  # not a kind Accord keeps, or unknown content
MISMATCH = "mismatch"  # the extension says another kind than the content
ACTIVE = "active"  # content that runs: a web page, SVG, a script, a program, a PDF's scripts
EMPTY = "empty"

_MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|svg|iframe|object|embed|meta|xml|\?xml|a\s)",
    re.IGNORECASE,
)
_PROGRAMS = {"exe", "elf", "dcm", "macho", "swf", "class", "wasm", "deb", "rpm", "dex", "crx"}
# PDF names that run or carry something: scripts, actions launching programs, embedded files,
# forms that post data, rich media, XFA forms (which hold scripts).
_PDF_ACTIVE = (
    b"/javascript",
    b"/js",
    b"/launch",
    b"/embeddedfile",
    b"/submitform",
    b"/richmedia",
    b"/xfa",
    b"/importdata",
)
_PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Verdict:
    """A file's kind as its content shows it, or why it is refused (``refused`` is empty when
    it is kept)."""

    kind: str = ""
    media_type: str = ""
    refused: str = ""
    said: str = ""  # for a refusal: what the content was found to be, or the PDF name found


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def judge(content: bytes, name: str, allowed: set[str]) -> Verdict:
    """Whether ``content``, sent as ``name``, is kept, and as what."""
    if not content:
        return Verdict(refused=EMPTY)
    head = content[:8192]
    guess = filetype.guess(head)
    if guess is not None and guess.extension in _PROGRAMS:
        return Verdict(refused=ACTIVE, said=guess.extension)
    if content[:2] == b"MZ" or content[:4] == b"\x7fELF" or content[:2] == b"#!":
        return Verdict(refused=ACTIVE, said="program")
    kind = _kind_of(guess, content)
    if kind is None:
        if _MARKUP.search(head):
            return Verdict(refused=ACTIVE, said="markup")
        return Verdict(refused=TYPE, said=guess.mime if guess else "")
    if kind in TEXT_KINDS and _MARKUP.search(content):
        return Verdict(refused=ACTIVE, said="markup")
    if kind == "pdf":
        active = pdf_active_names(content)
        if active:
            return Verdict(refused=ACTIVE, said=", ".join(sorted(active)))
    extensions, media_type = KINDS[kind]
    extension = extension_of(name)
    if kind in TEXT_KINDS:
        # Plain text is plain text under either name; a CSV may be sent as .txt and back.
        if extension not in TEXT_KINDS:
            return Verdict(refused=MISMATCH, said=kind)
        kind = extension
        media_type = KINDS[kind][1]
    elif extension not in extensions:
        return Verdict(refused=MISMATCH, said=kind)
    if kind not in allowed:
        return Verdict(refused=TYPE, said=kind)
    return Verdict(kind=kind, media_type=media_type)


def _kind_of(guess, content: bytes) -> str | None:
    if guess is not None:
        for kind, (extensions, _media) in KINDS.items():
            if guess.extension in extensions and kind not in TEXT_KINDS:
                return kind
        return None
    if content.startswith(b"%PDF-") or b"%PDF-" in content[:1024]:
        return "pdf"
    if b"\x00" in content[:8192]:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "txt"


def pdf_active_names(content: bytes) -> set[str]:
    """The names in a PDF's bytes that run or carry something (``/JavaScript``, ``/Launch``...),
    with the ``#xx`` escapes PDF allows in names undone (``/J#61vaScript`` is ``/JavaScript``).

    A name inside a compressed object stream is not seen here; the preview's renderer asks the
    PDF library for the document's scripts too (``preview.script_count``)."""
    found = set()
    for match in _PDF_NAME.finditer(content):
        name = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(0)).lower()
        if name in _PDF_ACTIVE:
            found.add(name.decode("ascii", "replace"))
    return found
