"""A small document model that both the Word and the PDF writers render.

Each form module describes its document once (paragraphs, tables with merged cells, headings, a
table of contents); ``docx_writer`` and ``pdf_writer`` turn that description into files, so the
two formats of a form cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FontRole = Literal["song", "hei", "fang", "kai", "symbol"]
"""宋体, 黑体, 仿宋, 楷体: the notice names fonts by role; writers pick real fonts per format.
``symbol`` draws check boxes (☑ and □) from one font in both formats."""
Align = Literal["left", "center", "right", "justify"]

# Chinese font sizes (字号) in points.
SIZE_ER = 22.0        # 二号
SIZE_XIAO_ER = 18.0   # 小二
SIZE_SAN = 16.0       # 三号
SIZE_XIAO_SAN = 15.0  # 小三
SIZE_SI = 14.0        # 四号
SIZE_XIAO_SI = 12.0   # 小四
SIZE_WU = 10.5        # 五号
SIZE_XIAO_WU = 9.0    # 小五


@dataclass
class Run:
    text: str
    font: FontRole = "song"
    size: float = SIZE_XIAO_SI
    bold: bool = False
    underline: bool = False


@dataclass
class Para:
    runs: list[Run]
    align: Align = "left"
    first_line_indent: float = 0.0   # in characters (2 = 首行缩进两字)
    space_before: float = 0.0        # points
    space_after: float = 0.0
    line_spacing: float = 1.0
    heading_level: int = 0           # 1, 2 … for headings that the table of contents lists
    keep_with_next: bool = False
    tabs: tuple[float, ...] = ()     # left tab stops in centimetres; "\t" in the runs jumps to them

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def tab_pieces(self) -> list[list[Run]]:
        """The runs cut at each "\t": what goes to the column of each tab stop (the first piece
        before the first stop)."""
        pieces: list[list[Run]] = [[]]
        for run in self.runs:
            for i, chunk in enumerate(run.text.split("\t")):
                if i:
                    pieces.append([])
                if chunk:
                    pieces[-1].append(Run(chunk, run.font, run.size, run.bold, run.underline))
        return pieces


def para(text: str, *, font: FontRole = "song", size: float = SIZE_XIAO_SI, bold: bool = False,
         **kwargs: object) -> Para:
    """A paragraph of one run."""
    return Para([Run(text, font, size, bold)], **kwargs)  # type: ignore[arg-type]


@dataclass
class Cell:
    paras: list[Para]
    colspan: int = 1
    rowspan: int = 1
    align: Align = "left"
    valign: Literal["top", "middle", "bottom"] = "middle"


@dataclass
class Row:
    cells: list[Cell]
    min_height: float = 0.0          # centimetres; 0 = as the content needs
    header: bool = False             # repeated at the top of each page


@dataclass
class Table:
    widths: list[float]              # column widths in centimetres
    rows: list[Row]


@dataclass
class Figure:
    """A picture (PNG or JPEG bytes) printed centred at ``width_cm`` × ``height_cm``.

    Charts and photographs of the report books; the caption is an ordinary paragraph after it, and
    ``keep_with_next`` keeps the two on one page.
    """

    data: bytes
    width_cm: float
    height_cm: float
    keep_with_next: bool = True


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """目录: a real table-of-contents field in Word, a computed list in PDF."""

    title: str = "目  录"


Block = Para | Table | Figure | PageBreak | Contents


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    landscape: bool = False
    margins_cm: tuple[float, float, float, float] = (2.54, 2.5, 2.54, 2.5)  # top, right, bottom, left
    draft: bool = False
    page_numbers: bool = False
    author: str = ""                 # the declaring unit: the files' author property
    one_page: bool = False           # a one-page form, fitted by exporters.page_fit

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    @property
    def text_width_cm(self) -> float:
        """The width between the side margins (A4)."""
        return (29.7 if self.landscape else 21.0) - self.margins_cm[1] - self.margins_cm[3]

    @property
    def text_height_cm(self) -> float:
        return (21.0 if self.landscape else 29.7) - self.margins_cm[0] - self.margins_cm[2]

    @property
    def headings(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para) and b.heading_level]


DRAFT_MARK = "草稿"
