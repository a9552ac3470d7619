"""Reports written out by hand with their blocks, so that every 方法自查 check passes: the sample's
forms, with 排列图, 因果图, 要因确认表, 对策表, 经济效益, 活动计划 and a goal added to each report.
Tests spoil one thing at a time and look for the one finding it causes."""
from __future__ import annotations

from forms.rules import Finding

G0 = ("group_achievements", 0, "report")


def _section(report: dict, step: str) -> dict:
    return next(s for s in report["sections"] if s["step"] == step)


def plan(start: str = "2023-05-08", end: str = "2023-11-20") -> dict:
    return {"type": "plan", "title": "活动计划", "tasks": [
        {"name": "选择课题", "plan_start": start, "plan_end": start, "actual_start": start, "actual_end": start},
        {"name": "效果检查", "plan_start": end, "plan_end": end, "actual_start": end, "actual_end": end},
    ]}


def pareto(items: list[tuple[str, int]] | None = None, title: str = "排烟温度超标原因排列图") -> dict:
    items = items or [("空气预热器出口温度偏高", 41), ("炉管外壁积灰", 12), ("过剩空气系数偏高", 6), ("其他", 3)]
    return {"type": "pareto", "title": title, "unit": "次", "period": "2023年6月",
            "items": [{"name": n, "count": c} for n, c in items]}


LEAVES = ["热管泄漏", "吹灰操作卡不完善", "氧含量分析仪偏差", "操作人员技能不足"]
KEYS = LEAVES[:3]


def fishbone() -> dict:
    return {"type": "fishbone", "problem": "空气预热器出口温度偏高", "branches": [
        {"name": "机", "causes": [{"name": "空气预热器换热差", "causes": ["热管泄漏"]}]},
        {"name": "法", "causes": ["吹灰操作卡不完善"]},
        {"name": "测", "causes": ["氧含量分析仪偏差"]},
        {"name": "人", "causes": ["操作人员技能不足"]},
    ]}


def cause_check() -> dict:
    owners = ["阿依古丽·买买提", "张伟", "陈静", "刘洋"]
    return {"type": "cause_check", "title": "要因确认表", "rows": [
        {"cause": leaf, "content": "现场检查", "method": "现场测量", "standard": "符合规程",
         "result": "超出标准" if leaf in KEYS else "符合标准", "owner": owner, "date": "2023-07-10",
         "is_key": "是" if leaf in KEYS else "否"}
        for leaf, owner in zip(LEAVES, owners)]}


def countermeasures() -> dict:
    measures = {"热管泄漏": ("更换泄漏热管", "阿依古丽·买买提"), "吹灰操作卡不完善": ("修订吹灰操作卡", "张伟"),
                "氧含量分析仪偏差": ("校验氧含量分析仪", "陈静")}
    return {"type": "countermeasures", "title": "对策表", "rows": [
        {"cause": cause, "measure": measure, "goal": "出口温度≤150℃", "actions": "按检修方案实施并验收",
         "place": "常减压装置F-101", "owner": owner, "due": "2023-08-31"}
        for cause, (measure, owner) in measures.items()]}


def benefit(amounts: tuple[str, str] = ("352.74", "-15")) -> dict:
    return {"type": "benefit", "title": "经济效益计算", "rows": [
        {"item": "节约燃料气", "amount": amounts[0], "basis": "1326吨×2660元/吨"},
        {"item": "热管更换费用", "amount": amounts[1], "basis": "财务核定"}]}


def complete(data: dict) -> dict:
    """The sample with every report holding what a reviewer looks for."""
    g0 = data["group_achievements"][0]["report"]
    g0["goal"] = {"indicator": "加热炉排烟温度", "unit": "℃", "direction": "降低", "baseline": 168,
                  "target": 140, "achieved": 134}
    _section(g0, "选择课题")["blocks"] = [plan()]
    _section(g0, "现状调查")["blocks"] = [pareto()]
    _section(g0, "设定目标")["blocks"] = [{"type": "bar", "from_goal": True}]
    _section(g0, "原因分析")["blocks"] = [fishbone()]
    _section(g0, "确定主要原因")["blocks"] = [cause_check()]
    _section(g0, "制定对策")["blocks"] = [countermeasures()]
    _section(g0, "效果检查")["blocks"] = [
        pareto([("空气预热器出口温度偏高", 9), ("炉管外壁积灰", 31), ("过剩空气系数偏高", 12), ("其他", 2)]),
        {"type": "bar", "from_goal": True}, benefit()]

    g1 = data["group_achievements"][1]["report"]   # 创新型
    _section(g1, "选择课题")["blocks"] = [plan(g1["activity_start"], g1["activity_end"])]
    _section(g1, "提出方案并确定最佳方案")["blocks"] = [
        {"type": "table", "title": "方案比较", "columns": ["方案", "精度", "结论"],
         "rows": [["超声波", "±0.05mm", "选用"], ["塞尺", "±0.2mm", "不选"]]}]
    _section(g1, "效果检查")["blocks"] = [{"type": "bar", "unit": "mm",
                                      "bars": [{"label": "目标", "value": 0.1}, {"label": "实际", "value": 0.05}]}]

    g2 = data["group_achievements"][2]["report"]   # 问题解决型, 指令性目标
    g2["goal"] = {"indicator": "聚丙烯优等品率", "unit": "%", "direction": "提高", "baseline": 92.5,
                  "target": 96, "achieved": 96.8}
    _section(g2, "选择课题")["blocks"] = [plan(g2["activity_start"], g2["activity_end"])]
    _section(g2, "效果检查")["blocks"] = [{"type": "bar", "from_goal": True}]
    data["team_achievements"][0]["team_name"] = "包装班"
    return data


def coded(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


def messages(found: list[Finding], code: str) -> list[str]:
    return [f.detail for f in coded(found, code)]
