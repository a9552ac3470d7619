"""Pictures go into PDFs as they are (JPEG, plain PNG) and show the same pixels; others as before."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from exporters.pdf_pictures import draw_picture


def _chart_like(mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, (120, 80), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 60, 70), fill=(40, 90, 160) if mode != "L" else 90)
    draw.line((0, 79, 119, 0), fill=(200, 30, 30) if mode != "L" else 30, width=3)
    return image


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _pdf_with(data: bytes, times: int = 1) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(120, 80 * times), invariant=1)
    for n in range(times):
        draw_picture(canvas, data, 0, 80 * n, 120, 80)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _rendered(pdf: bytes) -> Image.Image:
    page = pdfium.PdfDocument(pdf)[0]
    return page.render(scale=1).to_pil().convert("RGB")


def _image_objects(pdf: bytes) -> list[dict]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xobjects = page["/Resources"]["/XObject"]
    return [xobjects[name].get_object() for name in xobjects]


def test_png_goes_in_with_its_predictors_and_shows_the_same_pixels() -> None:
    for mode in ("RGB", "L"):
        image = _chart_like(mode)
        for level in (1, 9):
            pdf = _pdf_with(_encoded(image, "PNG", compress_level=level))
            (stream,) = _image_objects(pdf)
            assert stream["/Filter"] == ["/FlateDecode"]
            assert stream["/DecodeParms"][0]["/Predictor"] == 15
            assert stream["/Width"] == 120 and stream["/Height"] == 80
            shown = _rendered(pdf)
            assert not ImageChops.difference(shown, image.convert("RGB")).getbbox()


def test_jpeg_goes_in_byte_for_byte() -> None:
    data = _encoded(_chart_like(), "JPEG", quality=90)
    (stream,) = _image_objects(_pdf_with(data))
    assert stream["/Filter"] == ["/DCTDecode"]
    assert stream._data == data


def test_a_picture_drawn_twice_is_stored_once() -> None:
    data = _encoded(_chart_like(), "PNG")
    assert len(_image_objects(_pdf_with(data, times=2))) == 1


def test_transparent_and_palette_pngs_take_reportlabs_way() -> None:
    rgba = _chart_like().convert("RGBA")
    rgba.putalpha(Image.new("L", rgba.size, 128))
    palette = _chart_like().convert("P")
    for image in (rgba, palette):
        pdf = _pdf_with(_encoded(image, "PNG"))
        streams = _image_objects(pdf)
        assert all("/DecodeParms" not in s for s in streams)
        assert _rendered(pdf).size == (120, 80)
    shown = _rendered(_pdf_with(_encoded(palette, "PNG")))
    assert not ImageChops.difference(shown, palette.convert("RGB")).getbbox()
