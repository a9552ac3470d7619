"""Charts of report blocks: sharp PNGs, drawn from the data, cached by content, without Qt."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from exporters.charts import CHART_KINDS, render_chart
from forms.blocks import BarBlock, FishboneBlock, LineBlock, ParetoBlock, PlanBlock, TableBlock
from forms.group_report import Goal

ROOT = Path(__file__).resolve().parent.parent

BLOCKS = {
    "pareto": ParetoBlock(unit="次", period="2023年6月", drawn_by="王建国", items=[
        {"name": "其他", "count": 3}, {"name": "空气预热器积灰", "count": 41}, {"name": "过剩空气系数偏高", "count": 12}]),
    "bar": BarBlock(unit="℃", bars=[{"label": "活动前", "value": 168}, {"label": "活动后", "value": 134}]),
    "line": LineBlock(unit="m²", target=2.5, points=[{"x": "1月", "y": 3.1}, {"x": "2月", "y": 2.2}]),
    "fishbone": FishboneBlock(problem="排烟温度偏高", branches=[
        {"name": "人", "causes": ["培训不到位"]},
        {"name": "机", "causes": [{"name": "预热器效率低", "causes": ["热管泄漏", {"name": "翅片堵塞", "causes": ["吹灰少"]}]}]}]),
    "plan": PlanBlock(tasks=[{"name": "选择课题", "plan_start": "2023-05-08", "plan_end": "2023-05-20",
                              "actual_start": "2023-05-09", "actual_end": "2023-05-22"}]),
}


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


def test_the_public_kinds() -> None:
    assert CHART_KINDS == frozenset({"pareto", "bar", "line", "fishbone", "plan"}) == frozenset(BLOCKS)


@pytest.mark.parametrize("kind", sorted(BLOCKS))
def test_each_kind_draws_a_sharp_picture(kind: str) -> None:
    image = _image(render_chart(BLOCKS[kind], width_cm=15.0))
    assert image.width >= 1200                       # ≥ 200 dpi across 15 cm
    assert max(ImageStat.Stat(image.convert("L")).var) > 200
    narrow = _image(render_chart(BLOCKS[kind], width_cm=8.0, dpi=200))
    assert narrow.width >= 1200                      # small prints stay sharp too


def test_rendering_is_cached_by_content() -> None:
    block = BLOCKS["bar"].model_copy(deep=True)
    first = render_chart(block)
    assert render_chart(block) is first
    block.bars[0].value = 170
    assert render_chart(block) != first


def test_goal_bars_follow_the_step() -> None:
    goal = Goal(indicator="排烟温度", unit="℃", direction="降低", baseline=168, target=138, achieved=134)
    block = BarBlock(from_goal=True)
    before = _image(render_chart(block, goal=goal, step="设定目标"))
    after = _image(render_chart(block, goal=goal, step="效果检查"))
    assert before.tobytes() != after.tobytes()
    # Only from_goal bars depend on the goal: a plain bar chart ignores it (and shares the cache).
    plain = BLOCKS["bar"]
    assert render_chart(plain, goal=goal, step="效果检查") is render_chart(plain)


def test_a_table_is_not_a_chart() -> None:
    with pytest.raises(ValueError):
        render_chart(TableBlock())


def test_matplotlib_loads_only_when_a_chart_is_drawn() -> None:
    code = ("import sys\nimport exporters.bundle, exporters.group_report, exporters.charts\n"
            "print('MPL', 'matplotlib' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert "MPL False" in out
