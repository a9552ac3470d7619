"""Pictures placed in a PDF as they are: no decoding, no compressing again.

reportlab's own image flowable decodes every picture to raw pixels (to name it by a digest of
them) and, for a PNG, deflates those pixels again at zlib's default level: about 12 ms for each
chart, a third of what drawing it costs. A PDF image can take a PNG's deflated rows directly
(``/FlateDecode`` with the PNG predictors) and a JPEG's bytes directly (``/DCTDecode``), so
:class:`PlacedPicture` writes the image object from the bytes the layout holds. A PNG that is not
8-bit RGB or grey without interlace and transparency (which the charts never are) is left to
reportlab, by :func:`placed_picture` answering None.
"""
from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFImageXObject, PDFName, PDFObject, PDFStream
from reportlab.platypus import Flowable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8"


@dataclass(frozen=True)
class PngRows:
    """The deflated pixel rows of a PNG (its IDAT chunks joined) and what a PDF needs to read them."""

    width: int
    height: int
    colours: int          # 3: RGB, 1: grey
    data: bytes


def png_rows(data: bytes) -> PngRows | None:
    """The rows of an 8-bit RGB or grey PNG without interlace and transparency; None otherwise
    (other PNGs, damaged ones, anything else)."""
    if not data.startswith(PNG_SIGNATURE):
        return None
    at, header, idat = len(PNG_SIGNATURE), None, []
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if len(body) != length:
            return None
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body) if length == 13 else None
        elif kind == b"IDAT":
            idat.append(body)
        elif kind in (b"tRNS", b"PLTE"):
            return None
        elif kind == b"IEND":
            break
        at += 12 + length
    else:
        return None   # no IEND: cut short
    if header is None or not idat:
        return None
    width, height, depth, colour_type, compression, filtering, interlace = header
    if depth != 8 or colour_type not in (0, 2) or (compression, filtering, interlace) != (0, 0, 0):
        return None
    return PngRows(width, height, 3 if colour_type == 2 else 1, b"".join(idat))


class _PngImage(PDFObject):
    """An image XObject whose stream is a PNG's deflated rows, read with the PNG predictors."""

    def __init__(self, rows: PngRows) -> None:
        self.rows = rows
        self.width, self.height = rows.width, rows.height

    def format(self, document: Any) -> bytes:
        rows = self.rows
        stream = PDFStream(content=rows.data)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = rows.width
        d["Height"] = rows.height
        d["BitsPerComponent"] = 8
        d["ColorSpace"] = PDFName("DeviceRGB" if rows.colours == 3 else "DeviceGray")
        d["Filter"] = PDFName("FlateDecode")   # a name, not an array: readers then take DecodeParms
        d["DecodeParms"] = PDFDictionary({"Predictor": 15, "Colors": rows.colours, "BitsPerComponent": 8,
                                          "Columns": rows.width})
        return stream.format(document)


def _jpeg_image(data: bytes, name: str) -> PDFImageXObject | None:
    image = PDFImageXObject(name)
    return image if image.loadImageFromJPEG(io.BytesIO(data)) else None


class PlacedPicture(Flowable):
    """A picture ``width`` × ``height`` points, its image object written once per document."""

    def __init__(self, make_image: Callable[[], PDFObject], name: str, width: float, height: float) -> None:
        super().__init__()
        self.make_image, self.name = make_image, name
        self.drawWidth, self.drawHeight = width, height
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        # What reportlab's Canvas.drawImage does once it has its image object. A new object for
        # each document: a book with a 目录 is laid out twice, and an object belongs to one file.
        canvas = self.canv
        doc = canvas._doc
        canvas._currentPageHasImages = 1
        registered = doc.getXObjectName(self.name)
        if doc.idToObject.get(registered) is None:
            image = self.make_image()
            image.name = self.name
            canvas._setXObjects(image)
            doc.Reference(image, registered)
            doc.addForm(self.name, image)
        canvas.saveState()
        canvas.translate(getattr(self, "_offs_x", 0), getattr(self, "_offs_y", 0))
        canvas.scale(self.drawWidth, self.drawHeight)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.name)


def placed_picture(data: bytes, width: float, height: float) -> PlacedPicture | None:
    """The PNG or JPEG ``data`` as a flowable ``width`` × ``height`` points; None when only
    reportlab's own image flowable can place it."""
    name = "P" + hashlib.sha1(data).hexdigest()
    rows = png_rows(data)
    if rows is not None:
        return PlacedPicture(lambda: _PngImage(rows), name, width, height)
    if data.startswith(JPEG_SIGNATURE) and _jpeg_image(data, name) is not None:
        return PlacedPicture(lambda: _jpeg_image(data, name), name, width, height)
    return None
