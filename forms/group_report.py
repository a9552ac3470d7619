"""附件8 质量管理小组活动成果报告书."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from forms.fields import Choice, Count, Date, FormModel, Number, Text, field
from forms.report_common import Section

TargetKind = Literal["自定目标", "指令性目标"]
TARGET_KINDS: tuple[str, ...] = ("自定目标", "指令性目标")


class GroupMember(FormModel):
    name: Text = field("姓名", default="")
    age: Count | None = field("年龄")
    education: Text = field("文化程度", "如 本科、大专、中专、高中。", default="")
    title: Text = field("职务、职称", "如 班长/技师、工程师。", default="")
    role: Text = field("组内分工", "如 组长、组织协调、数据收集。", default="")
    remark: Text = field("备注", default="")


Direction = Literal["降低", "提高"]
DIRECTIONS: tuple[str, ...] = ("降低", "提高")


class Goal(FormModel):
    """课题指标: the one measured indicator the topic improves, stated once for charts and checks."""

    indicator: Text = field("课题指标", "如 加热炉排烟温度。", default="")
    unit: Text = field("单位", "如 ℃、%、次/月；计数可不填。", default="")
    direction: Annotated[Direction | None, Choice] = field("改进方向", "降低 或 提高。")
    baseline: Number | None = field("活动前（现状值）", "现状调查得到的数值；指令性目标填上级要求前的水平。")
    target: Number | None = field("目标值", "应在改进方向上优于现状值。")
    achieved: Number | None = field("活动后（实际值）", "效果检查得到的数值。")


def _none_as_goal(value: object) -> object:
    return {} if value is None else value


class GroupReport(FormModel):
    presenter: Text = field("发表人", "在成果发表会上发表的人。", default="")
    report_date: Date | None = field("封面日期", "成果报告书封面上的年月日。")
    registration_no: Text = field(
        "注册编号", "小组须在上年已通过“申报与评审系统”登记备案，填写系统给出的注册编号。", default="")
    founded_on: Date | None = field("成立时间", "小组成立的日期。")
    activity_start: Date | None = field("活动开始时间", "本课题活动的开始日期。")
    activity_end: Date | None = field("活动结束时间", "本课题活动的结束日期。")
    meetings_this_year: Count | None = field("当年活动次数", "本年度小组活动的次数。")
    target_kind: Annotated[TargetKind | None, Choice] = field(
        "目标类型", "仅问题解决型课题填写：自定目标需做“现状调查”；指令性目标不做现状调查，"
        "但在“设定目标”之后要进行“目标可行性论证”。")
    goal: Annotated[Goal, BeforeValidator(_none_as_goal)] = field(
        "课题指标", "课题要改进的指标：现状值、目标值和活动后的实际值，用于柱状图和方法自查。", factory=Goal)
    members: list[GroupMember] = field("小组成员情况", "逐人填写，人数应与申报表的小组人数一致。", default=[])
    sections: list[Section] = field(
        "具体内容", "按 T/CAQ 10201-2020《质量管理小组活动准则》的步骤逐一填写。", default=[])
