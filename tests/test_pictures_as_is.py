"""A photo that needs no turning or shrinking goes into the documents as it is, without its camera data."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from exporters.pictures import MAX_PIXELS, PictureError, load_picture


def _photo(path: Path, *, size: tuple[int, int] = (640, 480), mode: str = "RGB", **save: object) -> bytes:
    image = Image.new(mode, size, "white" if mode != "CMYK" else (0, 0, 0, 0))
    image.paste((30, 90, 160) if mode == "RGB" else 90 if mode == "L" else (200, 0, 0, 0), (40, 40, 400, 300))
    image.save(path, format="JPEG", quality=85, **save)
    return path.read_bytes()


def _pixels(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_a_plain_photo_goes_in_as_it_is(tmp_path: Path) -> None:
    for mode, options in (("RGB", {}), ("L", {}), ("RGB", {"progressive": True})):
        original = _photo(tmp_path / "p.jpg", mode=mode, **options)
        picture = load_picture(tmp_path / "p.jpg")
        assert picture.data == original
        assert (picture.width_px, picture.height_px) == (640, 480)


def test_camera_data_is_left_out_and_the_pixels_kept(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 1                 # upright
    exif[0x010F] = "PhoneMaker"      # the camera's maker
    original = _photo(tmp_path / "p.jpg", exif=exif, comment=b"taken at home")
    picture = load_picture(tmp_path / "p.jpg")
    assert b"PhoneMaker" in original and b"PhoneMaker" not in picture.data
    assert b"taken at home" not in picture.data
    assert len(picture.data) < len(original)
    assert not ImageChops.difference(_pixels(picture.data), _pixels(original)).getbbox()
    assert not Image.open(io.BytesIO(picture.data)).getexif()


def test_photos_to_turn_shrink_or_convert_are_encoded_again(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    turned = _photo(tmp_path / "turned.jpg", exif=exif)
    big = _photo(tmp_path / "big.jpg", size=(MAX_PIXELS + 100, 300))
    cmyk = _photo(tmp_path / "cmyk.jpg", mode="CMYK")
    for name, original in (("turned.jpg", turned), ("big.jpg", big), ("cmyk.jpg", cmyk)):
        picture = load_picture(tmp_path / name)
        assert picture.data != original and picture.data.startswith(b"\xff\xd8")
    assert Image.open(io.BytesIO(load_picture(tmp_path / "cmyk.jpg").data)).mode == "RGB"
    assert load_picture(tmp_path / "turned.jpg").width_px == 480


def test_a_photo_cut_short_is_refused_as_before(tmp_path: Path) -> None:
    original = _photo(tmp_path / "p.jpg")
    for cut in (300, len(original) * 2 // 3):
        (tmp_path / "cut.jpg").write_bytes(original[:cut])
        with pytest.raises(PictureError, match="损坏"):
            load_picture(tmp_path / "cut.jpg")
