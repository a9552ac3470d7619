"""对策表 (5W1H): 要因, 对策, 目标, 措施, 地点, 负责人, 完成时间, a row per 要因."""
from __future__ import annotations

from ui.blocks.records import RecordGridEditor


class CountermeasuresEditor(RecordGridEditor):
    list_key = "rows"
