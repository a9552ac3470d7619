"""附件2 优秀成果申报表（小组用样表）, with its 附件8 report."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from forms.fields import Choice, Count, Date, FormModel, Money, Names, Paths, Text, field, none_as_empty
from forms.group_report import GroupReport

TopicType = Literal["问题解决型", "创新型"]
TOPIC_TYPES: tuple[str, ...] = ("问题解决型", "创新型")


class GroupAchievement(FormModel):
    title: Text = field(
        "成果名称（课题名称）", "制作证书的依据，应确保准确无误；不要换行。", default="")
    group_name: Text = field(
        "质量管理小组名称", "制作证书的依据；不要挂上级部门。", default="")
    enterprise: Text = field(
        "企业名称（公章为准）", "小组所在单位，以公章为准，不要挂上级部门；制作证书的依据。", default="")
    address: Text = field("详细通讯地址", default="")
    postcode: Text = field("邮编", "6位数字。", default="")
    contact_department: Text = field("小组联系部门", default="")
    contact_person: Text = field("直接联系人", default="")
    mobile: Text = field("手机", "11位手机号码。", default="")
    advisor: Text = field("小组活动指导者", default="")
    leader: Text = field("小组长姓名", default="")
    member_count: Count | None = field("小组人数", "小组的全部成员数，一般为3至10人。")
    main_contributors: Names = field(
        "主要完成人（不超过10人）", "按顺序依次准确填写人员姓名，每格一人；制作证书的依据。", default=[])
    topic_type: Annotated[TopicType | None, Choice] = field("课题类型", "问题解决型 或 创新型。")
    economic_benefit: Money | None = field("经济效益（万元）", "可计算的经济效益，单位万元，最多两位小数。")
    summary: Text = field(
        "QC小组简介和主要活动过程与效果", "简明扼要：小组简介、主要活动过程与效果。", default="")
    completed_on: Date | None = field("成果完成日期", "成果须在通知规定的日期以后完成。")
    sign_date: Date | None = field("年 月 日 (所在企业盖章处)", "所在企业盖章的日期。")
    attachments: Paths = field(
        "小组活动记录等附件", "需提交小组活动记录；文件会复制到申报包中。", default=[])
    report: Annotated[GroupReport, BeforeValidator(none_as_empty)] = field(
        "成果报告书（附件8）", "按附件8格式编写的质量管理小组活动成果报告书。", factory=GroupReport)
