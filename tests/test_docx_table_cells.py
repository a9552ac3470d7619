"""Merged cells and cell alignment in Word tables (exporters.docx_writer) written without
python-docx's grid searches: the XML must be what ``cell.merge`` and ``cell.vertical_alignment``
write, and a reviewer must see each merged cell once with its text."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.table import _Cell

from exporters import docx_writer
from exporters.layout import Cell, Document, Row, Table, para
from tests.docx_helpers import table_texts


def _layout() -> Document:
    wide = Cell([para("跨三列")], colspan=3, valign="top")
    tall = Cell([para("跨两行")], rowspan=2, valign="bottom")
    block = Cell([para("两行两列"), para("第二段")], colspan=2, rowspan=2)
    return Document(blocks=[Table([2.0, 3.0, 4.0, 5.0], [
        Row([Cell([para("表头")], colspan=4, align="center")], header=True),
        Row([wide, Cell([para("右")])]),
        Row([tall, block, Cell([para("甲")], valign="top")], min_height=1.0),
        Row([Cell([para("乙")])]),
        Row([Cell([]), Cell([para("丙")], colspan=2, valign="bottom"), Cell([para("丁")])]),
    ])])


def _document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def test_merged_cells_are_the_xml_python_docx_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = tmp_path / "fast.docx"
    docx_writer.write_docx(_layout(), fast)
    monkeypatch.setattr(docx_writer, "_merge", lambda grid, r, c, lr, lc: grid[r][c].merge(grid[lr][lc]))
    monkeypatch.setattr(docx_writer, "_set_valign", lambda cell, value: setattr(cell, "vertical_alignment", value))
    slow = tmp_path / "slow.docx"
    docx_writer.write_docx(_layout(), slow)
    assert _document_xml(fast) == _document_xml(slow)
    assert table_texts(fast) == [["表头"], ["跨三列", "右"], ["跨两行", "两行两列\n第二段", "甲"],
                                 ["跨两行", "两行两列\n第二段", "乙"], ["", "丙", "丁"]]


def test_a_cell_that_is_not_empty_is_merged_by_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    from docx import Document as NewDocument
    table = NewDocument().add_table(rows=2, cols=2)
    grid = [[_Cell(tc, table) for tc in row._tr.tc_lst] for row in table.rows]
    grid[1][1].paragraphs[0].add_run("已有文字")
    merged = docx_writer._merge(grid, 0, 0, 1, 1)
    assert merged.text == "已有文字"            # python-docx moved it into the merged cell
    assert len(table.rows[0]._tr.tc_lst) == 1
