"""The report content blocks of forms.md: keys as written by hand, unknown types kept."""
from __future__ import annotations

import json
from decimal import Decimal

from forms.blocks import (
    FishboneBlock, ParetoBlock, UnknownBlock, fishbone_leaves, pareto_table,
)
from forms.project_file import project_from_data, project_to_json
from forms.report_common import Section

EXAMPLE = {"step": "现状调查", "text": "小组对2023年6月排烟温度超标情况进行了统计。",
           "blocks": [
               {"type": "pareto", "title": "排烟温度超标原因排列图", "unit": "次",
                "period": "2023年6月1日—6月30日", "drawn_by": "王建国",
                "items": [{"name": "其他", "count": 3}, {"name": "空气预热器积灰", "count": 41},
                          {"name": "过剩空气系数偏高", "count": 12}, {"name": "炉管结焦", "count": 6}]},
               {"type": "table", "title": "排烟温度调查表", "columns": ["日期", "平均温度（℃）"],
                "rows": [["6月1日", "171"], ["6月2日", "168"]]},
               {"type": "radar", "title": "雷达图", "axes": ["a", "b"]},
           ]}


def test_example_of_the_contract_reads_and_writes_back_the_same_keys() -> None:
    section = Section.model_validate(EXAMPLE)
    assert isinstance(section.blocks[0], ParetoBlock)
    assert isinstance(section.blocks[2], UnknownBlock)
    written = json.loads(section.model_dump_json())
    assert written["blocks"][2] == {"type": "radar", "title": "雷达图", "note": "", "axes": ["a", "b"]}
    assert written["blocks"][1]["rows"] == [["6月1日", "171"], ["6月2日", "168"]]
    assert written["blocks"][0]["items"][0] == {"name": "其他", "count": 3}


def test_pareto_table_sorts_descending_with_other_last_and_ends_at_100() -> None:
    section = Section.model_validate(EXAMPLE)
    rows = pareto_table(section.blocks[0].items)
    assert [r[0] for r in rows] == ["空气预热器积灰", "过剩空气系数偏高", "炉管结焦", "其他"]
    assert rows[0][2] == Decimal("66.13")
    assert rows[-1][3] == Decimal("100.00")


def test_fishbone_leaves_are_the_end_causes_at_any_depth() -> None:
    block = FishboneBlock.model_validate({"type": "fishbone", "problem": "排烟温度高", "branches": [
        {"name": "机", "causes": ["燃烧器喷嘴磨损", {"name": "空气预热器", "causes": ["积灰", "漏风"]}]},
        {"name": "人", "causes": [{"name": "操作", "causes": [{"name": "培训", "causes": ["新员工未培训"]}]}]},
    ]})
    assert fishbone_leaves(block) == ["燃烧器喷嘴磨损", "积灰", "漏风", "新员工未培训"]


def test_text_only_project_from_before_blocks_still_opens(sample_data) -> None:
    for group in sample_data["group_achievements"]:
        for section in group["report"]["sections"]:
            section.pop("blocks", None)
        group["report"].pop("goal", None)
    project = project_from_data(sample_data)
    texts = [s.text for s in project.group_achievements[0].report.sections]
    assert all(texts) and all(s.blocks == [] for s in project.group_achievements[0].report.sections)
    assert json.loads(project_to_json(project))["group_achievements"][0]["report"]["sections"][0]["text"] == texts[0]


def test_block_paths_are_named_in_chinese_down_to_the_cell() -> None:
    from forms.locations import field_label
    path = ("group_achievements", 0, "report", "sections", "确定主要原因", "blocks", 1, "rows", 2, "owner")
    assert field_label(path) == "具体内容 › 确定主要原因 › 图表与数据 第2项 › 要因确认 第3项 › 负责人"


def test_a_bar_chart_from_the_goal_compares_like_the_step_asks() -> None:
    from forms.blocks import BarBlock, bars_of
    from forms.group_report import Goal
    goal = Goal(indicator="排烟温度", unit="℃", direction="降低", baseline=171, target=150, achieved=146)
    block = BarBlock(from_goal=True)
    assert [(b.label, b.value) for b in bars_of(block, goal, "设定目标")] == [("现状", 171), ("目标", 150)]
    assert [b.label for b in bars_of(block, goal, "效果检查")] == ["活动前", "目标", "活动后"]
