"""The built-in checklist library: items for Chinese residential estates, per service line,
written after the common levels of property service (GB/T 20647.9 物业服务 and the local
普通住宅小区物业服务等级标准). Chinese is the source; English is in the app's catalogue
(`gettext_noop` marks the strings, the library endpoint translates them for the reader).
Committees copy a line into their own template and edit it there."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N

from .choices import ServiceLine


@dataclass(frozen=True)
class LibraryItem:
    service_line: str
    title: str
    standard: str
    photo_required: bool = False
    weight: int = 1

    def translated(self) -> dict[str, object]:
        return {
            "service_line": self.service_line,
            "title": gettext(self.title),
            "standard": gettext(self.standard),
            "photo_required": self.photo_required,
            "weight": self.weight,
        }


S, C, G, M, F, P, K = (
    ServiceLine.SECURITY,
    ServiceLine.CLEANING,
    ServiceLine.GREENING,
    ServiceLine.MAINTENANCE,
    ServiceLine.FIRE,
    ServiceLine.PARKING,
    ServiceLine.SERVICE,
)

LIBRARY: tuple[LibraryItem, ...] = (
    # 安保
    LibraryItem(
        S, N("出入口值守"), N("主出入口24小时有人值守，着装整齐，对外来人员和车辆登记。"), False, 3
    ),
    LibraryItem(S, N("门禁系统"), N("单元门禁、道闸工作正常，无长期敞开或损坏。"), True, 2),
    LibraryItem(S, N("监控设备"), N("监控摄像头完好，画面清晰，录像保存不少于30天。"), True, 3),
    LibraryItem(S, N("巡逻记录"), N("按规定路线和频次巡逻，巡更记录完整可查。"), False, 2),
    LibraryItem(S, N("监控中心值班"), N("监控中心24小时有人值班，值班记录完整。"), False, 2),
    LibraryItem(S, N("周界防范"), N("围墙、栅栏完好，无破损和攀爬隐患。"), True, 2),
    LibraryItem(S, N("快递外卖管理"), N("快递、外卖人员按规定出入，不随意进入楼栋。"), False, 1),
    LibraryItem(
        S, N("突发事件预案"), N("有治安、火灾等突发事件应急预案，每年至少演练一次。"), False, 2
    ),
    LibraryItem(S, N("岗亭秩序"), N("岗亭整洁，无闲杂人员聚集，无脱岗、睡岗。"), False, 1),
    # 保洁
    LibraryItem(C, N("楼道卫生"), N("楼道、楼梯每日清扫，地面无垃圾、无积尘。"), True, 3),
    LibraryItem(C, N("楼道杂物"), N("楼道、消防通道无堆放杂物。"), True, 3),
    LibraryItem(C, N("电梯轿厢清洁"), N("电梯轿厢每日清洁，无污渍、无异味。"), False, 2),
    LibraryItem(
        C, N("垃圾分类"), N("垃圾分类投放点标识清楚，桶体完好，定时清运，无满溢。"), True, 3
    ),
    LibraryItem(C, N("道路广场"), N("道路、广场每日清扫，无明显垃圾和积水。"), False, 2),
    LibraryItem(C, N("外墙与公共玻璃"), N("大堂玻璃、门窗定期擦拭，无明显污迹。"), False, 1),
    LibraryItem(C, N("小广告清理"), N("公共区域无乱张贴、乱涂画，发现后24小时内清除。"), True, 1),
    LibraryItem(C, N("消杀工作"), N("定期开展灭鼠、灭蟑、灭蚊蝇，有消杀记录。"), False, 2),
    LibraryItem(C, N("雨污水井"), N("雨水、污水井盖完好，管道通畅，无堵塞外溢。"), False, 2),
    # 绿化
    LibraryItem(G, N("草坪养护"), N("草坪修剪整齐，高度适中，无大面积枯黄和斑秃。"), True, 2),
    LibraryItem(G, N("乔灌木修剪"), N("乔木、灌木定期修剪，无枯枝、无遮挡道路和路灯。"), False, 2),
    LibraryItem(G, N("病虫害防治"), N("无明显病虫害，用药安全并提前告知住户。"), False, 2),
    LibraryItem(G, N("绿地杂物"), N("绿地内无垃圾、无杂物堆放、无毁绿种菜。"), True, 2),
    LibraryItem(G, N("浇水排涝"), N("按季节浇灌，雨后无长时间积水。"), False, 1),
    LibraryItem(G, N("补植补种"), N("死亡苗木及时补种，绿化无大片缺损。"), False, 1),
    LibraryItem(G, N("绿化设施"), N("花坛、树池、护栏完好，无损坏。"), False, 1),
    LibraryItem(G, N("防台防汛"), N("台风、暴雨前加固树木，倒伏树木及时处理。"), False, 2),
    LibraryItem(G, N("绿化标识"), N("绿化保护标识清晰、完好。"), False, 1),
    # 维修
    LibraryItem(M, N("电梯运行"), N("电梯运行正常，年检合格证在有效期内并公示。"), True, 3),
    LibraryItem(M, N("电梯维保"), N("电梯每15日至少维护保养一次，有维保记录。"), False, 3),
    LibraryItem(M, N("公共照明"), N("楼道灯、路灯完好率不低于98%，损坏24小时内修复。"), True, 2),
    LibraryItem(M, N("供水设施"), N("二次供水水箱定期清洗消毒，水质检测报告公示。"), False, 3),
    LibraryItem(M, N("屋面与外墙"), N("屋面无渗漏，外墙无空鼓脱落隐患。"), True, 2),
    LibraryItem(M, N("报修响应"), N("一般报修30分钟内响应，急修2小时内到场。"), False, 3),
    LibraryItem(M, N("公共设施"), N("单元门、信报箱、休闲座椅、健身器材完好可用。"), False, 1),
    LibraryItem(M, N("道路井盖"), N("道路平整无坑洼，井盖无缺失、无松动。"), True, 2),
    LibraryItem(M, N("配电与水泵房"), N("配电房、水泵房整洁上锁，设备运行记录完整。"), False, 2),
    # 消防
    LibraryItem(F, N("消防通道"), N("消防车通道、登高场地无占用，标识清晰。"), True, 3),
    LibraryItem(F, N("安全出口"), N("安全出口、疏散通道畅通，常闭式防火门处于关闭状态。"), True, 3),
    LibraryItem(F, N("灭火器"), N("灭火器配置齐全，压力正常，在有效期内。"), True, 3),
    LibraryItem(F, N("消火栓"), N("室内外消火栓完好，水带水枪齐全，水压正常。"), True, 3),
    LibraryItem(F, N("应急照明"), N("应急照明灯和疏散指示标志完好有效。"), False, 2),
    LibraryItem(F, N("消防控制室"), N("消防控制室24小时双人值班，持证上岗。"), False, 3),
    LibraryItem(F, N("自动报警与喷淋"), N("火灾自动报警和喷淋系统正常，无故障和屏蔽。"), False, 3),
    LibraryItem(F, N("电动车充电"), N("电动自行车不在楼道、室内停放或充电。"), True, 3),
    LibraryItem(F, N("消防演练"), N("每年至少组织一次消防演练，有记录和照片。"), False, 2),
    # 停车
    LibraryItem(
        P, N("车辆停放秩序"), N("车辆按位停放，无乱停乱放，不占用消防通道和绿地。"), True, 3
    ),
    LibraryItem(P, N("道闸与收费"), N("道闸运行正常，收费标准公示，票据齐全。"), False, 2),
    LibraryItem(P, N("车库照明通风"), N("地下车库照明、通风设施运行正常。"), False, 2),
    LibraryItem(P, N("车库标识"), N("车库行车指示、限速、限高标识清晰。"), False, 1),
    LibraryItem(P, N("非机动车停放"), N("非机动车集中有序停放，车棚整洁。"), True, 2),
    LibraryItem(P, N("充电设施"), N("充电桩、充电棚完好，有防火措施。"), False, 2),
    LibraryItem(P, N("车库防汛"), N("车库出入口挡水设施完好，排水畅通。"), False, 2),
    LibraryItem(P, N("僵尸车清理"), N("长期停放的废弃车辆登记并协调处理。"), False, 1),
    LibraryItem(P, N("车位管理"), N("车位租售、使用情况按规定公示。"), False, 1),
    # 客服
    LibraryItem(
        K, N("服务中心开放"), N("物业服务中心工作日开放不少于8小时，公示服务电话。"), False, 2
    ),
    LibraryItem(
        K, N("信息公示"), N("收费标准、服务内容、服务标准、负责人在显著位置公示。"), True, 3
    ),
    LibraryItem(K, N("投诉处理"), N("投诉2个工作日内答复，处理结果回访。"), False, 3),
    LibraryItem(K, N("服务态度"), N("工作人员佩戴工牌，文明礼貌，首问负责。"), False, 2),
    LibraryItem(K, N("公共收益公示"), N("公共收益收支情况定期公示。"), False, 2),
    LibraryItem(K, N("装修管理"), N("装修登记、巡查到位，违规装修及时制止并报告。"), False, 2),
    LibraryItem(K, N("档案管理"), N("业主档案、设备档案完整，按规定保密。"), False, 1),
    LibraryItem(K, N("满意度调查"), N("每年至少开展一次业主满意度调查并公布结果。"), False, 2),
    LibraryItem(K, N("温馨提示"), N("停水停电、设备检修等提前公告。"), False, 1),
)


def library_items(service_line: str | None = None) -> list[LibraryItem]:
    return [i for i in LIBRARY if service_line is None or i.service_line == service_line]
