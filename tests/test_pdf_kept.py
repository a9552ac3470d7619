"""Inside an export, a one-page form measured for page fit is written from that one layout."""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from pathlib import Path

import pytest

from exporters import group_form, page_fit, pdf_writer
from exporters.pdf_writer import keeping_pdfs, lay_out, write_pdf
from exporters.stamp import stamped
from forms.campaign import load_campaign
from forms.project import Project

WHEN = dt.datetime(2026, 3, 1, 9, 30, 0)


@pytest.fixture(autouse=True)
def _nothing_measured_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_fit, "_fitted", OrderedDict())
    monkeypatch.setattr(pdf_writer, "_laid_out", OrderedDict())
    monkeypatch.setattr(pdf_writer, "_kept", OrderedDict())


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = pdf_writer._ContentsDocTemplate.build

    def counting(self: object, *args: object, **kwargs: object) -> None:
        calls.append(1)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_writer._ContentsDocTemplate, "build", counting)
    return calls


def test_a_measured_form_is_written_without_a_second_layout(sample: Project, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    builds = _builds(monkeypatch)
    # a form the page bound cannot settle is laid out by reportlab to measure it
    monkeypatch.setattr(page_fit, "pages_known", lambda doc: None)
    with stamped(WHEN), keeping_pdfs():
        layout = group_form.build(sample, 0, load_campaign(sample.campaign))   # measures it (page fit)
        measured = len(builds)
        assert measured >= 1
        write_pdf(layout, tmp_path / "kept.pdf")
        assert len(builds) == measured
        write_pdf(layout, tmp_path / "again.pdf")      # the kept bytes serve once
    assert len(builds) == measured + 1
    kept = (tmp_path / "kept.pdf").read_bytes()
    assert kept == (tmp_path / "again.pdf").read_bytes()
    assert b"D:20260301093000" in kept


def test_outside_an_export_or_at_another_time_the_form_is_laid_out_again(
        sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layout = group_form.build(sample, 1, load_campaign(sample.campaign))
    with stamped(WHEN):
        lay_out(layout, keep=True)            # not inside keeping_pdfs: measured only
    with stamped(WHEN), keeping_pdfs():
        pdf_writer._laid_out.clear()
        lay_out(layout, keep=True)
    builds = _builds(monkeypatch)
    later = WHEN + dt.timedelta(hours=1)
    with stamped(later), keeping_pdfs():
        write_pdf(layout, tmp_path / "later.pdf")
    assert len(builds) == 1
    assert b"D:20260301103000" in (tmp_path / "later.pdf").read_bytes()


def test_what_an_earlier_export_kept_is_dropped_by_the_next(sample: Project, tmp_path: Path) -> None:
    layout = group_form.build(sample, 2, load_campaign(sample.campaign))
    pdf_writer._laid_out.clear()          # measured by the build, outside an export
    with stamped(WHEN), keeping_pdfs():
        lay_out(layout, keep=True)
    assert len(pdf_writer._kept) == 1
    with stamped(WHEN + dt.timedelta(minutes=5)), keeping_pdfs():
        assert len(pdf_writer._kept) == 0
