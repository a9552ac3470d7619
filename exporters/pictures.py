"""Photographs and scanned charts of image blocks, made ready for Word and PDF with Pillow.

The picture is turned upright by its EXIF orientation (phones store photos sideways with a flag),
reduced when far larger than print needs, and handed on as JPEG (photographs) or PNG (anything
with transparency or few colours). Both python-docx and reportlab read either.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

log = logging.getLogger(__name__)

MAX_PIXELS = 2400          # 16 cm at about 380 dpi: sharper than any printer needs
Image.MAX_IMAGE_PIXELS = 120_000_000   # a scan of that size is plausible; larger is refused


@dataclass(frozen=True)
class Picture:
    data: bytes
    width_px: int
    height_px: int

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height_px / self.width_px if self.width_px else 1.0


class PictureError(Exception):
    """The file is missing or not a picture Pillow can read; ``str()`` is a Chinese reason."""


# JPEG segments kept when a photo goes in as it is: JFIF (APP0), Adobe's colour transform (APP14)
# and everything that makes the image; camera data (EXIF with its place and time, XMP, IPTC),
# colour profiles and comments go, as when the photo is encoded again.
_KEPT_APP = {0xE0, 0xEE}


def _jpeg_as_is(path: Path, source: Image.Image) -> bytes | None:
    """The photo's own JPEG data without its metadata, when it needs no turning, shrinking or
    converting: decoding and encoding it again costs tens of milliseconds a photo, and quality."""
    if (source.format != "JPEG" or source.mode not in ("RGB", "L") or max(source.size) > MAX_PIXELS
            or source.getexif().get(0x0112, 1) != 1):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _without_metadata(data)


def _without_metadata(data: bytes) -> bytes | None:
    """``data`` (a JPEG) without its APPn segments other than APP0/APP14 and without comments;
    None when its structure is not the usual one (then it is encoded again)."""
    if not data.startswith(b"\xff\xd8"):
        return None
    kept = [data[:2]]
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:            # fill byte
            pos += 1
            continue
        if marker == 0xDA:            # start of scan: the image data follows to the end
            if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
                return None           # cut short: decoding tells (a damaged file)
            kept.append(data[pos:])
            return b"".join(kept)
        if marker in (0xD8, 0xD9) or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            return None               # no segment header where one belongs
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return None
        if not ((0xE0 <= marker <= 0xEF and marker not in _KEPT_APP) or marker == 0xFE):
            kept.append(data[pos:end])
        pos = end
    return None


def load_picture(path: Path) -> Picture:
    """The picture at ``path``, upright and encoded for the documents."""
    try:
        with Image.open(path) as source:
            source_format = source.format
            as_is = _jpeg_as_is(path, source)
            if as_is is not None:
                return Picture(as_is, *source.size)
            image = ImageOps.exif_transpose(source)
            image.load()
    except FileNotFoundError:
        raise PictureError("找不到该文件") from None
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise PictureError("不是可识别的图片格式（支持 JPG、PNG、BMP、GIF、TIFF 等）") from None
    except (OSError, ValueError, SyntaxError) as exc:   # truncated or damaged data, unreadable file
        log.warning("picture %s unreadable: %s", path, exc)
        raise PictureError("文件已损坏或无法读取") from None
    if max(image.size) > MAX_PIXELS:
        image.thumbnail((MAX_PIXELS, MAX_PIXELS), Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    buffer = io.BytesIO()
    if source_format == "JPEG" or (not has_alpha and image.mode in ("RGB", "CMYK", "L", "I;16", "I", "F")
                                   and source_format not in ("PNG", "GIF", "BMP")):
        image.convert("RGB" if image.mode != "L" else "L").save(buffer, format="JPEG", quality=90)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA" if has_alpha else "RGB")
        if has_alpha:   # documents print on white; transparent parts would show black in some viewers
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        image.save(buffer, format="PNG", compress_level=3)
    return Picture(buffer.getvalue(), image.width, image.height)
