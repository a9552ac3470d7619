"""附件9 质量信得过班组建设活动成果报告书."""
from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator

from forms.fields import Count, Date, FormModel, Text, field, none_as_empty
from forms.report_common import Section


class TeamOverview(FormModel):
    composition: Text = field("班组成员组成", default="")
    duties: Text = field("班组职责", default="")
    work: Text = field("主要工作内容", default="")
    culture_vision: Text = field("班组文化和愿景", default="")


class TeamMember(FormModel):
    name: Text = field("姓名", default="")
    age: Count | None = field("年龄")
    education: Text = field("文化程度", default="")
    title: Text = field("职务、职称", default="")
    duty: Text = field("岗位职责", default="")
    remark: Text = field("备注", default="")


class TeamReport(FormModel):
    presenter: Text = field("发表人", default="")
    report_date: Date | None = field("封面日期", "成果报告书封面上的年月日。")
    registration_no: Text = field(
        "注册编号", "班组须在上年已通过“申报与评审系统”登记备案，填写系统给出的注册编号。", default="")
    overview: Annotated[TeamOverview, BeforeValidator(none_as_empty)] = field(
        "班组概况", "班组成员组成，班组职责，主要工作内容、班组文化和愿景等。", factory=TeamOverview)
    members: list[TeamMember] = field("班组成员情况", "逐人填写，人数应与申报表的班组人数一致。", default=[])
    sections: list[Section] = field(
        "具体内容", "按 T/CAQ 10204-2017《质量信得过班组建设准则》的步骤逐一填写。", default=[])
