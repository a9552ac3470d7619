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


def load_picture(path: Path) -> Picture:
    """The picture at ``path``, upright and encoded for the documents."""
    try:
        with Image.open(path) as source:
            source_format = source.format
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
