"""The page-fit bound (exporters.page_bound) against reportlab's real layout.

Page fit skips the layout of a form whenever the bound tells its number of pages, so the bound
must never be wrong: when it says one page, the PDF has one page; when it says more, the PDF has
more. Generated paragraphs and forms (Chinese text with Latin words, e-mail addresses, numbers,
punctuation that cannot start a line, spaces of every kind, forced line breaks, narrow columns)
are laid out by reportlab and compared with the bound.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.lib import textsplit
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.doctemplate import LayoutError

from exporters import group_form, page_bound, pdf_rows, pdf_writer, reviewers_form, statistics_form, team_form
from exporters.layout import Cell, Para, Row, Run, Table, para
from exporters.page_fit import _shrunk_fully
from forms.campaign import load_campaign
from forms.project import Project

PROFILE = load_campaign(2024)

CJK = "质量管理小组活动成果提升降低班组聚丙烯车间包装合格率顾客满意度对策实施效果巩固𠀾"
PUNCT = "，。；：、！？（）“”《》—…％℃☑□"
LATIN = "abcdefgXYZ0123456789.-_@/%"
SPACES = " \u3000\u00a0\u2009\t"
TOKENS = st.one_of(
    st.text(alphabet=CJK, min_size=1, max_size=40),
    st.text(alphabet=PUNCT, min_size=1, max_size=3),
    st.text(alphabet=LATIN, min_size=1, max_size=30),
    st.sampled_from(["zhang.wei.quality@example-petrochem.com.cn", "QC", "2023年", "99.96%", "5S",
                     "ISO9001", "\n", "\n\n", "  ", "PDCA循环", "http://www.example.com/a/b/c/d"]),
    st.text(alphabet=SPACES, min_size=1, max_size=2),
)
TEXT = st.lists(TOKENS, max_size=40).map("".join)


def test_constants_agree_with_the_pdf_writer_and_reportlab() -> None:
    assert page_bound.PADDING == pdf_writer._PADDING
    assert page_bound.LINE_FACTOR == pdf_writer.LINE_FACTOR
    assert page_bound.ONE_PAGE_RESERVE == pdf_writer.ONE_PAGE_RESERVE
    assert page_bound.CUT_ABOVE == pdf_rows.CUT_ABOVE
    assert page_bound.FUZZ == rl_config._FUZZ
    assert page_bound.CM == cm and page_bound.A4 == A4
    # pdf_writer is imported: the Chinese marks are added to both of reportlab's lists.
    assert page_bound.CANNOT_START == rl_paragraph.ALL_CANNOT_START == textsplit.ALL_CANNOT_START
    assert page_bound._SPACES == {chr(c) for c in range(0x3000) if unicodedata.category(chr(c)) == "Zs"}


def _real_height(spec: Para, width: float) -> float:
    return pdf_writer._paragraph(spec).wrap(width, 1e7)[1]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=st.lists(st.tuples(TEXT, st.sampled_from(["song", "hei", "fang", "kai", "symbol"]), st.booleans()),
                     min_size=1, max_size=3),
       size=st.sampled_from([7.5, 9.0, 10.5, 12.0, 18.0]), indent=st.sampled_from([0.0, 2.0]),
       width=st.floats(min_value=20, max_value=480))
@example(runs=[("聚丙烯车间包装班现有员工12人，负责聚丙烯成品的计量、包装、码垛和入库。" * 6, "song", False)],
         size=10.5, indent=2.0, width=466.0)
@example(runs=[("zhang.wei.quality@example-petrochem.com.cn", "song", False)], size=10.5, indent=0.0, width=74.0)
def test_a_paragraph_is_never_taller_or_shorter_than_its_bounds(runs: list, size: float, indent: float,
                                                                 width: float) -> None:
    spec = Para([Run(text, font, size, bold) for text, font, bold in runs], first_line_indent=indent)
    try:
        most, least, _, _ = page_bound._para_height(spec, width)
    except page_bound.Unknown:
        return
    real = _real_height(spec, width)
    assert least - 1e-6 <= real <= most + 1e-6, (real, least, most)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paras=st.lists(st.tuples(TEXT, st.integers(1, 30), st.sampled_from([0.0, 2.0]), st.sampled_from([0.0, 4.0])),
                      min_size=1, max_size=4),
       label=TEXT, width=st.sampled_from([[17.0], [3.9, 13.1], [8.4, 8.6], [1.0, 7.9, 8.1]]),
       minimum=st.sampled_from([0.0, 3.0]))
@example(paras=[("聚丙烯车间包装班现有员工12人，负责聚丙烯成品的计量、包装、码垛和入库；2023年合格率99.96%。", 20, 2.0, 0.0)],
         label="", width=[17.0], minimum=0.0)
@example(paras=[("丙丙丙0000000@", 18, 2.0, 0.0), ("丙丙丙丙丙丙丙丙——", 28, 0.0, 4.0)],   # cut for its last space after
         label="", width=[3.9, 13.1], minimum=0.0)
def test_a_tall_row_is_as_tall_as_reportlab_sets_it_cut_into_pieces(paras: list, label: str, width: list,
                                                                     minimum: float) -> None:
    """Rows over pdf_rows.CUT_ABOVE are cut into pieces, and reportlab's split of a paragraph of
    several fonts adds spaces: the bound follows both."""
    cells = [Cell([para(label, size=10.5)])] * (len(width) - 1)
    body = [Para([Run(text * repeat, "song", 10.5)], first_line_indent=indent, space_after=after, align="justify")
            for text, repeat, indent, after in paras]
    spec = Table(width, [Row([*cells, Cell(body, valign="top")], min_height=minimum)])
    try:
        most, least = page_bound._table_height(spec)
    except page_bound.Unknown:
        return
    table = pdf_writer._table(spec)
    table.wrap(sum(width) * cm, 1e7)
    real = sum(table._rowHeights)
    assert least - 1e-6 <= real <= most + 1e-6, (real, least, most)


def _check_form(doc) -> None:
    for variant in (replace(doc, one_page=True), _shrunk_fully(replace(doc, one_page=True))):
        known = page_bound.pages_known(variant)
        if known is None:
            continue
        try:
            pages = pdf_writer.lay_out(variant).pages
        except LayoutError:
            pages = 99
        assert (pages == 1) == (known == 1), (known, pages)


FORM_SETTINGS = settings(max_examples=40, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FORM_SETTINGS
@given(summary=TEXT, repeat=st.integers(1, 12), title=TEXT, enterprise=TEXT, names=st.lists(TEXT, max_size=12))
def test_group_and_team_forms(sample: Project, summary: str, repeat: int, title: str, enterprise: str,
                              names: list[str]) -> None:
    a = sample.group_achievements[0].model_copy(update={
        "summary": summary * repeat, "title": title, "enterprise": enterprise, "main_contributors": names})
    t = sample.team_achievements[0].model_copy(update={"summary": summary * repeat, "title": title})
    project = sample.model_copy(update={"group_achievements": [a], "team_achievements": [t]})
    _check_form(group_form.build(project, 0, PROFILE))
    _check_form(team_form.build(project, 0, PROFILE))


@FORM_SETTINGS
@given(remarks=TEXT, repeat=st.integers(1, 10), experience=TEXT, email=TEXT, address=TEXT)
@example(remarks="", repeat=1, experience="", email="\n丙",   # a tab typed into the address
         address="\t丙" + "zhang.wei.quality@example-petrochem.com.cn丙" * 2 + "丙" * 21
         + "zhang.wei.quality@example-petrochem.com.cn丙丙zhang.wei.quality@example-petrochem.com.cn")
def test_statistics_and_reviewers_forms(sample: Project, remarks: str, repeat: int, experience: str, email: str,
                                        address: str) -> None:
    stats = sample.statistics.model_copy(update={"remarks": remarks * repeat})
    declarant = sample.declarant.model_copy(update={"address": address, "email": email})
    reviewers = [r.model_copy(update={"experience": experience * repeat, "email": email, "address": address})
                 for r in sample.reviewers]
    project = sample.model_copy(update={"statistics": stats, "declarant": declarant, "reviewers": reviewers})
    _check_form(statistics_form.build(project, PROFILE))
    _check_form(reviewers_form.build(project, PROFILE))


@pytest.mark.parametrize("length", [100, 400, 600, 650, 700, 750, 800, 1000, 1200, 2000])
def test_the_sample_forms_around_the_limit(sample: Project, length: int) -> None:
    text = ("聚丙烯车间包装班现有员工12人，负责聚丙烯成品的计量、包装、码垛和入库；2023年合格率99.96%。" * 40)[:length]
    a = sample.group_achievements[0].model_copy(update={"summary": text})
    t = sample.team_achievements[0].model_copy(update={"summary": text})
    project = sample.model_copy(update={"group_achievements": [a], "team_achievements": [t]})
    for doc in (group_form.build(project, 0, PROFILE), team_form.build(project, 0, PROFILE)):
        _check_form(doc)
        assert page_bound.pages_known(doc) is not None     # the bound decides these without a layout


UNITS = ["聚丙烯车间包装班现有员工12人，", "负责成品的计量、包装、码垛和入库；", "2023年合格率99.96%。", "QC小组 活动记录 与成果，",
         "采用PDCA循环，", "zhang.wei@example.com ", "温度168℃☑□，", "\n", "（一）现状调查：", "“零缺陷”"]


@pytest.mark.parametrize("seed", [1, 3])
def test_page_fit_says_what_the_layout_alone_says(sample: Project, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The warnings (and the characters to cut) with the bounds are those of laying every form out."""
    import random

    from exporters import page_fit

    rng = random.Random(seed)

    def text(n: int) -> str:
        return "".join(rng.choice(UNITS) for _ in range(n))

    project = sample.model_copy(update={
        "group_achievements": [a.model_copy(update={"summary": text(rng.choice([20, 45, 90]))})
                               for a in sample.group_achievements],
        "team_achievements": [a.model_copy(update={"summary": text(rng.choice([20, 45, 90]))})
                              for a in sample.team_achievements],
        "statistics": sample.statistics.model_copy(update={"remarks": text(rng.choice([60, 150]))}),
        "reviewers": [r.model_copy(update={"experience": text(rng.choice([30, 60]))}) for r in sample.reviewers],
    })

    def messages() -> list[str]:
        page_fit._warnings.clear()
        page_fit._fitted.clear()
        page_fit._returned.clear()
        return [f.message for f in page_fit.page_fit_findings(project, PROFILE)]

    with_bounds = messages()
    monkeypatch.setattr(page_fit, "pages_known", lambda doc: None)
    assert with_bounds == messages()
    assert with_bounds      # the texts are long enough for some warnings


def test_fit_returns_a_fitted_form_as_it_is(sample: Project) -> None:
    from copy import deepcopy

    from exporters import page_fit

    long = sample.reviewers[0].model_copy(update={"experience": "相关经历 描述，" * 300})
    project = sample.model_copy(update={"reviewers": [long, *sample.reviewers[1:]]})
    doc = reviewers_form.build(project, PROFILE)          # does not fit even shrunk
    again, pages = page_fit.fit(doc)
    assert again is doc and pages > 1
    assert page_fit.fit(deepcopy(doc)) == (doc, pages)    # a copy: as remembered, not shrunk again
