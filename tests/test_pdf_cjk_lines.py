"""CJK line breaking (exporters.pdf_cjk_lines) against reportlab's own ``cjkFragSplit``.

The PDF writer breaks multi-font paragraphs with its own copy of reportlab's algorithm; the lines
(their text, fonts, widths, spacing and breaks) must be reportlab's to the last attribute, or the
PDF changes. Generated paragraphs mix Chinese, Latin words and long words, punctuation that
cannot start a line, spaces of every kind, forced breaks, underline and several fonts, at widths
from a narrow table column to a page.
"""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reportlab.platypus import paragraph as rl_paragraph

from exporters import pdf_cjk_lines, pdf_frags, pdf_writer
from exporters.layout import Para, Run

WORDS = st.one_of(
    st.text(alphabet="质量管理小组活动成果降低班组聚丙烯车间包装合格率𠀾", min_size=1, max_size=30),
    st.text(alphabet="，。；：、！？（）“”《》—…％℃☑□", min_size=1, max_size=3),
    st.text(alphabet="abcdefgXYZ0123456789.-_@/%", min_size=1, max_size=40),
    st.sampled_from(["zhang.wei.quality@example-petrochem.com.cn", "\n", " ", "\u3000", "\xa0", "\t", "&<>"]),
)
TEXT = st.lists(WORDS, max_size=25).map("".join)
RUN = st.builds(Run, TEXT, st.sampled_from(["song", "hei", "fang", "kai", "symbol"]),
                st.sampled_from([9.0, 10.5, 12.0]), st.booleans(), st.booleans())


def _plain(value: object) -> object:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dict__"):
        return {k: _plain(v) for k, v in value.__dict__.items()}
    return value


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=st.lists(RUN, min_size=1, max_size=4), widths=st.lists(st.floats(min_value=8, max_value=480),
                                                                    min_size=1, max_size=3))
@example(runs=[Run("聚丙烯车间包装班，"), Run("QC小组", font="hei"), Run("。" * 3)], widths=[36.0])
@example(runs=[Run("第一行\n第二行"), Run("underlined words here", underline=True)], widths=[50.0, 30.0])
def test_lines_are_reportlabs(runs: list[Run], widths: list[float]) -> None:
    style = pdf_writer._style(Para(runs))
    frags = pdf_frags.frags(runs, style, embolden=all(r.bold for r in runs))
    for bounds in (False, True):
        ours = pdf_cjk_lines.cjk_frag_split(frags, widths, bounds)
        theirs = pdf_cjk_lines.original_cjk_frag_split(frags, widths, bounds)
        assert _plain(ours) == _plain(theirs)


def test_the_pdf_writer_breaks_lines_with_it() -> None:
    assert rl_paragraph.cjkFragSplit is pdf_cjk_lines.cjk_frag_split
    flowable = pdf_writer._paragraph(Para([Run("质量管理小组" * 10), Run("ISO9001", font="hei")]))
    flowable.wrap(100, 1e7)
    text = ["".join(w.text for w in line.words) for line in flowable.blPara.lines]
    assert len(text) > 3 and "".join(text) == "质量管理小组" * 10 + "ISO9001"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(run=RUN, width=st.floats(min_value=8, max_value=480))
def test_one_font_paragraphs_break_as_with_reportlabs_widths(run: Run, width: float) -> None:
    from reportlab.lib import textsplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ours = pdf_writer._paragraph(Para([run]))
    ours.wrap(width, 1e7)
    original = textsplit.getCharWidths
    textsplit.getCharWidths = lambda word, name, size: [stringWidth(c, name, size) for c in word]
    try:
        theirs = pdf_writer._paragraph(Para([run]))
        theirs.wrap(width, 1e7)
    finally:
        textsplit.getCharWidths = original
    assert original is pdf_cjk_lines.char_widths
    assert _plain(ours.blPara) == _plain(theirs.blPara)
