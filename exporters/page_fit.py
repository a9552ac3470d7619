"""Page fit of the one-page forms (附件2, 附件3, 附件6, 附件7), measured with the PDF layout.

A stamped one-page form must stay one page. ``fit_to_one_page`` shrinks what the 样表 lets shrink
(row heights, blank lines kept for the hand, the notes' size down to 六号) until the PDF layout
fits one page; the form builders return its result, so Word and PDF get the same shrunk layout.
``page_fit_findings`` turns a form that still takes more than one page into a warning at the field
that makes it long, saying by how many characters (found with the same layout, no fixed limit).
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import replace

from pydantic import BaseModel

from exporters.layout import SIZE_XIAO_WU, Cell, Document, Para, Table
from exporters.page_bound import pages_known
from forms.campaign import CampaignProfile
from forms.project import Project
from forms.rules.findings import Finding, Reporter

SIZE_LIU = 7.5          # 六号: the smallest size the notes under a form are shrunk to
ROW_FLOOR_CM = 0.7      # a shrunk label row still takes a handwritten entry
_CACHE_SIZE = 4096      # two entries per form: enough for a few hundred achievements


def _shrink_rows(doc: Document) -> Document:
    """Row heights down to what the content needs, but never below one handwritten line."""
    def rows(table: Table) -> Table:
        return replace(table, rows=[replace(r, min_height=min(r.min_height, max(ROW_FLOOR_CM, r.min_height * 0.8)))
                                    for r in table.rows])
    return replace(doc, blocks=[rows(b) if isinstance(b, Table) else b for b in doc.blocks])


def _drop_blank_lines(doc: Document) -> Document:
    """Blank lines that a cell keeps for the hand (the 简介 box is eight lines tall at least)."""
    def cell(c: Cell) -> Cell:
        kept = [p for p in c.paras if p.text.strip()]
        return replace(c, paras=kept or c.paras[:1]) if len(kept) != len(c.paras) else c

    def table(t: Table) -> Table:
        return replace(t, rows=[replace(r, cells=[cell(c) for c in r.cells]) for r in t.rows])
    return replace(doc, blocks=[table(b) if isinstance(b, Table) else b for b in doc.blocks])


def _small_notes(doc: Document) -> Document:
    """The 注 lines under the table in 六号 instead of 小五."""
    def para(p: Para) -> Para:
        if p.runs and all(r.size <= SIZE_XIAO_WU for r in p.runs):
            return replace(p, runs=[replace(r, size=SIZE_LIU) for r in p.runs], space_before=min(p.space_before, 2))
        return p
    return replace(doc, blocks=[para(b) if isinstance(b, Para) else b for b in doc.blocks])


SHRINK_STEPS: tuple[Callable[[Document], Document], ...] = (_shrink_rows, _drop_blank_lines, _small_notes)

_fitted: OrderedDict[str, tuple[Document, int]] = OrderedDict()
_returned: OrderedDict[int, tuple[Document, int]] = OrderedDict()
# While searching for the longest text that fits, fits go to a scratch cache of their own, so a
# probe's full shrinking never stands in for the export's minimal one.
_probing: ContextVar[dict[str, tuple[Document, int]] | None] = ContextVar("page_fit_probing", default=None)


def _shrunk_fully(doc: Document) -> Document:
    """Every shrink step at once."""
    for step in SHRINK_STEPS:
        doc = step(doc)
    return doc


TOO_TALL = 99      # pages of a form with a cell taller than a page (reportlab cannot set it)


def _pages_of(doc: Document, *, keep: bool = False) -> int:
    """The PDF pages of ``doc``, or 2 for "more than one" when a bound tells without laying out;
    with ``keep``, inside an export, a form laid out for real is kept for writing its PDF."""
    known = pages_known(doc)
    if known is not None:
        return known
    from reportlab.platypus.doctemplate import LayoutError

    from exporters.pdf_writer import lay_out   # reportlab loads when a form is first measured for real
    try:
        return lay_out(doc, keep=keep).pages
    except LayoutError:
        return TOO_TALL


def _fitted_by_bounds(marked: Document, probing: bool) -> Document | None:
    """What :func:`fit` returns for ``marked`` when the bounds alone show it fits one page after the
    steps it takes (None when they do not tell, or when it does not fit)."""
    current = _shrunk_fully(marked) if probing else marked
    known = pages_known(current)
    if probing or known != 2:
        return current if known == 1 else None
    for step in SHRINK_STEPS:
        current = step(current)
        known = pages_known(current)
        if known != 2:
            return current if known == 1 else None
    return None


def fit(doc: Document) -> tuple[Document, int]:
    """The document shrunk only as far as needed to fit one page (marked ``one_page``), and its
    number of PDF pages.

    Idempotent: a document this returned comes back as it is (shrinking twice would make the
    measured form differ from the exported one)."""
    known = _returned.get(id(doc))
    if known is not None and known[0] is doc:
        return known                         # just returned: the check asks again about it
    probes = _probing.get()
    cache = _fitted if probes is None else probes
    if doc.one_page:                         # returned before, or a copy: as it was then
        known = cache.get(repr(doc))
        if known is not None:
            return _remember(known)
    marked = replace(doc, one_page=True)     # measured as it is written (one_page keeps a reserve)
    fitted = _fitted_by_bounds(marked, probes is not None)
    if fitted is not None:
        # Most forms: the bounds tell, and a form that fits comes back as it is, so nothing
        # needs remembering by value.
        return _remember((fitted, 1))
    key = repr(doc)
    known = cache.get(key)    # one lookup: the window and an export thread may both measure
    if known is not None:
        return _remember(known)
    if probes is not None:
        # Searching for the longest text that fits: the steps only ever shrink, so a text fits
        # with some of them exactly when it fits with all of them, and one layout tells.
        current = _shrunk_fully(marked)
        pages = _pages_of(current)
    else:
        current, pages = marked, _pages_of(marked, keep=True)
        for step in SHRINK_STEPS:
            if pages <= 1:
                break
            current = step(current)
            pages = _pages_of(current, keep=True)
    for known_key in (key, repr(current)):
        cache[known_key] = (current, pages)
    while len(_fitted) > _CACHE_SIZE:
        _fitted.popitem(last=False)
    return _remember((current, pages))


def _remember(result: tuple[Document, int]) -> tuple[Document, int]:
    """The last few results, by identity (held, so an id is not reused while remembered)."""
    _returned[id(result[0])] = result
    while len(_returned) > 8:
        _returned.popitem(last=False)
    return result


def fit_to_one_page(doc: Document) -> Document:
    """The form as it is exported: shrunk as far as needed and marked ``one_page`` (Word then
    keeps its lines exactly as tall as the PDF's, so both break where the measure says)."""
    return fit(doc)[0]


# --- findings -------------------------------------------------------------------------------

Build = Callable[[Project], Document]


def _with_text(owner: object, path: tuple, text: str) -> object:
    """A copy of ``owner`` (a project) with the text at ``path`` replaced; only the models and
    lists on the way are copied."""
    step, rest = path[0], path[1:]
    if isinstance(owner, list):
        items = list(owner)
        items[step] = text if not rest else _with_text(items[step], rest, text)
        return items
    value = text if not rest else _with_text(getattr(owner, step), rest, text)
    return owner.model_copy(update={step: value})  # type: ignore[attr-defined]


def _pages(build: Build, project: Project) -> int:
    return fit(build(project))[1]


def _excess(build: Build, project: Project, path: tuple, text: str) -> int | None:
    """How many characters of ``text`` must go for the form to fit one page; None when even an
    empty field does not fit (the other fields are too long)."""
    token = _probing.set({})
    try:
        if _pages(build, _with_text(project, path, "")) > 1:
            return None
        low, high = 0, len(text)          # a prefix of ``low`` characters fits, of ``high`` does not
        while high - low > 1:
            middle = (low + high) // 2
            if _pages(build, _with_text(project, path, text[:middle])) <= 1:
                low = middle
            else:
                high = middle
        return len(text) - low
    finally:
        _probing.reset(token)


_warnings: OrderedDict[tuple, str | None] = OrderedDict()
NOT_ON_FORM = ("report", "attachments", "evidence")    # what the one-page forms never print


def _frozen(value: object) -> object:
    """A hashable copy of the fields a form is built from (models and lists included)."""
    if isinstance(value, BaseModel):
        return tuple((k, _frozen(getattr(value, k))) for k in type(value).model_fields if k not in NOT_ON_FORM)
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def _warning(form: str, build: Build, project: Project, path: tuple, text: str) -> str | None:
    doc, pages = fit(build(project))
    if pages <= 1:
        return None
    excess = _excess(build, project, path, text)
    shrunk = "已缩小行高与注释字号"
    if excess is None:
        return f"{form}按实际版面超出一页（{shrunk}仍放不下），其他栏目内容过长，请精简各栏，使其保持一页。"
    return (f"{form}按实际版面超出一页（{shrunk}仍放不下），此栏需删减约{excess}字才能排在一页内；"
            "详细内容请写在成果报告书中。")


def _check(r: Reporter, form: str, build: Build, project: Project, path: tuple, text: str,
           source: object) -> None:
    """The warning for one form, remembered by what the form is built from: the live check in the
    window asks again after every pause in typing, and most forms have not changed."""
    key = (form, path, _frozen(source))
    if key in _warnings:
        detail = _warnings.get(key)
    else:
        detail = _warnings[key] = _warning(form, build, project, path, text)
        while len(_warnings) > _CACHE_SIZE:
            _warnings.popitem(last=False)
    if detail:
        r.warning(path, detail)


def page_fit_findings(project: Project, profile: CampaignProfile, *, draft: bool = False) -> list[Finding]:
    """Warnings for every one-page form that the PDF layout sets on more than one page."""
    from exporters import group_form, reviewers_form, statistics_form, team_form  # they import this module

    r = Reporter(project)
    unit = (profile.year, draft, project.declarant)
    for i, a in enumerate(project.group_achievements):
        _check(r, "附件2申报表", lambda p, i=i: group_form.build(p, i, profile, draft=draft), project,
               ("group_achievements", i, "summary"), a.summary, (unit, a))
    for i, t in enumerate(project.team_achievements):
        _check(r, "附件3申报表", lambda p, i=i: team_form.build(p, i, profile, draft=draft), project,
               ("team_achievements", i, "summary"), t.summary, (unit, t))
    if project.statistics is not None:
        _check(r, "附件6统计表", lambda p: statistics_form.build(p, profile, draft=draft), project,
               ("statistics", "remarks"), project.statistics.remarks, (unit, project.statistics))
    if project.reviewers:
        longest = max(range(len(project.reviewers)), key=lambda j: len(project.reviewers[j].experience))
        _check(r, "附件7推荐表", lambda p: reviewers_form.build(p, profile, draft=draft), project,
               ("reviewers", longest, "experience"), project.reviewers[longest].experience,
               (unit, project.reviewers))
    return r.findings
