"""PDFs built byte by byte for the budget tests: plain ones, ones with a cross-reference
stream (which the page-tree reader leaves to pypdf), and big ones with a wrong
`startxref`, which make pypdf rebuild the table by scanning the whole file."""

from __future__ import annotations

import zlib


def _objects(pages: int, content: bytes) -> dict[int, bytes]:
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    kids = []
    number = 3
    for index in range(pages):
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Contents %d 0 R >>" % (number + 1)
        )
        body = content + b"%% page %d\n" % index
        objects[number + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body)
        kids.append(number)
        number += 2
    objects[2] = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % k for k in kids)
        + b"] /Count %d >>" % pages
    )
    return objects


def _body(objects: dict[int, bytes], header: bytes) -> tuple[bytearray, dict[int, int]]:
    out = bytearray(header)
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    return out, offsets


def classic_pdf(
    pages: int, content: bytes = b"0 0 m 1 1 l S\n", *, startxref_shift: int = 0
) -> bytes:
    """A PDF with one classic xref table; `startxref_shift` makes its pointer wrong."""
    objects = _objects(pages, content)
    out, offsets = _body(objects, b"%PDF-1.4\n")
    table = len(out)
    size = len(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        table + startxref_shift,
    )
    return bytes(out)


def xref_stream_pdf(pages: int, content: bytes = b"0 0 m 1 1 l S\n") -> bytes:
    """A PDF 1.5 whose cross-reference table is a compressed stream."""
    objects = _objects(pages, content)
    out, offsets = _body(objects, b"%PDF-1.5\n")
    xref = len(objects) + 1
    offsets[xref] = len(out)
    rows = b"\x00\x00\x00\x00\x00\xff\xff" + b"".join(
        b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00" for n in range(1, xref + 1)
    )
    data = zlib.compress(rows)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n" % (xref, xref + 1, len(data)) + data + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref]
    return bytes(out)
