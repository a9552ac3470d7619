"""Font subsets kept between PDFs (exporters.pdf_font_subsets): a PDF written with a subset made
for an earlier PDF is the PDF reportlab writes on its own, and shows its text."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfdoc, ttfonts

from exporters import pdf_font_subsets, pdf_writer
from exporters.layout import Document, para
from exporters.stamp import stamped

TEXTS = ["质量管理小组活动成果 ☑ QC 2024", "质量管理小组活动成果 ☑ QC 2024", "降低排烟温度 □ 对策实施 5S",
         "质量管理小组活动成果 ☑ QC 2024"]


def _pdfs() -> list[bytes]:
    out = []
    with stamped(dt.datetime(2024, 5, 1, 8, 0)):
        for text in TEXTS:
            buffer = io.BytesIO()
            pdf_writer.write_pdf(Document([para(text), para(text, font="hei", bold=True)]), buffer)
            out.append(buffer.getvalue())
    return out


@pytest.mark.parametrize("kept", [pdf_font_subsets.MAX_SUBSETS, 1])
def test_pdfs_are_reportlabs_own_bytes(kept: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_font_subsets, "MAX_SUBSETS", kept)    # 1: subsets dropped as others come
    made: list[int] = []
    original = pdf_font_subsets._original_make_subset
    monkeypatch.setattr(pdf_font_subsets, "_original_make_subset",
                        lambda font, subset: made.append(1) or original(font, subset))
    monkeypatch.setattr(pdf_font_subsets, "_subsets", type(pdf_font_subsets._subsets)())
    monkeypatch.setattr(pdf_font_subsets, "_compressed", {})
    ours = _pdfs()
    monkeypatch.setattr(ttfonts.TTFontFile, "makeSubset", original)
    monkeypatch.setattr(pdfdoc, "PDFZCompress", pdfdoc.PDFStreamFilterZCompress())
    assert ours == _pdfs()
    if kept > 1:
        assert len(made) < 2 * len(TEXTS)        # the repeated forms used the kept subsets
    for data, text in zip(ours, TEXTS):
        shown = PdfReader(io.BytesIO(data)).pages[0].extract_text()
        assert shown.count(text) == 2
