"""附件7 评委推荐表: one recommended expert."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from forms.fields import Choice, FormModel, Paths, Text, field, split_choices

ReviewType = Literal["小组成果", "班组成果"]
REVIEW_TYPES: tuple[str, ...] = ("小组成果", "班组成果")


class Reviewer(FormModel):
    name: Text = field("姓名", default="")
    work_unit: Text = field("工作单位及部门", default="")
    address: Text = field("通讯地址", default="")
    postcode: Text = field("邮编", "6位数字。", default="")
    mobile: Text = field("手机", "11位手机号码。", default="")
    email: Text = field("E-mail", default="")
    experience: Text = field(
        "相关经历描述",
        "包括参与小组成果/班组成果评审的经历，参加过的相关培训，曾获过的相关奖励、荣誉、培训证书及资质证书等；"
        "字数300字以内，简明扼要。", default="")
    review_types: Annotated[list[Annotated[ReviewType, Choice]], BeforeValidator(split_choices)] = field("推荐参与评审成果类型", "可多选：小组成果、班组成果。", default=[])
    evidence: Paths = field(
        "证书等证明材料电子版", "获过的奖励、荣誉、培训证书及资质证书等的电子版；文件会复制到申报包中。", default=[])
