"""附件4 and 附件5 workbooks: header block, rows, print setup, dropdown, no formula from user text."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from exporters.summary_xlsx import write_group_summary, write_team_summary
from forms.campaign import load_campaign
from forms.project import Project

PROFILE = load_campaign(2024)


def test_group_summary_cells(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "a4.xlsx"
    write_group_summary(sample, PROFILE, path)
    ws = load_workbook(path).active
    assert ws["A1"].value == "附件4"
    assert ws["A2"].value == "2024年全国石油和化工行业优秀成果申报汇总表"
    assert ws["A3"].value == "（小组用样表）"
    header = ws["A4"].value
    for part in ("申报单位：江海石油化工股份有限公司（盖章）", "联系人：王立新", "电话：0546-8551234",
                 "手机：13905461234", "填报日期：2024年4月15日"):
        assert part in header
    assert [c.value for c in ws[5]] == ["序号", "企业名称", "通讯地址", "邮编", "直接联系人", "手机", "小组名称",
                                        "成果名称", "课题类型"]
    assert [c.value for c in ws[6]] == [1, "江海石油化工股份有限公司", "山东省东营市东营区石化路18号", "257000",
                                        "王海燕", "13854601234", "节能先锋QC小组", "降低常减压装置加热炉排烟温度",
                                        "问题解决型"]
    assert [ws.cell(row=r, column=9).value for r in (6, 7, 8)] == ["问题解决型", "创新型", "问题解决型"]
    assert ws["A10"].value.startswith("注：申报单位名称以公章为准")


def test_group_summary_print_setup_and_dropdown(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "a4.xlsx"
    write_group_summary(sample, PROFILE, path)
    ws = load_workbook(path).active
    assert ws.freeze_panes == "A6"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$1:$5"
    assert ws["C6"].alignment.wrap_text
    assert ws.column_dimensions["H"].width >= 30
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == '"问题解决型,创新型"'
    assert "I6" in str(validation.sqref)


def test_user_text_never_becomes_a_formula(sample: Project, tmp_path: Path) -> None:
    sample.group_achievements[0].title = "=HYPERLINK(\"http://x\",\"点我\")"
    sample.team_achievements[0].team_name = "=1+1"
    write_group_summary(sample, PROFILE, tmp_path / "a4.xlsx")
    write_team_summary(sample, PROFILE, tmp_path / "a5.xlsx")
    a4 = load_workbook(tmp_path / "a4.xlsx").active
    a5 = load_workbook(tmp_path / "a5.xlsx").active
    assert a4["H6"].value == "=HYPERLINK(\"http://x\",\"点我\")" and a4["H6"].data_type == "s"
    assert a5["G6"].value == "=1+1" and a5["G6"].data_type == "s"


def test_team_summary_and_draft_mark(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "a5.xlsx"
    write_team_summary(sample, PROFILE, path, draft=True)
    ws = load_workbook(path).active
    assert ws["A1"].value == "附件5" and ws["A3"].value == "（班组用样表）"
    assert ws["A2"].value.startswith("【草稿】")
    assert [c.value for c in ws[5]][-2:] == ["班组名称", "成果名称"]
    assert ws["G6"].value == "聚丙烯包装班"
    assert ws.oddHeader.center.text == "草稿"
