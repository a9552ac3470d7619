"""Reading exported Word files back as a reviewer would see them."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def table_texts(path: Path, index: int = 0) -> list[list[str]]:
    """Cell texts row by row; a merged cell appears once (python-docx repeats it per grid column)."""
    table = Document(str(path)).tables[index]
    rows = []
    for row in table.rows:
        seen: list[object] = []
        texts = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.append(cell._tc)
            texts.append(cell.text)
        rows.append(texts)
    return rows


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def east_asian_fonts(path: Path) -> set[str]:
    """Every w:eastAsia font named on runs of the body."""
    body = Document(str(path)).element.body
    return {el.get(qn("w:eastAsia")) for el in body.iter(qn("w:rFonts")) if el.get(qn("w:eastAsia"))}
