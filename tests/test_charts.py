"""Charts of report blocks: sharp PNGs, drawn from the data, cached by content, without Qt."""
from __future__ import annotations

import io
import os
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


@pytest.mark.parametrize("block", [
    ParetoBlock(items=[{"name": "其他", "count": 0}, {"name": "", "count": None}]),
    ParetoBlock(items=[{"name": f"很长很长的原因名称没有断开的地方{i}", "count": i} for i in range(30)]),
    BarBlock(bars=[{"label": "负值", "value": -5}, {"label": "空", "value": None}]),
    LineBlock(points=[{"x": "1月", "y": None}], target=1e9),
    FishboneBlock(branches=[{"name": "", "causes": []}] * 8),
    PlanBlock(tasks=[{"name": "倒置", "plan_start": "2023-06-30", "plan_end": "2023-05-01"}]),
], ids=["zeros", "thirty-items", "negative", "no-points", "empty-bones", "reversed-dates"])
def test_odd_data_still_draws(block) -> None:
    assert _image(render_chart(block, width_cm=6.0)).width >= 1200


# A second chart of each kind that differs from BLOCKS' in everything a drawing sets: more items,
# labels, axis titles, a target, the figure's height.
OTHERS = {
    "pareto": ParetoBlock(unit="件", items=[{"name": f"原因{i}", "count": 40 - i} for i in range(9)]),
    "bar": BarBlock(from_goal=True),
    "line": LineBlock(unit="", x_label="月份", points=[{"x": f"{m}月", "y": 100 + m * 7} for m in range(1, 10)]),
    "fishbone": FishboneBlock(problem="能耗高", branches=[{"name": n, "causes": ["原因甲", "原因乙"]} for n in "人机料法环测"]),
    "plan": PlanBlock(tasks=[{"name": f"步骤{i}", "plan_start": "2023-01-02", "plan_end": "2023-09-30",
                              "actual_start": "2023-01-03", "actual_end": "2023-10-10"} for i in range(8)]),
}


@pytest.mark.parametrize("kind", sorted(BLOCKS))
def test_a_chart_is_the_same_after_others_of_its_kind(kind: str) -> None:
    """Each kind draws on one figure again and again: nothing of one chart stays in the next."""
    from exporters.charts import clear_cache
    goal = Goal(indicator="排烟温度", unit="℃", direction="降低", baseline=168, target=138, achieved=134)
    clear_cache(disk=True)
    first = _image(render_chart(BLOCKS[kind], width_cm=15.0))
    other = _image(render_chart(OTHERS[kind], goal=goal, step="效果检查", width_cm=12.0))
    clear_cache(disk=True)
    again = _image(render_chart(BLOCKS[kind], width_cm=15.0))
    clear_cache(disk=True)
    assert other.size != first.size or other.tobytes() != first.tobytes()
    assert again.size == first.size and again.tobytes() == first.tobytes()


def _drawn_figure(monkeypatch: pytest.MonkeyPatch, module_name: str, block) -> object:
    """The matplotlib figure a chart module drew, caught just before it became a PNG."""
    import importlib
    module = importlib.import_module(f"exporters.charts.{module_name}")
    caught = []

    real_png_of = module.png_of

    def keep(fig, width_cm, dpi, **options):
        caught.append(fig)
        real_png_of(fig, width_cm, dpi, **options)   # placed and drawn as for the PNG
        return b""

    monkeypatch.setattr(module, "png_of", keep)
    from exporters.charts import clear_cache
    clear_cache()
    render_chart(block)
    clear_cache()   # the empty PNG must not be served to other tests
    return caught[0]


def test_pareto_follows_the_conventions(monkeypatch: pytest.MonkeyPatch) -> None:
    block = ParetoBlock(unit="次", period="2023年6月1日—6月30日", drawn_by="王建国", items=[
        {"name": "其他", "count": 3}, {"name": "空气预热器积灰", "count": 41}, {"name": "过剩空气系数偏高", "count": 12},
        {"name": "炉管结焦", "count": 6}])
    fig = _drawn_figure(monkeypatch, "pareto", block)
    ax, ax2 = fig.axes
    bars = sorted(ax.patches, key=lambda p: p.get_x())
    assert [p.get_height() for p in bars] == [41, 12, 6, 3]                       # descending, 其他 last
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "其他"
    assert all(abs(a.get_x() + a.get_width() - b.get_x()) < 1e-9 for a, b in zip(bars, bars[1:]))   # no gaps
    assert ax.get_ylim() == (0, 62) and ax2.get_ylim() == (0, 100)                # 100 % level with the total
    line = next(l for l in ax.lines if len(l.get_xdata()) == 4)
    corners = [(p.get_x() + p.get_width(), sum(b.get_height() for b in bars[:i + 1])) for i, p in enumerate(bars)]
    assert list(zip(line.get_xdata(), line.get_ydata())) == corners                # through upper-right corners
    bands = sorted((round(p.get_y()), round(p.get_y() + p.get_height())) for p in ax2.patches)
    assert bands == [(0, 80), (80, 90), (90, 100)]
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "N＝62次" in texts and "数据收集期间：2023年6月1日—6月30日" in texts and "制图人：王建国" in texts


