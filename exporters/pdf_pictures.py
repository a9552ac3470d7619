"""Pictures in PDFs without decoding them: JPEG and plain PNG data go into the file as they are.

reportlab's ``drawImage`` decodes every picture to raw pixels, hashes those pixels to name it and
compresses them again with zlib: for a report with eight charts and a few photographs that is most
of the PDF's time. A JPEG is a PDF image as it stands (DCTDecode); the compressed data of an
8-bit, non-interlaced RGB or grey PNG without transparency is one too (FlateDecode with the PNG
predictors). Both show the same pixels as the decoded way. Any other picture (transparency,
palettes, 16 bits) takes reportlab's way.
"""
from __future__ import annotations

import hashlib
import io
import struct
import zlib
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFImageXObject, PDFName, PDFStream
from reportlab.pdfbase.pdfutils import readJPEGInfo
from reportlab.platypus import Flowable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_COLOURS = {0: (1, "DeviceGray"), 2: (3, "DeviceRGB")}   # colour type: components, colour space


class _PngImage(PDFImageXObject):
    """The zlib data of a PNG as a PDF image, decoded with its own predictors."""

    def __init__(self, name: str, width: int, height: int, colours: int, colour_space: str,
                 data: bytes) -> None:
        self.name = name
        self.width, self.height = width, height
        self.bitsPerComponent = 8
        self.colorSpace = colour_space
        self.colours = colours
        self.streamContent = data
        self.mask = None

    def format(self, document: Any) -> bytes:
        stream = PDFStream(content=self.streamContent)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["BitsPerComponent"] = self.bitsPerComponent
        d["ColorSpace"] = PDFName(self.colorSpace)
        d["Filter"] = PDFArray([PDFName("FlateDecode")])
        # One entry per filter: with an array of filters, readers ignore parameters not in an array.
        d["DecodeParms"] = PDFArray([PDFDictionary({"Predictor": 15, "Colors": self.colours,
                                                    "BitsPerComponent": 8, "Columns": self.width})])
        d["Length"] = len(self.streamContent)
        return stream.format(document)


def _png_image(name: str, data: bytes) -> PDFImageXObject | None:
    """The PNG's own compressed data as an image, or None when it is not a plain 8-bit picture."""
    if not data.startswith(PNG_SIGNATURE):
        return None
    pos, idat, header = 8, [], None
    try:
        while pos + 8 <= len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if len(body) != length:
                return None
            if kind == b"IHDR":
                header = struct.unpack(">IIBBBBB", body)
            elif kind == b"IDAT":
                idat.append(body)
            elif kind in (b"tRNS", b"PLTE"):
                return None       # transparency or a palette: reportlab's way
            elif kind == b"IEND":
                break
            pos += 12 + length
    except struct.error:
        return None
    if header is None or not idat:
        return None
    width, height, depth, colour_type, _method, _filter, interlace = header
    if depth != 8 or interlace or colour_type not in _PNG_COLOURS:
        return None
    stream = b"".join(idat)
    try:
        zlib.decompressobj().decompress(stream[:64])   # a damaged stream: reportlab's way
    except zlib.error:
        return None
    colours, space = _PNG_COLOURS[colour_type]
    return _PngImage(name, width, height, colours, space, stream)


def _jpeg_image(name: str, data: bytes) -> PDFImageXObject | None:
    """The JPEG as it is (DCTDecode), as reportlab's ``loadImageFromJPEG`` has it, never ASCII85."""
    if not data.startswith(b"\xff\xd8"):
        return None
    try:
        width, height, components = readJPEGInfo(io.BytesIO(data))[:3]
    except Exception:     # reportlab raises its own errors for data it cannot read: its way then
        return None
    image = PDFImageXObject(name)
    image.width, image.height = width, height
    image.bitsPerComponent = 8
    image.colorSpace = {1: "DeviceGray", 3: "DeviceRGB"}.get(components, "DeviceCMYK")
    if image.colorSpace == "DeviceCMYK":
        image._dotrans = 1      # Adobe's inverted CMYK, as reportlab reads it
    image.streamContent = data
    image._filters = ("DCTDecode",)
    image.mask = None
    return image


def draw_picture(canvas: Any, data: bytes, x: float, y: float, width: float, height: float) -> None:
    """Draw the picture ``data`` (JPEG or PNG bytes) into the box, as ``canvas.drawImage`` does.

    Drawn twice, a picture is stored once (named by a hash of its bytes)."""
    name = "qcd" + hashlib.md5(data, usedforsecurity=False).hexdigest()
    doc = canvas._doc
    reg_name = doc.getXObjectName(name)
    if doc.idToObject.get(reg_name) is None:
        image = _jpeg_image(name, data) or _png_image(name, data)
        if image is None:
            canvas.drawImage(ImageReader(io.BytesIO(data)), x, y, width, height, mask="auto")
            return
        image.name = name
        canvas._setXObjects(image)
        doc.Reference(image, reg_name)
        doc.addForm(name, image)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)


class Picture(Flowable):
    """A picture at a fixed size, centred, drawn with :func:`draw_picture`."""

    _fixedWidth = _fixedHeight = 1

    def __init__(self, data: bytes, width: float, height: float, *, h_align: str = "CENTER") -> None:
        super().__init__()
        self.data = data
        self.drawWidth, self.drawHeight = width, height
        self.hAlign = h_align

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        # A canvas that only lays pages out (the first pass of a book with a 目录) draws none.
        if getattr(self.canv, "draws_pictures", True):
            draw_picture(self.canv, self.data, 0, 0, self.drawWidth, self.drawHeight)
