"""The starting list a new estate is offered (the sides edit it before proposing): the usual
division of duties in a Chinese residential estate, after the Civil Code (arts. 278-287), the
Property Management Regulations (物业管理条例, arts. 10-20, 35-47) and the common terms of
property service contracts. Chinese is the source; English is in the app's catalogue."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N

from .choices import Party

F, C, R, W = Party.FIRM, Party.COMMITTEE, Party.RESIDENTS_COMMITTEE, Party.OWNERS

DEFAULT_ITEMS: list[tuple[str, str, str]] = [
    (
        N("共用部位、共用设施设备的日常维修养护"),
        F,
        N("按物业服务合同约定的标准执行，建立维修养护记录"),
    ),
    (N("公共区域保洁与垃圾清运"), F, N("按合同约定频次保洁，垃圾日产日清，配合垃圾分类")),
    (N("秩序维护与门岗管理"), F, N("出入口管理、巡逻、监控值守；发现违法行为及时报告公安机关")),
    (N("消防设施维护与消防通道管理"), F, N("消防设施定期检测，保持消防通道畅通；业主不得占用")),
    (N("绿化养护"), F, N("按合同约定的标准修剪、浇灌、病虫害防治")),
    (N("报事报修受理与回访"), F, N("按小区设置的时限响应、处理并回访")),
    (N("装饰装修管理"), F, N("告知装修禁止行为和注意事项，巡查；业主按规定办理装修登记")),
    (N("公共收益的记账与公示"), F, N("单独列账，按月公示，接受业委会审核与业主查询")),
    (N("物业服务合同履行情况的监督"), C, N("组织巡查与满意度评价，对整改项验收")),
    (N("召集业主大会会议并报告工作"), C, N("每年至少召开一次业主大会会议，向业主报告履职情况")),
    (N("公共收益与维修资金使用的审核"), C, N("审核公共收益公示报表，监督维修资金的使用")),
    (
        N("业主、物业使用人违反管理规约的劝阻"),
        C,
        N("督促违反管理规约的业主改正，必要时提请业主大会处理"),
    ),
    (N("指导和监督业主委员会的工作"), R, N("街道办事处、乡镇人民政府指导；居民委员会协助并监督")),
    (N("社区治理与矛盾调解"), R, N("协调业主、业委会与物业之间的矛盾，组织调解")),
    (N("选聘和解聘物业服务企业"), W, N("由业主共同决定（《民法典》第二百七十八条）")),
    (N("筹集和使用建筑物及其附属设施的维修资金"), W, N("由业主共同决定，按法定比例表决")),
    (N("改变共有部分的用途或利用共有部分从事经营活动"), W, N("由业主共同决定，按法定比例表决")),
    (N("制定和修改管理规约、业主大会议事规则"), W, N("由业主共同决定")),
    (
        N("按时交纳物业费，遵守管理规约"),
        W,
        N("业主义务；对物业服务有异议可通过报事、评价、业委会反映"),
    ),
]


def default_items() -> list[dict[str, str]]:
    """The starting list in the reader's language."""
    return [
        {"matter": gettext(matter), "party": str(party), "detail": gettext(detail)}
        for matter, party, detail in DEFAULT_ITEMS
    ]
