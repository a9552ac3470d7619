"""Paragraph fragments built from runs (exporters.pdf_frags) against reportlab's markup parser.

The PDF writer no longer writes markup for reportlab to parse: what it hands reportlab must be
what the parser made of the markup, attribute for attribute, or the PDF would change. Generated
runs mix Chinese, Latin, markup characters (< > &), entities typed as text, spaces of every kind
(the no-break space changes how reportlab collapses white space), line breaks, tabs, bold,
underline, symbols and characters only a fallback font draws; the PDFs of such paragraphs are
compared with those written through the parser.
"""
from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from exporters import pdf_frags, pdf_writer
from exporters.layout import Cell, Document, Para, Row, Run, Table

ALPHABET = "质量小组活动，。（）“”《》abcXYZ019.@&<>;#/ \u3000\u00a0\u2009\t\n\r☑□℃𠀾"
TEXT = st.text(alphabet=ALPHABET, max_size=30) | st.sampled_from(
    ["", " ", "&amp;", "&lt;b&gt;", "<b>粗</b>", "a &nbsp; b", "\n", "  \n  ", "Ａ＆Ｂ", "&#20013;"])
RUN = st.builds(Run, TEXT, st.sampled_from(["song", "hei", "fang", "kai", "symbol"]),
                st.sampled_from([9.0, 10.5, 12.0]), st.booleans(), st.booleans())


def _dicts(frags: list) -> list[list[tuple]]:
    return [list(f.__dict__.items()) for f in frags]


def _style(runs: list[Run]):
    return pdf_writer._style(Para(runs))


def _same_as_parser(runs: list[Run]) -> None:
    style = _style(runs)
    embolden = bool(runs) and all(r.bold for r in runs)
    built = pdf_frags.frags(runs, style, embolden=embolden)
    parsed = pdf_frags.parsed_frags(runs, style, embolden=embolden)
    assert _dicts(built) == _dicts(parsed)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=st.lists(RUN, max_size=4))
@example(runs=[])
@example(runs=[Run(""), Run("", underline=True), Run("下划线", underline=True)])
@example(runs=[Run("a < b & c > d")])
@example(runs=[Run("甲\xa0乙   丙\u3000\u3000丁"), Run("x  y")])
@example(runs=[Run("姓名：", bold=True), Run("张三", underline=True), Run("\t日期：", font="hei")])
def test_fragments_are_those_reportlab_parses_from_the_markup(runs: list[Run]) -> None:
    _same_as_parser(runs)


def _pdf(paras: list[Para], parsed: bool, monkeypatch: pytest.MonkeyPatch) -> bytes:
    if parsed:
        monkeypatch.setattr(pdf_writer, "frags", pdf_frags.parsed_frags)
    else:
        monkeypatch.setattr(pdf_writer, "frags", pdf_frags.frags)
    doc = Document(blocks=[*paras, Table([4.0, 12.0], [Row([Cell([p]), Cell(paras[-2:])]) for p in paras[:3]])])
    buffer = io.BytesIO()
    pdf_writer.write_pdf(doc, buffer)
    return buffer.getvalue()


EDGE_PARAS = [
    Para([Run("甲方 <乙方> & 丙方 &amp; &lt;tag&gt; 'quote' \"dq\"")]),
    Para([Run("合同编号："), Run("QC-2024-001", underline=True), Run(" 签字："), Run("        ", underline=True)]),
    Para([Run("加粗标题", bold=True)]),
    Para([Run("普通"), Run("加粗", bold=True), Run("Latin", font="hei"), Run("楷体", font="kai"), Run("☑ 是 □ 否", font="symbol")]),
    Para([Run("第一栏\t第二栏\t第三栏")], tabs=(4.0, 9.0)),
    Para([]),
    Para([Run("")]),
    Para([Run("Pneumonoultramicroscopicsilicovolcanoconiosis" * 4 + "质量" * 30 + "a" * 120)]),
    Para([Run("第一行\n第二行\n\n  第四行  "), Run("\xa0前后\xa0 空格  ")], first_line_indent=2, align="justify"),
    Para([Run("生僻字𠀾与℃，“引号”（括号）《书名》", font="fang", size=10.5)], align="center"),
]


def test_pdfs_of_edge_texts_are_the_bytes_the_parser_gave(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from exporters import stamp
    with stamp.stamped(dt.datetime(2024, 5, 1, 8, 30)):
        built = _pdf(EDGE_PARAS, False, monkeypatch)
        parsed = _pdf(EDGE_PARAS, True, monkeypatch)
    assert built == parsed
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(built)).pages)
    for shown in ("<乙方>", "&amp;", "&lt;tag&gt;", "QC-2024-001", "加粗标题", "第三栏", "第四行"):
        assert shown in text
