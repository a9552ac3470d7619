"""Checking a project and opening the window load no document library; an export loads what it
writes.

Each case runs in a fresh interpreter and lists which of python-docx, openpyxl, reportlab and
matplotlib ended up in ``sys.modules``. Whether 附件2/3/6/7 fit one page is told by the PDF layout
(exporters.page_fit), but for forms whose height a bound settles (exporters.page_bound, the sample's
all) without loading reportlab; only a form near the limit is laid out with it.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("docx", "openpyxl", "reportlab", "matplotlib")

_REPORT = (
    "import sys\n"
    f"print('LOADED', sorted(m for m in {LIBRARIES!r} if m in sys.modules))\n"
)


def _loaded(code: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code + _REPORT], capture_output=True, text=True, cwd=ROOT,
                         env=env, check=True).stdout
    return next(line for line in out.splitlines() if line.startswith("LOADED"))


def test_qcdesk_check_loads_no_word_excel_or_chart_library(tmp_path: Path) -> None:
    project = tmp_path / "s.qcproj"
    code = (
        "from app.cli import main\n"
        f"main(['new', '--sample', r'{project}'])\n"
        f"rc = main(['check', r'{project}'])\n"
        "assert rc == 0, rc\n"
    )
    assert _loaded(code) == "LOADED []"


def test_a_check_lays_out_with_reportlab_a_form_the_bound_cannot_settle(tmp_path: Path) -> None:
    project = tmp_path / "s.qcproj"
    code = (
        "import json\n"
        "from app.cli import main\n"
        f"main(['new', '--sample', r'{project}'])\n"
        f"path = r'{project}'\n"
        "data = json.loads(open(path, encoding='utf-8').read())\n"
        "data['group_achievements'][0]['summary'] = 'QC小组&活动记录与成果，' * 60\n"
        "open(path, 'w', encoding='utf-8').write(json.dumps(data, ensure_ascii=False))\n"
        f"rc = main(['check', r'{project}'])\n"
    )
    assert _loaded(code) == "LOADED ['reportlab']"


def test_opening_the_window_loads_no_word_excel_or_chart_library(tmp_path: Path) -> None:
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.settings import Settings\n"
        "from ui.main_window import MainWindow\n"
        "window = MainWindow(Settings())\n"
        "window.open_sample()\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.tree.topLevelItemCount() > 0\n"
    )
    assert _loaded(code) == "LOADED []"   # the live check's page fit is settled by the bound


def test_a_pdf_loads_reportlab_but_not_the_word_or_excel_library(tmp_path: Path) -> None:
    code = (
        "from forms.sample import load_sample\n"
        "from exporters import reviewers_form\nfrom forms.campaign import load_campaign\n"
        "from exporters.pdf_writer import write_pdf\n"
        "project = load_sample()\n"
        f"write_pdf(reviewers_form.build(project, load_campaign(project.campaign)), r'{tmp_path / 'a.pdf'}')\n"
    )
    assert _loaded(code) == "LOADED ['reportlab']"
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")


def test_documents_load_no_network_modules(tmp_path: Path) -> None:
    # xml.sax.saxutils would load urllib.request, http.client and ssl, a fifth of an export's imports.
    # Older document libraries (reportlab 4.0) load them themselves: only what qcdesk adds counts.
    code = (
        "import sys\n"
        "import reportlab.pdfgen.canvas, reportlab.platypus, docx\n"
        "libraries = {m for m in ('ssl', 'http.client', 'urllib.request') if m in sys.modules}\n"
        "from forms.sample import load_sample\n"
        "from exporters import reviewers_form\nfrom forms.campaign import load_campaign\n"
        "from exporters.pdf_writer import write_pdf\nfrom exporters.docx_writer import write_docx\n"
        "project = load_sample()\n"
        "layout = reviewers_form.build(project, load_campaign(project.campaign))\n"
        f"write_pdf(layout, r'{tmp_path / 'a.pdf'}')\nwrite_docx(layout, r'{tmp_path / 'a.docx'}')\n"
        "print('NETWORK', sorted(m for m in ('ssl', 'http.client', 'urllib.request')\n"
        "                        if m in sys.modules and m not in libraries))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                         check=True).stdout
    assert "NETWORK []" in out


def test_an_export_loads_openpyxl_without_numpy_and_still_draws_its_charts(tmp_path: Path) -> None:
    # openpyxl imports numpy, when installed, only to accept numpy numbers in cells; the summaries
    # hold none. In one process the spreadsheets come first, the charts (matplotlib, numpy) after.
    project = tmp_path / "s.qcproj"
    out = tmp_path / "out"
    code = (
        "import os, sys\n"
        f"os.environ['QCDESK_CACHE_DIR'] = r'{tmp_path / 'cache'}'\n"
        "from app.cli import main\n"
        f"main(['new', '--sample', r'{project}'])\n"
        f"assert main(['export', r'{project}', '--out', r'{out}']) == 0\n"
        "import openpyxl.compat.numbers\n"
        "print('OPENPYXL NUMPY', openpyxl.compat.numbers.NUMPY, 'numpy' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QCDESK_EXPORT_WORKERS": "1"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                         check=True)
    assert "OPENPYXL NUMPY False True" in run.stdout   # the charts loaded numpy after openpyxl
    from openpyxl import load_workbook
    sheet = load_workbook(next(out.glob("附件4_*.xlsx"))).active
    assert any("节能" in str(cell.value) for row in sheet.iter_rows() for cell in row)
    charts = list((tmp_path / "cache" / "charts").rglob("*.png"))
    assert len(charts) >= 8    # the sample's report with 8 charts drew them all
