"""Closed-set values of the data format that the code itself must know.

They are the enums of the JSON Schemas; tests/test_vocabulary.py checks that each value
here is one the schema allows, so the two cannot drift apart.
"""

from __future__ import annotations

RECOMMENDER_PROVINCE = "省级工业和信息化主管部门"
RECOMMENDER_BINGTUAN = "新疆生产建设兵团工业和信息化主管部门"

LEVEL_PLAN_CITY = "计划单列市"

KIND_APPLICATION = "申报书"
KIND_LETTER = "推荐函"
KIND_FORM = "推荐表"
KIND_STATISTICS = "统计数据确认"
KIND_DECLARATION = "负责声明"
KIND_CONSENT = "省政府同意文件"
KIND_EVIDENCE = "佐证材料"
