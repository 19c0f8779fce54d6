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
import struct
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
    """The same package with fixed timestamps, order and core properties.

    python-docx and openpyxl deflate each entry as zipfile does by default, which is what
    this writes too; so an entry's compressed bytes are copied as they are, not inflated
    and deflated again (that was a fifth of rendering's time). Only the core properties,
    which change, and an entry stored any other way are written afresh.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        infos = {info.filename: info for info in source.infolist()}
        for name in sorted(infos, key=lambda n: (n != CONTENT_TYPES, n)):
            info = infos[name]
            if name == CORE:
                target.writestr(_entry(name), fixed_core_properties(source.read(info), when))
            elif info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1:
                _copy_deflated(source, info, target)
            else:
                target.writestr(_entry(name), source.read(info))
    return out.getvalue()


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # a zip entry's local header, 30 bytes


def _copy_deflated(source: zipfile.ZipFile, info: zipfile.ZipInfo, target: zipfile.ZipFile) -> None:
    """One deflated entry, its compressed bytes as they are, under zx's fixed header.

    zipfile has no public way to copy an entry without inflating it: the data are read
    after the entry's local header, and the new entry is registered in the target's
    central directory as zipfile's own writestr does.
    """
    assert source.fp is not None and target.fp is not None
    source.fp.seek(info.header_offset)
    header = _LOCAL_HEADER.unpack(source.fp.read(_LOCAL_HEADER.size))
    source.fp.seek(header[-2] + header[-1], io.SEEK_CUR)  # the name and the extra field
    raw = source.fp.read(info.compress_size)
    entry = _entry(info.filename)
    entry.CRC, entry.compress_size, entry.file_size = info.CRC, info.compress_size, info.file_size
    entry.header_offset = target.fp.tell()
    target.fp.write(entry.FileHeader(zip64=False))
    target.fp.write(raw)
    target.filelist.append(entry)
    target.NameToInfo[entry.filename] = entry
    target.start_dir = target.fp.tell()


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
