"""Pictures go into the PDF as they are: a chart's pixels and a photo's JPEG bytes arrive unchanged."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from exporters.charts import render_chart
from exporters.layout import Document, Figure
from exporters.pdf_images import placed_picture, png_rows
from exporters.pdf_writer import write_pdf
from forms.blocks import ParetoBlock

CHART = ParetoBlock(unit="次", items=[{"name": "积灰", "count": 41}, {"name": "其他", "count": 3}])


def _pixels(data: bytes) -> tuple[tuple[int, int], bytes]:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return image.size, image.tobytes()


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((300, 200)).convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def test_a_chart_and_a_photo_arrive_unchanged(tmp_path: Path) -> None:
    chart, photo = render_chart(CHART, width_cm=12.0), _photo()
    target = tmp_path / "图.pdf"
    write_pdf(Document([Figure(chart, 12.0, 7.4), Figure(photo, 6.0, 4.0)]), target)
    images = PdfReader(target).pages[0].images
    assert len(images) == 2
    by_size = {img.image.size: img for img in images}
    drawn = by_size[Image.open(io.BytesIO(chart)).size]
    assert _pixels(chart) == (drawn.image.size, drawn.image.convert("RGB").tobytes())
    assert by_size[(300, 200)].data == photo            # the JPEG itself, not decoded and encoded again
    # What a viewer shows: PDFium decodes the chart to the very pixels drawn.
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    page = pdfium.PdfDocument(target)[0]
    shown = [obj.get_bitmap(render=False).to_pil().convert("RGB")
             for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]
    assert _pixels(chart) in [(image.size, image.tobytes()) for image in shown]


def test_a_book_laid_out_twice_writes_each_picture_once(tmp_path: Path) -> None:
    """A book with a 目录 is laid out twice; the same chart twice in it is one image object."""
    from exporters.layout import Contents
    chart = render_chart(CHART, width_cm=12.0)
    target = tmp_path / "书.pdf"
    write_pdf(Document([Contents(), Figure(chart, 12.0, 7.4), Figure(chart, 6.0, 3.7)]), target)
    reader = PdfReader(target)
    names = {name for page in reader.pages for name in page.images.keys()}
    assert len(names) == 1


@pytest.mark.parametrize("mode", ["P", "RGBA", "LA", "I;16"])
def test_other_pngs_are_left_to_reportlab(mode: str) -> None:
    buffer = io.BytesIO()
    Image.new(mode, (20, 10)).save(buffer, format="PNG")
    data = buffer.getvalue()
    assert png_rows(data) is None and placed_picture(data, 100, 50) is None


def test_a_damaged_png_is_left_to_reportlab() -> None:
    chart = render_chart(CHART, width_cm=12.0)
    assert png_rows(chart) is not None
    assert png_rows(chart[: len(chart) // 2]) is None
    assert placed_picture(b"GIF89a", 100, 50) is None
