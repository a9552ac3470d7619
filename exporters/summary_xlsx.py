"""附件4 and 附件5 申报汇总表 as Excel workbooks, generated from the achievements.

User text never becomes a formula: a value beginning with ``=`` is stored as text.
"""
from __future__ import annotations

from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from exporters.layout import DRAFT_MARK
from exporters.stamp import export_time, fix_zip_dates
from forms.campaign import CampaignProfile
from forms.group_achievement import TOPIC_TYPES
from forms.project import Project
from forms.text import clean_text, cn_date

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
NOTE = "注：申报单位名称以公章为准，填写内容应简明扼要，准确无误。"

GROUP_COLUMNS = [("序号", 6), ("企业名称", 24), ("通讯地址", 30), ("邮编", 9), ("直接联系人", 11),
                 ("手机", 14), ("小组名称", 20), ("成果名称", 34), ("课题类型", 12)]
TEAM_COLUMNS = [("序号", 6), ("企业名称", 24), ("通讯地址", 30), ("邮编", 9), ("直接联系人", 11),
                ("手机", 14), ("班组名称", 20), ("成果名称", 40)]
HEADER_ROW = 5


def put(ws: Worksheet, row: int, column: int, value: object, *, align: Alignment = WRAP,
        bold: bool = False, size: float = 10.5, border: bool = True) -> Cell:
    """Write one cell; text is cleaned and always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"   # openpyxl would otherwise turn "=…" into a formula
    else:
        cell.value = value
    cell.font = Font(name=FONT, size=size, bold=bold)
    cell.alignment = align
    if border:
        cell.border = BOX
    return cell


def _sheet(wb: Workbook, title: str, subtitle: str, attachment: str, columns: list[tuple[str, int]],
           project: Project, draft: bool) -> Worksheet:
    ws = wb.active
    ws.title = "汇总表"
    last = get_column_letter(len(columns))
    put(ws, 1, 1, attachment, border=False, bold=True)
    put(ws, 2, 1, (f"【{DRAFT_MARK}】" if draft else "") + title, align=CENTER, bold=True, size=16, border=False)
    ws.merge_cells(f"A2:{last}2")
    put(ws, 3, 1, subtitle, align=CENTER, size=12, border=False)
    ws.merge_cells(f"A3:{last}3")
    d = project.declarant
    header = (f"申报单位：{d.name}（盖章）    联系人：{d.contact_person}    电话：{d.phone}    "
              f"手机：{d.mobile}    填报日期：{cn_date(d.fill_date)}")
    put(ws, 4, 1, header, border=False, size=11)
    ws.merge_cells(f"A4:{last}4")
    ws.row_dimensions[2].height = 26
    ws.row_dimensions[4].height = 30
    for index, (name, width) in enumerate(columns, start=1):
        put(ws, HEADER_ROW, index, name, align=CENTER, bold=True)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[HEADER_ROW].height = 22
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if draft:
        ws.oddHeader.center.text = DRAFT_MARK
        ws.oddHeader.center.size = 14
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return ws


def _rows(ws: Worksheet, rows: list[list[str]], columns: int) -> int:
    row = HEADER_ROW
    for index, values in enumerate(rows, start=1):
        row = HEADER_ROW + index
        put(ws, row, 1, index, align=CENTER)
        for column, value in enumerate(values, start=2):
            put(ws, row, column, value, align=CENTER if column in (4, 5, 6) else WRAP)
        ws.row_dimensions[row].height = 36
    note_row = row + 2
    put(ws, note_row, 1, NOTE, border=False, size=10)
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=columns)
    return row


def _save(wb: Workbook, path: str | Path) -> None:
    """Save with the export's time in the properties and the archive (openpyxl's own save stamps
    the time now, so two exports of one project would differ)."""
    wb.properties.created = wb.properties.modified = export_time()
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    fix_zip_dates(path)


def write_group_summary(project: Project, profile: CampaignProfile, path: str | Path, *,
                        draft: bool = False) -> None:
    """附件4 优秀成果申报汇总表（小组用样表）."""
    wb = Workbook()
    ws = _sheet(wb, profile.titles["attachment4"], profile.titles["attachment4_sub"], "附件4",
                GROUP_COLUMNS, project, draft)
    rows = [[a.enterprise, a.address, a.postcode, a.contact_person, a.mobile, a.group_name, a.title,
             a.topic_type or ""] for a in project.group_achievements]
    last = _rows(ws, rows, len(GROUP_COLUMNS))
    # A dropdown for 课题类型, over the filled rows and a margin for rows added by hand.
    choices = DataValidation(type="list", formula1='"' + ",".join(TOPIC_TYPES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="课题类型", error="请选择：问题解决型 或 创新型")
    choices.add(f"I{HEADER_ROW + 1}:I{max(last, HEADER_ROW) + 50}")
    ws.add_data_validation(choices)
    _save(wb, path)


def write_team_summary(project: Project, profile: CampaignProfile, path: str | Path, *,
                       draft: bool = False) -> None:
    """附件5 优秀成果申报汇总表（班组用样表）."""
    wb = Workbook()
    ws = _sheet(wb, profile.titles["attachment5"], profile.titles["attachment5_sub"], "附件5",
                TEAM_COLUMNS, project, draft)
    rows = [[a.enterprise, a.address, a.postcode, a.contact_person, a.mobile, a.team_name, a.title]
            for a in project.team_achievements]
    _rows(ws, rows, len(TEAM_COLUMNS))
    _save(wb, path)
