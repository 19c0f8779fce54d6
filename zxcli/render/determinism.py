"""Same input, same bytes: normalising the zip container of a .docx or .xlsx.

python-docx and openpyxl stamp each zip entry with the time of saving, and openpyxl
writes the current time into the document properties. A dossier repository that keeps
the rendered forms would then see every file change on every run. We rewrite the
container: fixed entry timestamps and attributes, entries in a fixed order
([Content_Types].xml first, as Office writes it, then by name), and the core properties'
dates, last author (zx) and revision set from the input, not from the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

CORE = "docProps/core.xml"
CONTENT_TYPES = "[Content_Types].xml"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def normalize(data: bytes, when: dt.date) -> bytes:
    """The same package with fixed timestamps, order and core properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    if CORE in entries:
        entries[CORE] = fixed_core_properties(entries[CORE], when)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=lambda n: (n != CONTENT_TYPES, n)):
            target.writestr(_entry(name), entries[name])
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # otherwise it depends on the platform zx runs on
    info.external_attr = 0o644 << 16
    return info


def fixed_core_properties(xml: bytes, when: dt.date) -> bytes:
    root = etree.fromstring(xml)
    stamp = f"{when.isoformat()}T00:00:00Z"
    for tag in ("dcterms:created", "dcterms:modified"):
        element = _child(root, tag)
        element.text = stamp
        element.set(f"{{{_NS['xsi']}}}type", "dcterms:W3CDTF")
    _child(root, "cp:lastModifiedBy").text = "zx"
    _child(root, "cp:revision").text = "1"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _child(root: etree._Element, tag: str) -> etree._Element:
    prefix, local = tag.split(":")
    element = root.find(f"{{{_NS[prefix]}}}{local}")
    if element is None:
        element = etree.SubElement(root, f"{{{_NS[prefix]}}}{local}")
    return element
