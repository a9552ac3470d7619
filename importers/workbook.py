"""Reading an xlsx workbook's sheets as rows of cell values, with Chinese errors and size bounds."""
from __future__ import annotations

import logging
import zipfile
from os import PathLike
from pathlib import Path

from forms.os_errors import os_error_message

log = logging.getLogger(__name__)

MAX_ROWS = 5000
MAX_COLUMNS = 60


class ImportFailed(Exception):
    """A file that cannot be imported; ``str()`` is one Chinese sentence naming the file."""


def read_sheets(path: str | PathLike[str]) -> list[tuple[str, list[list[object]]]]:
    """``(sheet name, rows)`` of every sheet: values, not formulas; at most ``MAX_ROWS`` rows each."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if path.suffix.lower() in (".xls", ".et", ".csv"):
        raise ImportFailed(f"“{path.name}”不是 xlsx 格式，请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再导入。")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise ImportFailed(os_error_message(exc, "读取", path.name)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
        raise ImportFailed(f"“{path.name}”不是有效的 Excel 工作簿（.xlsx），无法读取。") from None
    except Exception:   # openpyxl raises many kinds on a damaged file
        log.warning("cannot read workbook %s", path, exc_info=True)
        raise ImportFailed(f"“{path.name}”已损坏或不是 Excel 工作簿，无法读取。") from None
    sheets = []
    try:
        for sheet in workbook.worksheets:
            rows = []
            for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True):
                rows.append(list(row))
            sheets.append((sheet.title, rows))
    except Exception:
        log.warning("cannot read sheets of %s", path, exc_info=True)
        raise ImportFailed(f"“{path.name}”的内容无法读取，文件可能已损坏。") from None
    finally:
        workbook.close()
    return sheets
