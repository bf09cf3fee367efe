from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, NotFound


class ExportRunning(Conflict):
    code = "export_running"
    default_detail = _("已有一个导出正在进行，请等它完成。")
    constraints = ("exports_one_running_per_firm",)


class ExportNotFound(NotFound):
    code = "export_not_found"
    default_detail = _("没有找到这个导出。")


class ExportNotReady(Conflict):
    code = "export_not_ready"
    default_detail = _("导出尚未完成，暂时不能下载。")