def test_fishbone_labels_do_not_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    block = FishboneBlock(problem="聚丙烯熔融指数波动超出±0.5g/10min", branches=[
        {"name": "人", "causes": ["操作工调节氢气流量不及时", "新员工对软测量模型不熟悉"]},
        {"name": "机", "causes": [{"name": "氢气调节阀线性差", "causes": ["阀门内件磨损", "定位器老化"]}, "挤压机温控波动"]},
        {"name": "料", "causes": ["丙烯原料中杂质含量波动", "催化剂活性差异"]},
        {"name": "法", "causes": ["取样分析频次低", {"name": "操作规程不完善", "causes": [
            {"name": "未规定牌号切换步骤", "causes": ["切换时氢气过量"]}]}]},
        {"name": "环", "causes": ["冬季环境温度低"]},
        {"name": "测", "causes": ["熔融指数仪校验周期长", "取样代表性差"]}])
    fig = _drawn_figure(monkeypatch, "fishbone", block)
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.axes[0].texts if t.get_text()]
    assert len(boxes) == 1 + 6 + 15                      # the head, six bones, every cause
    for i, (text_a, a) in enumerate(boxes):
        assert 0 <= a.x0 and a.x1 <= fig.bbox.width and 0 <= a.y0 and a.y1 <= fig.bbox.height, text_a
        for text_b, b in boxes[i + 1:]:
            assert not a.overlaps(b), (text_a, text_b)
    head = next(b for t, b in boxes if t.replace("\n", "").startswith("聚丙烯"))
    assert head.x0 > max(b.x1 for t, b in boxes if not t.replace("\n", "").startswith("聚丙烯"))   # head at the right


def test_any_to_draw_knows_what_an_export_draws(sample, tmp_path: Path) -> None:
    """Before an export the sample's charts are to be drawn; after it every one is in the cache, at
    the width the report books print it; a changed chart is to be drawn again."""
    from exporters.bundle import export_bundle
    from exporters.charts import any_to_draw, clear_cache
    from forms.sample import write_sample
    clear_cache(disk=True)
    assert any_to_draw(sample)
    project_file = tmp_path / "示例.qcproj"
    write_sample(project_file)
    export_bundle(sample, tmp_path / "out", base_dir=tmp_path, draft=True, workers=1)
    clear_cache()   # memory only: the disk cache is what a new process finds
    assert not any_to_draw(sample)
    pareto = next(b for a in sample.group_achievements for s in a.report.sections for b in s.blocks
                  if b.type == "pareto")
    pareto.items[0].count = (pareto.items[0].count or 0) + 1
    assert any_to_draw(sample)


LONG = "循环水系统换热器结垢导致冷却效果下降的问题"


@pytest.mark.parametrize("module_name, block", [
    ("bar", BarBlock(unit="m³/h", bars=[{"label": LONG, "value": 123456.75}, {"label": "目标", "value": 90000},
                                         {"label": f"活动后 {LONG}", "value": 88000.5}])),
    ("bar", BarBlock(bars=[{"label": f"{LONG}{i}", "value": i} for i in range(1, 11)])),
    ("line", LineBlock(unit="mg/L", x_label=f"取样时间（{LONG}）", target=0.25,
                       points=[{"x": f"{LONG[:4 + i]}", "y": i / 10} for i in range(1, 13)])),
    ("line", LineBlock(unit="℃", points=[{"x": LONG, "y": 1.5}, {"x": LONG, "y": 1e6}])),
], ids=["bar-long-labels", "bar-ten", "line-twelve", "line-wide-range"])
def test_axis_texts_stay_inside_the_chart(monkeypatch: pytest.MonkeyPatch, module_name: str, block) -> None:
    """Tick labels, axis titles and values, however long, are inside the image, outside the plot
    area where they label it, and clear of each other."""
    fig = _drawn_figure(monkeypatch, module_name, block)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    ticks_x = [t for t in ax.get_xticklabels() if t.get_text()]
    ticks_y = [t for t in ax.get_yticklabels() if t.get_text() and ax.get_ylim()[0] <= t.get_position()[1] <= ax.get_ylim()[1]]
    titles = [t for t in (ax.xaxis.label, ax.yaxis.label) if t.get_text()]
    assert ticks_x and ticks_y and titles
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in [*ticks_x, *ticks_y, *titles, *ax.texts]]
    for text, box in boxes:
        assert 0 <= box.x0 and box.x1 <= fig.bbox.width and 0 <= box.y0 and box.y1 <= fig.bbox.height, text
    assert all(t.get_window_extent(renderer).y1 <= frame.y0 for t in ticks_x)          # below the plot area
    assert all(t.get_window_extent(renderer).x1 <= frame.x0 for t in ticks_y)          # left of it
    labels = [(t.get_text(), t.get_window_extent(renderer)) for t in [*ticks_x, *titles]]
    for i, (text_a, a) in enumerate(labels):
        for text_b, b in labels[i + 1:]:
            assert not a.overlaps(b), (text_a, text_b)
    # Little room is wasted: the plot area reaches close to the image's right and top edges.
    assert fig.bbox.width - frame.x1 < 0.08 * fig.bbox.width and fig.bbox.height - frame.y1 < 0.12 * fig.bbox.height


