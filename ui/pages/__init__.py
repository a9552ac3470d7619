"""One page per form: 申报单位, 附件2 (+8), 附件3 (+9), 附件6, 附件7, and the welcome page."""
