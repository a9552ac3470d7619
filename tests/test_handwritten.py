"""A project written by hand (not by qcdesk) checks clean and exports completely."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.docx_helpers import table_texts

PROJECT = Path(__file__).parent / "data" / "handwritten.qcproj"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_handwritten_project_checks_clean() -> None:
    result = run("check", str(PROJECT))
    assert result.returncode == 0, result.stdout
    assert "没有错误" in result.stdout


def test_handwritten_project_exports_completely(tmp_path: Path) -> None:
    assert run("export", str(PROJECT), "--out", str(tmp_path / "包")).returncode == 0
    manifest = json.loads((tmp_path / "包" / "manifest.json").read_text(encoding="utf-8"))
    forms = [f["form"] for f in manifest["files"]]
    assert forms.count("附件2") == 4 and forms.count("附件8") == 4 and forms.count("附件3") == 2
    folder = tmp_path / "包" / "小组成果" / "01_提高气化炉烧嘴使用寿命"
    rows = table_texts(folder / "附件2_申报表_提高气化炉烧嘴使用寿命.docx")
    assert rows[6][1] == "张建军，杨帆，买买提·艾力，刘强，王丽"
    assert rows[7] == ["课题类型", "问题解决型", "经济效益（万元）", "528.60"]
    assert "以公司下达的“烧嘴寿命≥90天”指令性目标开展活动。\n经目标可行性论证" in rows[8][0]
    report = PdfReader(str(folder / "附件8_成果报告书_提高气化炉烧嘴使用寿命.pdf"))
    text = "".join(page.extract_text() for page in report.pages)
    assert "目标可行性论证" in text and "现状调查" not in text
    assert "1350℃" in text and "1.2万m³" in text
    stats = table_texts(tmp_path / "包" / "附件6_活动统计表.docx")
    assert stats[3][2] == "6.83%"      # 280 / 4100
    assert stats[6][2] == "62.86%"     # 22 / 35