def test_a_chart_is_the_same_in_a_fresh_process(tmp_path: Path) -> None:
    """What is kept between drawings (text layouts, glyph bitmaps, the figure of each kind) changes
    no pixel: each chart drawn after many others equals the same chart drawn first in a new process."""
    import hashlib

    from exporters.charts import clear_cache
    goal = Goal(indicator="排烟温度", unit="℃", direction="降低", baseline=168, target=138, achieved=134)
    for width in (8.0, 12.0, 15.0):
        for kind in sorted(OTHERS):
            render_chart(OTHERS[kind], goal=goal, step="效果检查", width_cm=width)
            render_chart(BLOCKS[kind], width_cm=width + 1)
    clear_cache(disk=True)
    here = {kind: hashlib.sha256(render_chart(BLOCKS[kind], width_cm=15.0)).hexdigest() for kind in sorted(BLOCKS)}
    clear_cache(disk=True)
    code = ("import hashlib\nfrom tests.test_charts import BLOCKS\nfrom exporters.charts import render_chart\n"
            "for kind in sorted(BLOCKS):\n"
            "    print(kind, hashlib.sha256(render_chart(BLOCKS[kind], width_cm=15.0)).hexdigest())\n")
    env = {**os.environ, "QCDESK_CACHE_DIR": str(tmp_path / "fresh")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                         check=True).stdout
    fresh = dict(line.split() for line in out.splitlines() if line.strip())
    assert fresh == here


@pytest.mark.parametrize("months", [6, 9, 14, 30])
def test_plan_dates_do_not_run_into_each_other(monkeypatch: pytest.MonkeyPatch, months: int) -> None:
    """A plan over many months labels every month while the labels fit side by side, else every
    second, third… month; the labels never overlap and stay inside the image."""
    import datetime as dt
    start = dt.date(2023, 1, 2)
    tasks = [{"name": f"步骤{i + 1}", "plan_start": start + dt.timedelta(days=months * 30 * i // 12),
              "plan_end": start + dt.timedelta(days=months * 30 * (i + 1) // 12)} for i in range(12)]
    fig = _drawn_figure(monkeypatch, "gantt", PlanBlock(tasks=tasks))
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    labels = [t for t in ax.get_xticklabels() if t.get_text() and low <= t.get_position()[0] <= high]
    assert len(labels) >= 3
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert all(0 <= b.x0 and b.x1 <= fig.bbox.width for b in boxes)
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:]))
    if months == 6:
        assert len(labels) >= 6            # every month while they fit


def test_long_pareto_names_stay_clear_of_the_footer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Item names wrapped to four or five lines under narrow bars: the chart grows taller, and the
    names neither run into the N＝/数据收集期间/制图人 line nor leave the image."""
    block = ParetoBlock(unit="次", period="2023年6月1日—6月30日", drawn_by="王建国", items=[
        {"name": f"{LONG[:6 + i]}{i}", "count": 100 - 7 * i} for i in range(12)])
    fig = _drawn_figure(monkeypatch, "pareto", block)
    renderer = fig.canvas.get_renderer()
    names = [t for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert max(t.get_text().count("\n") for t in names) >= 3                      # four lines or more
    footer = next(t for t in fig.texts if t.get_text().startswith("N＝")).get_window_extent(renderer)
    assert footer.y0 >= 0
    for name in names:
        box = name.get_window_extent(renderer)
        assert box.y0 > footer.y1 and 0 <= box.x0 and box.x1 <= fig.bbox.width, name.get_text()
    tall = fig.get_figheight()
    assert _drawn_figure(monkeypatch, "pareto", BLOCKS["pareto"]).get_figheight() < tall   # the same figure, reused
