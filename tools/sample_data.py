"""The facts behind the generated sample nominations, committee and ballots.

Figures are plausible, not official statistics. Derived figures (shares, growth rates) are
not written here: make_samples.py computes them, so they always agree with the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

YEAR = 2024  # the 年度 assessed names the round (MIIT: "2024年度"); it runs in 2025
DATA_YEAR = 2024


@dataclass(frozen=True)
class Contact:
    name: str
    unit: str
    phone: str
    title: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class Evidence:
    id: str
    title: str
    path: str
    issuer: str
    date: str


@dataclass(frozen=True)
class Product:
    name: str
    industry: str
    unit: str
    output: float
    national_output: float


@dataclass(frozen=True)
class Dates:
    statistics: str
    declaration: str
    application: str
    consent: str
    letter: str  # also the 推荐表 and the 推荐单位意见


@dataclass(frozen=True)
class Content:
    """申报书 (application.yaml) text and figures, condition by condition (第6条)."""

    plan: str
    annual_plan: str
    policies: tuple[tuple[str, str, str], ...]  # title, doc_no, date
    organization: str
    results: str
    industries: tuple[tuple[str, str], ...]  # name, description
    products: tuple[Product, ...]
    value_added_yi: float
    value_added_growth_pct: float
    provincial_share_pct: float
    bases: tuple[tuple[str, str, int], ...]  # name, level, year
    c2_summary: str
    investment_yi: tuple[float, float]  # current, previous
    tech_investment_yi: tuple[float, float]
    c3_summary: str
    c4_summary: str
    brands: tuple[tuple[str, str, str], ...]  # name, owner, ip
    network: str
    platform: str
    security: str
    pilots: tuple[tuple[str, int, int], ...]  # name, year, count
    internet_bases: tuple[tuple[str, int], ...]
    c5_summary: str
    leadership: str
    monitoring: str
    c6_summary: str
    highlights: str


@dataclass(frozen=True)
class Nominee:
    key: str  # folder name: <省>-<市>
    province: str
    name: str  # city.name as in the gazetteer (浦东新区, not 上海市浦东新区)
    full_name: str  # as written in document titles
    code: str
    level: str
    level_note: str
    recommender: str
    province_government: str
    government: str
    statistics_bureau: str
    letter_no: str
    consent_no: str
    dates: Dates
    contact: Contact
    province_contact: Contact
    declaration_ext: str
    evidence: tuple[Evidence, ...]
    evidence_use: dict[str, tuple[str, ...]]  # condition -> attachment ids
    content: Content


# Pinyin shown on the generated PDFs (Helvetica has no Chinese glyphs).
PINYIN = {
    "310115": "Shanghai Shi Pudong Xinqu",
    "320500": "Suzhou Shi",
    "330200": "Ningbo Shi",
    "420600": "Xiangyang Shi",
    "511500": "Yibin Shi",
    "610800": "Yulin Shi",
}

KIND_LABELS = {
    "申报书": "Shenbao Shu (Application)",
    "推荐函": "Tuijian Han (Letter of Recommendation)",
    "推荐表": "Tuijian Biao (Recommendation Form)",
    "统计数据确认": "Tongji Shuju Queren (Statistics Confirmation)",
    "负责声明": "Fuze Shengming (Declaration of Responsibility)",
    "省政府同意文件": "Shengzhengfu Tongyi (Provincial Consent)",
    "佐证材料": "Zuozheng Cailiao (Supporting Evidence)",
}

NINGBO = Nominee(
    key="浙江省-宁波市",
    province="浙江省",
    name="宁波市",
    full_name="宁波市",
    code="330200",
    level="计划单列市",
    level_note="计划单列市（第5条“含计划单列市”）",
    recommender="浙江省经济和信息化厅",
    province_government="浙江省人民政府",
    government="宁波市人民政府",
    statistics_bureau="宁波市统计局",
    letter_no="浙经信函〔2025〕46号",
    consent_no="浙政函〔2025〕19号",
    dates=Dates(
        statistics="2025-03-06",
        declaration="2025-03-07",
        application="2025-03-11",
        consent="2025-03-17",
        letter="2025-03-21",
    ),
    contact=Contact(
        name="徐海峰",
        unit="宁波市经济和信息化局",
        title="经济运行处处长",
        phone="0574-89180000",
        mobile="13800000002",
        email="xuhf@example.gov.cn",
    ),
    province_contact=Contact(
        name="陈静",
        unit="浙江省经济和信息化厅经济运行处",
        phone="0571-87050000",
        email="chenjing@example.gov.cn",
    ),
    declaration_ext="pdf",
    evidence=(
        Evidence(
            "ev-plan",
            "宁波市推进制造业高质量发展实施方案（2023—2027年）",
            "attachments/佐证-实施方案.pdf",
            "宁波市人民政府",
            "2023-05-18",
        ),
        Evidence(
            "ev-base",
            "国家新型工业化产业示范基地证书（石化·宁波石化经济技术开发区）",
            "attachments/佐证-示范基地.png",
            "工业和信息化部",
            "2011-12-28",
        ),
        Evidence(
            "ev-internet",
            "工业互联网平台创新领航应用案例入选通知",
            "attachments/佐证-工业互联网.pdf",
            "工业和信息化部",
            "2024-11-06",
        ),
    ),
    evidence_use={
        "c1": ("ev-plan",),
        "c2": ("ev-base",),
        "c3": ("statistics",),
        "c4": ("ev-plan",),
        "c5": ("ev-internet",),
        "c6": ("statistics",),
    },
    content=Content(
        plan="印发《宁波市推进制造业高质量发展实施方案（2023—2027年）》，围绕绿色石化、"
        "汽车及零部件、高端装备、新材料等标志性产业链明确发展路径。",
        annual_plan="制定《2024年宁波市制造业高质量发展工作要点》，分解40项重点任务。",
        policies=(
            ("宁波市加快推进制造业数字化改造若干政策", "甬政发〔2023〕21号", "2023-07-10"),
            ("宁波市工业投资（技术改造）项目补助资金管理办法", "甬经信〔2024〕8号", "2024-01-25"),
        ),
        organization="成立市制造业高质量发展领导小组，市政府主要领导任组长，实行产业链链长制。",
        results="2024年规模以上工业增加值增长7.6%，高新技术产业增加值占规上工业比重达69.8%。",
        industries=(
            ("绿色石化", "镇海、大榭、北仑三大石化基地一体化布局，炼化规模居全国前列。"),
            ("高端装备", "注塑机、数控机床、智能成套装备产业链完整。"),
            ("汽车及零部件", "整车与关键零部件协同发展，新能源汽车产能快速提升。"),
        ),
        products=(
            Product("注塑机", "高端装备", "万台", 12.8, 34.6),
            Product("乙烯", "绿色石化", "万吨", 220.0, 3493.0),
        ),
        value_added_yi=6930.0,
        value_added_growth_pct=7.6,
        provincial_share_pct=22.4,
        bases=(
            ("国家新型工业化产业示范基地（石化·宁波石化经济技术开发区）", "国家级", 2011),
            ("浙江省新型工业化产业示范基地（汽车零部件·宁波杭州湾新区）", "省级", 2019),
        ),
        c2_summary="单项冠军企业数量居全国城市首位，绿色石化产业集群入选国家先进制造业集群。",
        investment_yi=(1820.0, 1690.0),
        tech_investment_yi=(1105.0, 985.0),
        c3_summary="实施数字化改造全覆盖行动，技改投资占工业投资比重连续三年超过六成。",
        c4_summary="实施“品字标浙江制造”品牌建设工程，新增浙江制造标准120项、浙江制造认证企业85家。",
        brands=(
            ("海天", "海天塑机集团有限公司", "注册商标及伺服节能注塑机发明专利"),
            ("方太", "宁波方太厨具有限公司", "注册商标及吸油烟机发明专利"),
            ("公牛", "公牛集团股份有限公司", "注册商标"),
        ),
        network="建成5G基站3.8万个，规上工业企业5G网络覆盖率达92%。",
        platform="培育国家级跨行业跨领域工业互联网平台1个（supOS）、省级平台35个。",
        security="建成市级工业互联网安全态势感知平台，接入重点企业860家。",
        pilots=(("工业和信息化部工业互联网试点示范项目", 2024, 5),),
        internet_bases=(("国家工业互联网产业示范基地（宁波）", 2022),),
        c5_summary="工业互联网平台应用普及率居全省前列。",
        leadership="市政府每月召开工业经济运行分析会，产业链链长定期协调重大问题。",
        monitoring="建立规上工业企业月度监测和重点企业“白名单”直报制度。",
        c6_summary="工业经济运行稳中向好，全年规上工业总产值增长6.9%。",
        highlights="宁波市制造业单项冠军数量全国领先，注塑机产量占全国三成以上，"
        "技改投资占工业投资比重超过六成。",
    ),
)

PUDONG = Nominee(
    key="上海市-浦东新区",
    province="上海市",
    name="浦东新区",
    full_name="上海市浦东新区",
    code="310115",
    level="直辖市辖区",
    level_note="直辖市辖区（第5条）",
    recommender="上海市经济和信息化委员会",
    province_government="上海市人民政府",
    government="上海市浦东新区人民政府",
    statistics_bureau="上海市浦东新区统计局",
    letter_no="沪经信运〔2025〕102号",
    consent_no="沪府函〔2025〕37号",
    dates=Dates(
        statistics="2025-03-04",
        declaration="2025-03-05",
        application="2025-03-10",
        consent="2025-03-14",
        letter="2025-03-19",
    ),
    contact=Contact(
        name="顾晨",
        unit="上海市浦东新区科技和经济委员会",
        title="产业发展处处长",
        phone="021-68540000",
        mobile="13800000003",
        email="guchen@example.gov.cn",
    ),
    province_contact=Contact(
        name="沈立",
        unit="上海市经济和信息化委员会经济运行处",
        phone="021-23110000",
        email="shenli@example.gov.cn",
    ),
    declaration_ext="jpg",
    evidence=(
        Evidence(
            "ev-plan",
            "浦东新区推进“六大硬核产业”高质量发展实施方案",
            "attachments/佐证-实施方案.pdf",
            "上海市浦东新区人民政府",
            "2023-03-28",
        ),
        Evidence(
            "ev-base",
            "国家新型工业化产业示范基地证书（集成电路·上海张江）",
            "attachments/佐证-示范基地.png",
            "工业和信息化部",
            "2010-11-16",
        ),
    ),
    evidence_use={
        "c1": ("ev-plan",),
        "c2": ("ev-base",),
        "c3": ("statistics",),
        "c4": ("ev-plan",),
        "c5": ("ev-plan",),
        "c6": ("statistics",),
    },
    content=Content(
        plan="印发《浦东新区推进“六大硬核产业”高质量发展实施方案》，聚焦集成电路、生物医药、"
        "人工智能、民用航空、智能汽车、高端装备。",
        annual_plan="制定《2024年浦东新区工业稳增长工作方案》，明确28项重点任务和责任单位。",
        policies=(
            ("浦东新区促进集成电路产业高质量发展若干措施", "浦府规〔2023〕5号", "2023-08-22"),
            ("浦东新区智能工厂建设专项支持办法", "浦科经委〔2024〕3号", "2024-03-12"),
        ),
        organization="成立区制造业高质量发展推进领导小组，建立重点产业链“链长+链主”协同机制。",
        results="2024年规模以上工业总产值增长5.3%，战略性新兴产业产值占比超过55%。",
        industries=(
            ("集成电路", "设计、制造、装备材料全产业链集聚，张江科学城为核心承载区。"),
            ("智能汽车", "临港新片区整车与三电系统集群加速成长。"),
            ("民用航空", "大型客机总装与配套产业链在浦东集聚。"),
        ),
        products=(
            Product("集成电路", "集成电路", "亿块", 365.0, 4514.0),
            Product("新能源汽车", "智能汽车", "万辆", 91.6, 1316.8),
        ),
        value_added_yi=2870.0,
        value_added_growth_pct=5.1,
        provincial_share_pct=28.6,
        bases=(
            ("国家新型工业化产业示范基地（集成电路·上海张江）", "国家级", 2010),
            ("国家新型工业化产业示范基地（民用航空·上海临港）", "国家级", 2021),
        ),
        c2_summary="集成电路产业规模约占全国五分之一，民用航空、智能汽车加快集聚，"
        "工业总产值占全市近三成。",
        investment_yi=(1050.0, 968.0),
        tech_investment_yi=(512.0, 451.0),
        c3_summary="技改投资连续两年保持两位数增长，智能工厂和绿色工厂建设提速，"
        "重点企业设备更新加快推进。",
        c4_summary="开展“上海品牌”认证培育，新增国家级制造业单项冠军企业9家。",
        brands=(
            ("中微", "中微半导体设备（上海）股份有限公司", "注册商标及刻蚀设备发明专利"),
            ("华虹", "上海华虹宏力半导体制造有限公司", "注册商标及特色工艺发明专利"),
        ),
        network="建成5G基站2.6万个，重点产业园区实现5G独立组网全覆盖。",
        platform="集聚国家级工业互联网平台4个，培育行业级平台18个。",
        security="建设工业互联网安全公共服务平台，为重点企业提供监测预警服务。",
        pilots=(("工业和信息化部工业互联网试点示范项目", 2024, 7), ("智能制造示范工厂", 2023, 3)),
        internet_bases=(),
        c5_summary="工业互联网标识解析二级节点数量居全国前列。",
        leadership="区委、区政府每季度专题研究工业经济，区领导联系重点企业和重大项目。",
        monitoring="建立百强企业运行监测和重大项目“周调度”机制。",
        c6_summary="工业经济运行总体平稳，新动能贡献持续提升。",
        highlights="浦东新区集成电路、智能汽车和民用航空引领全国，"
        "集成电路产量占全国8%以上，技改投资增速超过一成。",
    ),
)

XIANGYANG = Nominee(
    key="湖北省-襄阳市",
    province="湖北省",
    name="襄阳市",
    full_name="襄阳市",
    code="420600",
    level="地级",
    level_note="地级 / 计划单列市 / 直辖市辖区 / 直辖市辖县 / 县级",
    recommender="湖北省经济和信息化厅",
    province_government="湖北省人民政府",
    government="襄阳市人民政府",
    statistics_bureau="襄阳市统计局",
    letter_no="鄂经信函〔2025〕31号",
    consent_no="鄂政函〔2025〕24号",
    dates=Dates(
        statistics="2025-03-03",
        declaration="2025-03-06",
        application="2025-03-12",
        consent="2025-03-18",
        letter="2025-03-24",
    ),
    contact=Contact(
        name="刘志刚",
        unit="襄阳市经济和信息化局",
        title="运行监测科科长",
        phone="0710-3580000",
        mobile="13800000004",
        email="liuzg@example.gov.cn",
    ),
    province_contact=Contact(
        name="黄磊",
        unit="湖北省经济和信息化厅运行监测协调局",
        phone="027-87250000",
        email="huanglei@example.gov.cn",
    ),
    declaration_ext="jpg",
    evidence=(
        Evidence(
            "ev-plan",
            "襄阳市制造业高质量发展三年行动方案（2023—2025年）",
            "attachments/佐证-实施方案.pdf",
            "襄阳市人民政府",
            "2023-04-20",
        ),
        Evidence(
            "ev-base",
            "国家新型工业化产业示范基地证书（汽车产业·襄阳高新区）",
            "attachments/佐证-示范基地.png",
            "工业和信息化部",
            "2012-12-18",
        ),
    ),
    evidence_use={
        "c1": ("ev-plan",),
        "c2": ("ev-base",),
        "c3": ("statistics",),
        "c4": ("ev-plan",),
        "c5": ("ev-plan",),
        "c6": ("statistics",),
    },
    content=Content(
        plan="印发《襄阳市制造业高质量发展三年行动方案（2023—2025年）》，"
        "打造汽车及零部件、装备制造、新能源新材料三大千亿级产业集群。",
        annual_plan="制定《2024年全市工业经济稳增长工作方案》，确定30项重点工作。",
        policies=(
            ("襄阳市支持新能源汽车产业发展若干措施", "襄政规〔2023〕6号", "2023-09-05"),
            ("襄阳市工业企业技术改造奖补办法", "襄经信发〔2024〕11号", "2024-02-19"),
        ),
        organization="建立市领导挂帅的重点产业链“链长制”，每月调度产业链重点项目。",
        results="2024年规模以上工业增加值增长8.1%，汽车产业产值突破2000亿元。",
        industries=(
            ("汽车及零部件", "中重型柴油发动机、车桥和新能源整车配套体系完整。"),
            ("装备制造", "轨道交通装备、航空航天配套集聚发展。"),
        ),
        products=(
            Product("车用柴油发动机", "汽车及零部件", "万台", 24.6, 392.5),
            Product("汽车", "汽车及零部件", "万辆", 46.2, 3128.2),
        ),
        value_added_yi=2150.0,
        value_added_growth_pct=8.1,
        provincial_share_pct=10.7,
        bases=(("国家新型工业化产业示范基地（汽车产业·襄阳高新区）", "国家级", 2012),),
        c2_summary="汽车产业集群规模居全省第二，车用柴油发动机产量占全国6%以上。",
        investment_yi=(960.0, 872.0),
        tech_investment_yi=(430.0, 371.0),
        c3_summary="实施“千企技改”工程，技改投资增速连续两年超过15%，"
        "汽车零部件企业智能化改造覆盖率达65%。",
        c4_summary="推进质量强市建设，深入开展“增品种、提品质、创品牌”行动，新增湖北精品品牌21个。",
        brands=(("骆驼", "骆驼集团股份有限公司", "注册商标及铅酸蓄电池发明专利"),),
        network="建成5G基站1.1万个，重点工业园区千兆光网全覆盖。",
        platform="培育省级工业互联网平台9个，上云企业超过4000家。",
        security="建立工业互联网安全风险通报机制，覆盖重点企业300家。",
        pilots=(("湖北省工业互联网试点示范项目", 2024, 4),),
        internet_bases=(),
        c5_summary="汽车行业工业互联网标识解析二级节点投入运行。",
        leadership="市政府常务会议每月听取工业经济运行情况汇报。",
        monitoring="建立百家重点企业产值、用电、订单“三张表”动态监测。",
        c6_summary="工业经济增速连续三年高于全省平均水平。",
        highlights="襄阳市汽车产业链条完整，车用柴油发动机产量占全国6%以上，"
        "技改投资增速快、比重高。",
    ),
)

YIBIN = Nominee(
    key="四川省-宜宾市",
    province="四川省",
    name="宜宾市",
    full_name="宜宾市",
    code="511500",
    level="地级",
    level_note="地级 / 计划单列市 / 直辖市辖区 / 直辖市辖县 / 县级",
    recommender="四川省经济和信息化厅",
    province_government="四川省人民政府",
    government="宜宾市人民政府",
    statistics_bureau="宜宾市统计局",
    letter_no="川经信函〔2025〕88号",
    consent_no="川府函〔2025〕42号",
    dates=Dates(
        statistics="2025-03-05",
        declaration="2025-03-06",
        application="2025-03-13",
        consent="2025-03-19",
        letter="2025-03-25",
    ),
    contact=Contact(
        name="罗明",
        unit="宜宾市经济和信息化局",
        title="运行科科长",
        phone="0831-8230000",
        mobile="13800000005",
        email="luoming@example.gov.cn",
    ),
    province_contact=Contact(
        name="杨帆",
        unit="四川省经济和信息化厅运行监测协调局",
        phone="028-86700000",
        email="yangfan@example.gov.cn",
    ),
    declaration_ext="pdf",
    evidence=(
        Evidence(
            "ev-plan",
            "宜宾市推进新型工业化加快建设制造强市实施方案",
            "attachments/佐证-实施方案.pdf",
            "宜宾市人民政府",
            "2023-06-30",
        ),
        Evidence(
            "ev-base",
            "国家新型工业化产业示范基地证书（锂电·宜宾三江新区）",
            "attachments/佐证-示范基地.png",
            "工业和信息化部",
            "2023-12-26",
        ),
    ),
    evidence_use={
        "c1": ("ev-plan",),
        "c2": ("ev-base",),
        "c3": ("statistics",),
        "c4": ("ev-plan",),
        "c5": ("ev-plan",),
        "c6": ("statistics",),
    },
    content=Content(
        plan="印发《宜宾市推进新型工业化加快建设制造强市实施方案》，"
        "做强优质白酒、动力电池、晶硅光伏、数字经济四大产业集群。",
        annual_plan="制定《2024年宜宾市工业发展工作要点》，分解26项重点任务。",
        policies=(
            ("宜宾市支持动力电池产业高质量发展若干政策", "宜府发〔2023〕14号", "2023-05-16"),
            ("宜宾市工业企业技术改造专项资金管理办法", "宜经信〔2024〕5号", "2024-03-01"),
        ),
        organization="成立市推进新型工业化工作领导小组，重点产业实行“一个产业、一名市领导、一个专班”。",
        results="2024年规模以上工业增加值增长9.6%，动力电池产业产值突破1500亿元。",
        industries=(
            ("优质白酒", "以五粮液为龙头，白酒产业规模居全国前列。"),
            ("动力电池", "正负极材料、电芯、回收利用全链条集聚。"),
        ),
        products=(
            Product("动力电池", "动力电池", "吉瓦时", 118.0, 1096.8),
            Product("白酒", "优质白酒", "万千升", 31.5, 414.5),
        ),
        value_added_yi=1720.0,
        value_added_growth_pct=9.6,
        provincial_share_pct=10.3,
        bases=(("国家新型工业化产业示范基地（锂电·宜宾三江新区）", "国家级", 2023),),
        c2_summary="动力电池产量占全国一成以上，优质白酒产业规模全国领先，"
        "晶硅光伏产业从无到有快速成长。",
        investment_yi=(1080.0, 925.0),
        tech_investment_yi=(398.0, 336.0),
        c3_summary="工业投资增速居全省前列，技改投资增长18%以上，"
        "动力电池和晶硅光伏重大项目集中投产。",
        c4_summary="实施“宜宾造”品牌提升行动，白酒品牌价值持续提升，"
        "新增四川省名牌产品12个、驰名商标2件。",
        brands=(
            ("五粮液", "宜宾五粮液股份有限公司", "注册商标及酿造工艺专利"),
            ("天原", "宜宾天原集团股份有限公司", "注册商标"),
        ),
        network="建成5G基站0.9万个，重点园区5G网络全覆盖。",
        platform="培育省级工业互联网平台6个，建成白酒行业工业互联网平台。",
        security="建立工业控制系统安全检查机制，年度覆盖重点企业150家。",
        pilots=(("四川省工业互联网试点示范项目", 2024, 3),),
        internet_bases=(),
        c5_summary="数字化车间和智能工厂建设加快，两化融合水平稳步提升。",
        leadership="市委、市政府每季度召开工业发展大会，市领导包联重点企业。",
        monitoring="建立规上企业运行“红黄绿”预警监测机制。",
        c6_summary="工业经济总量连续跨越，增速保持全省第一方阵。",
        highlights="宜宾市动力电池产量占全国一成以上，白酒产业引领作用突出，"
        "工业投资和技改投资保持快速增长。",
    ),
)

YULIN = Nominee(
    key="陕西省-榆林市",
    province="陕西省",
    name="榆林市",
    full_name="榆林市",
    code="610800",
    level="地级",
    level_note="地级 / 计划单列市 / 直辖市辖区 / 直辖市辖县 / 县级",
    recommender="陕西省工业和信息化厅",
    province_government="陕西省人民政府",
    government="榆林市人民政府",
    statistics_bureau="榆林市统计局",
    letter_no="陕工信函〔2025〕63号",
    consent_no="陕政函〔2025〕28号",
    dates=Dates(
        statistics="2025-03-07",
        declaration="2025-03-10",
        application="2025-03-14",
        consent="2025-03-20",
        letter="2025-03-26",
    ),
    contact=Contact(
        name="高建平",
        unit="榆林市工业和信息化局",
        title="运行监测科科长",
        phone="0912-3530000",
        mobile="13800000006",
        email="gaojp@example.gov.cn",
    ),
    province_contact=Contact(
        name="马骏",
        unit="陕西省工业和信息化厅运行监测协调局",
        phone="029-63910000",
        email="majun@example.gov.cn",
    ),
    declaration_ext="jpg",
    evidence=(
        Evidence(
            "ev-plan",
            "榆林市建设世界一流高端能源化工基地实施方案",
            "attachments/佐证-实施方案.pdf",
            "榆林市人民政府",
            "2023-02-27",
        ),
        Evidence(
            "ev-base",
            "国家新型工业化产业示范基地证书（煤化工·榆林经济技术开发区）",
            "attachments/佐证-示范基地.png",
            "工业和信息化部",
            "2013-12-30",
        ),
    ),
    evidence_use={
        "c1": ("ev-plan",),
        "c2": ("ev-base",),
        "c3": ("statistics",),
        "c4": ("ev-plan",),
        "c5": ("ev-plan",),
        "c6": ("statistics",),
    },
    content=Content(
        plan="印发《榆林市建设世界一流高端能源化工基地实施方案》，"
        "推动煤炭、煤化工、金属镁产业高端化、多元化、低碳化发展。",
        annual_plan="制定《2024年榆林市工业稳增长促投资工作方案》，明确24项重点任务。",
        policies=(
            ("榆林市促进煤炭清洁高效利用若干措施", "榆政发〔2023〕9号", "2023-04-11"),
            ("榆林市工业企业技术改造资金管理办法", "榆工信发〔2024〕7号", "2024-02-06"),
        ),
        organization="成立市能源化工产业高质量发展领导小组，市政府主要领导任组长。",
        results="2024年规模以上工业增加值增长6.9%，煤炭清洁转化率提升到32%。",
        industries=(
            ("煤炭及煤化工", "煤炭产能全国领先，煤制烯烃、煤制油等现代煤化工集群集聚。"),
            ("金属镁", "原镁产量占全国一半以上，镁合金精深加工加快发展。"),
        ),
        products=(
            Product("原煤", "煤炭及煤化工", "亿吨", 6.05, 47.6),
            Product("原镁", "金属镁", "万吨", 48.5, 82.6),
        ),
        value_added_yi=4180.0,
        value_added_growth_pct=6.9,
        provincial_share_pct=31.6,
        bases=(("国家新型工业化产业示范基地（煤化工·榆林经济技术开发区）", "国家级", 2013),),
        c2_summary="原煤、原镁产量分别占全国一成以上和一半以上，工业总量占全省近三分之一。",
        investment_yi=(1380.0, 1295.0),
        tech_investment_yi=(430.0, 388.0),
        c3_summary="推进煤化工装置智能化改造和节能降碳改造，技改投资增长一成以上。",
        c4_summary="培育能源化工领域知名品牌，新增陕西省名牌产品15个，"
        "兰炭、金属镁团体标准实现全国引领。",
        brands=(("北元", "陕西北元化工集团股份有限公司", "注册商标及离子膜烧碱发明专利"),),
        network="建成5G基站1.2万个，煤矿井下5G专网覆盖大型煤矿80座。",
        platform="建成煤炭行业工业互联网平台2个，接入煤矿150座。",
        security="建立能源企业工业控制系统安全监测机制。",
        pilots=(("工业和信息化部工业互联网试点示范项目", 2023, 2),),
        internet_bases=(),
        c5_summary="智能化煤矿建设走在全国前列。",
        leadership="市委、市政府主要领导定期研究能源化工产业发展重大事项。",
        monitoring="建立煤炭产能、产量和重点化工项目日调度机制。",
        c6_summary="工业经济总量保持全省第二，能源保供作用突出。",
        highlights="榆林市原煤和原镁产量全国领先，现代煤化工集群规模大，技改投资比重超过三成。",
    ),
)

NOMINEES: tuple[Nominee, ...] = (PUDONG, NINGBO, XIANGYANG, YIBIN, YULIN)
SUZHOU_CODE = "320500"


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    kind: str  # 专家 / 司局代表
    affiliation: str
    province: str = ""
    ties: tuple[tuple[str, str], ...] = ()  # (city_code, reason)


# M01-M03 are the hand-written members of the first sample; keep them as they were.
MEMBERS: tuple[Member, ...] = (
    Member("M01", "张建国", "专家", "中国工程院", "北京市"),
    Member("M02", "刘敏", "司局代表", "工业和信息化部运行监测协调局"),
    Member(
        "M03",
        "陈志远",
        "专家",
        "南京大学商学院",
        "江苏省",
        (("330200", "近三年承担宁波市政府委托课题"),),
    ),
    Member("M04", "王海涛", "专家", "中国电子信息产业发展研究院"),
    Member("M05", "赵丽华", "司局代表", "工业和信息化部规划司"),
    Member("M06", "孙立群", "专家", "中国社会科学院工业经济研究所"),
    Member("M07", "李文博", "专家", "四川大学经济学院", "四川省"),
    Member("M08", "周慧敏", "司局代表", "工业和信息化部产业政策与法规司"),
    Member("M09", "吴国栋", "专家", "中国信息通信研究院"),
    Member("M10", "郑晓燕", "专家", "西安交通大学管理学院", "陕西省"),
    Member("M11", "冯建军", "司局代表", "工业和信息化部装备工业一司"),
    Member("M12", "何佳怡", "专家", "上海交通大学安泰经济与管理学院", "上海市"),
    Member("M13", "韩志强", "司局代表", "工业和信息化部原材料工业司"),
    Member("M14", "曹雪梅", "司局代表", "工业和信息化部信息技术发展司"),
    Member(
        "M15",
        "许振华",
        "专家",
        "中国机械工业联合会",
        "",
        (("420600", "近三年担任襄阳高新区产业规划评审专家组组长"),),
    ),
)

# Candidates in official (GB/T 2260) order: code, name, province, base score.
CANDIDATES: tuple[tuple[str, str, str, int], ...] = (
    ("310115", "浦东新区", "上海市", 88),
    ("320500", "苏州市", "江苏省", 90),
    ("330200", "宁波市", "浙江省", 87),
    ("420600", "襄阳市", "湖北省", 80),
    ("511500", "宜宾市", "四川省", 83),
    ("610800", "榆林市", "陕西省", 71),
)

# Votes other than 同意: (member, city_code) -> vote. 榆林市 gets 5 of 14 possible approvals
# and so misses the majority; every other candidate passes clearly.
DISSENT: dict[tuple[str, str], str] = {
    ("M06", "310115"): "弃权",
    ("M13", "330200"): "不同意",
    ("M05", "420600"): "不同意",
    ("M09", "420600"): "弃权",
    ("M14", "420600"): "不同意",
    ("M04", "511500"): "弃权",
    **{(m, "610800"): "不同意" for m in ("M02", "M04", "M05", "M06", "M08", "M13")},
    **{(m, "610800"): "弃权" for m in ("M09", "M11", "M14")},
}

# Fixed votes of the hand-written first ballot: (member, city_code) -> (score, comment).
FIXED_SCORES: dict[tuple[str, str], tuple[int, str]] = {
    ("M01", "320500"): (92, "产业基础雄厚，技改投资占比高"),
    ("M01", "330200"): (88, ""),
}

COMMENTS: dict[str, tuple[str, ...]] = {
    "310115": ("集成电路产业引领作用突出", "新动能培育成效显著"),
    "320500": ("产业基础雄厚，技改投资占比高", "制造业规模大、结构优"),
    "330200": ("单项冠军企业集聚，技改投入大", "高端装备特色鲜明"),
    "420600": ("汽车产业链完整", "技改投资增速较快"),
    "511500": ("动力电池产业成长迅速", "工业增速领先"),
    "610800": ("能源保供作用突出", "原镁产业全国领先"),
}

# Comments on 不同意 votes.
DISSENT_COMMENTS: dict[str, str] = {
    "610800": "资源型产业特征明显，转型升级成效有待观察",
}
DISSENT_COMMENT = "对照第6条条件，佐证材料不够充分"
