"""A PDF's first page drawn as a PNG image, and the PDF library's count of its scripts.

Pure Python over bytes (no Django): PDFium through ``pypdfium2`` (the renderer Chromium uses,
shipped as wheels), and the PNG written with the standard library's ``zlib``, so no imaging
library is needed. Run by the worker, never in a web request.
"""

from __future__ import annotations

import struct
import zlib

PREVIEW_WIDTH = 800  # pixels: enough to read a heading, small enough for a page's panel


class PreviewError(Exception):
    """The PDF cannot be opened or drawn (damaged, or locked with a password)."""


def _open(content: bytes):
    """The PDF ``content`` opened by PDFium."""
    # deferred: pypdfium2 loads PDFium (a tenth of a second) and only a PDF's upload and its
    # preview need it, not every process that loads the documents' services.
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError as error:
        raise PreviewError(str(error)) from None


def script_count(content: bytes) -> int:
    """How many JavaScript actions the document holds, as PDFium reads them (including those
    in compressed object streams, which a scan of the bytes does not see)."""
    # deferred: as in _open, PDFium's functions load with it.
    import pypdfium2.raw as pdfium_c

    pdf = _open(content)
    try:
        return max(pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw), 0)
    finally:
        pdf.close()


def first_page_png(content: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    """The first page of the PDF ``content`` drawn ``width`` pixels wide, as PNG bytes."""
    pdf = _open(content)
    try:
        if len(pdf) == 0:
            raise PreviewError("the document has no page")
        page = pdf[0]
        try:
            page_width = page.get_width() or 1
            scale = max(min(width / page_width, 4.0), 0.05)
            bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
            try:
                return _png(bitmap)
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        pdf.close()


def _png(bitmap) -> bytes:
    """An RGB PNG of a PDFium bitmap (rendered as RGB or RGBA bytes, rows ``stride`` apart)."""
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    channels = bitmap.n_channels
    data = bytes(bitmap.buffer)
    rows = bytearray()
    for y in range(height):
        row = data[y * stride : y * stride + width * channels]
        if channels == 4:  # drop alpha: RGBA -> RGB
            row = b"".join(row[i : i + 3] for i in range(0, len(row), 4))
        rows += b"\x00" + row
    color_type = 2  # truecolour RGB
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 6))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
