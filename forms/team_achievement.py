"""附件3 优秀质量管理成果申报表（班组用样表）, with its 附件9 report."""
from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator

from forms.fields import Count, Date, FormModel, Money, Names, Paths, Rate, Text, field, none_as_empty
from forms.team_report import TeamReport


class TeamAchievement(FormModel):
    title: Text = field("成果名称", "制作证书的依据，应确保准确无误；不要换行。", default="")
    team_name: Text = field(
        "质量信得过班组名称",
        "以正式组织单元名称为准，区分“班”和“组”，以“**班”“**组”“**工段”或“**室”等为名；不要挂上级部门。",
        default="")
    enterprise: Text = field("企业名称（以公章为准）", "班组所在单位，以公章为准，不要挂上级部门。", default="")
    address: Text = field("详细通讯地址", default="")
    postcode: Text = field("邮编", "6位数字。", default="")
    supervising_department: Text = field("主管部门", default="")
    contact_person: Text = field("直接联系人", default="")
    mobile: Text = field("手机", "11位手机号码。", default="")
    landline: Text = field("座机", "如 0546-8551234。", default="")
    leader: Text = field("班组长姓名", default="")
    member_count: Count | None = field("班组人数", "班组的全部成员数。")
    main_contributors: Names = field(
        "主要完成人（不超过15人）", "按顺序依次准确填写人员姓名，每格一人；制作证书的依据。", default=[])
    work_completion_rate: Rate | None = field("班组工作完成率（%）", "0–100，最多两位小数。")
    satisfaction_rate: Rate | None = field("产品/服务满意度（%）", "0–100，最多两位小数。")
    pass_rate: Rate | None = field("产品/服务合格率（%）", "0–100，最多两位小数。")
    assessment_pass_rate: Rate | None = field("质量考核合格率（%）", "0–100，最多两位小数。")
    participation_rate: Rate | None = field("质量改进活动参与率（%）", "0–100，最多两位小数。")
    quality_cost: Money | None = field("质量成本（万元/年）", "单位万元/年，最多两位小数。")
    training_attendance: Count | None = field("年培训参与人数（人次）")
    customer_complaints: Count | None = field("年顾客投诉数（个）")
    incidents: Count | None = field(
        "年质量、安全事故数（个）", "附件1：被推荐班组近三年无质量、安全、环保事故。")
    no_incidents_3y: bool = field(
        "近三年未发生质量、安全、环保事故",
        "附件1 二(二)5：被推荐班组近三年无质量、安全、环保事故。确认属实后勾选；这是申报条件，不印在申报表上。",
        default=False)
    summary: Text = field("质量信得过班组简介及活动结果", "简明扼要：班组简介及活动结果。", default="")
    completed_on: Date | None = field("成果完成日期", "成果须在通知规定的日期以后完成。")
    sign_date: Date | None = field("年 月 日 (所在企业盖章处)", "所在企业盖章的日期。")
    attachments: Paths = field(
        "班组活动记录等附件", "需提交班组活动记录；文件会复制到申报包中。", default=[])
    report: Annotated[TeamReport, BeforeValidator(none_as_empty)] = field(
        "成果报告书（附件9）", "按附件9格式编写的质量信得过班组建设活动成果报告书。", factory=TeamReport)
