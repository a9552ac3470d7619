"""The welcome page: what qcdesk does, this year's key dates, and where to start."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from forms.campaign import CampaignProfile
from forms.text import cn_date


class WelcomePage(QWidget):
    new_requested = Signal()
    sample_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, profile: CampaignProfile, recent: list[str]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel("质量成果申报助手")
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        layout.addWidget(title)
        intro = QLabel(
            f"{profile.year}年度 {profile.notice_number}《{profile.notice_title}》\n"
            f"活动主题：{profile.theme}\n"
            f"成果须于{cn_date(profile.completion_cutoff)}以后完成；"
            f"网上申报时间：{cn_date(profile.submission_start)}至{cn_date(profile.submission_end)}；\n"
            f"下一年度成果申报登记备案截止：{cn_date(profile.next_registration_deadline)}。\n\n"
            "在左侧依次填写申报单位、各项成果（申报表与成果报告书）、活动统计表和评委推荐；"
            "每一项的问题会在填写或离开该项后显示在它下方（“全部检查”立即显示全部），汇总在窗口下方的“检查结果”中。"
            "全部无误后，用“导出申报包”生成可上传的全部文件。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        for text, signal in (("新建空白项目", self.new_requested), ("打开示例项目", self.sample_requested),
                             ("打开项目文件…", self.open_requested)):
            button = QPushButton(text)
            button.setMinimumHeight(34)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        if recent:
            layout.addWidget(QLabel("最近打开："))
            self.recent = QListWidget()
            self.recent.addItems(recent)
            self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.text()))
            self.recent.setMaximumHeight(160)
            layout.addWidget(self.recent)
        layout.addStretch(1)
