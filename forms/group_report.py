"""附件8 质量管理小组活动成果报告书."""
from __future__ import annotations

from typing import Annotated, Literal

from forms.fields import Choice, Count, Date, FormModel, Text, field
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
    members: list[GroupMember] = field("小组成员情况", "逐人填写，人数应与申报表的小组人数一致。", default=[])
    sections: list[Section] = field(
        "具体内容", "按 T/CAQ 10201-2020《质量管理小组活动准则》的步骤逐一填写。", default=[])
