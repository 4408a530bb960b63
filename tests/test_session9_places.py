"""Places read in session 9: a government work report's speaker says the level it speaks for (「我代表县人民政府」),
which outweighs a 「全省」 of a list the county joined; 「全区」 in a news item about an autonomous region named more
than any of its cities or counties is the region's, not a district's."""
from __future__ import annotations

import pytest

from policyqa.index.metadata import parse_metadata


def _work_report(level: str, body: str, signature: str = "") -> str:
    """A government work report whose speaker speaks for `level` (县, 区) and whose text says 全省 once, of a list."""
    return (f"政府工作报告\n\n各位代表：\n\n现在，我代表{level}人民政府，向大会报告工作，请予审议，并请政协委员提出意见。\n\n"
            f"{body}\n\n今年工作安排：坚持创新驱动，推动产业转型升级，持续改善民生。\n\n{signature}\n")


LIST_JOINED = "过去一年，经济运行稳中向好，地区生产总值增长6.5%。工业园区被列为全省重点园区，新增规模以上工业企业30家。"


@pytest.mark.parametrize(("level", "signature", "county", "city", "province"), [
    ("县", "婺源县人民政府 县长 李明", "婺源县", "上饶", "江西"),
    ("区", "雁塔区人民政府 区长 王强", "雁塔区", "西安", "陕西"),
], ids=["county", "district"])
def test_a_work_reports_speaker_files_it_under_its_county_over_a_provincial_list(level, signature, county, city,
                                                                                 province):
    meta = parse_metadata(_work_report(level, LIST_JOINED, signature), "report.txt")
    assert (meta.county, meta.city, meta.province) == (county, city, province)


def test_a_district_work_report_naming_only_its_city_still_gets_its_city():
    body = ("过去一年，在绵阳市委、市政府的坚强领导下，经济运行稳中向好，新增高新技术企业45家，科技园被列为全省重点园区。"
            "我们将积极服务绵阳科技城建设。")
    meta = parse_metadata(_work_report("区", body), "report.txt")
    assert (meta.city, meta.province, meta.county) == ("绵阳", "四川", None)


# --- 全区 of an autonomous region ------------------------------------------------------------------------------

@pytest.mark.parametrize(("region", "company"), [
    ("广西", "阳朔县漓江生态农业有限公司"),
    ("内蒙古", "土默特左旗蒙草生态科技有限公司"),
    ("宁夏", "永宁县贺兰山葡萄酒业有限公司"),
], ids=["guangxi", "inner-mongolia", "ningxia"])
def test_news_of_an_autonomous_region_saying_quanqu_is_filed_under_the_region(region, company):
    news = (f"科技创新主体加快壮大\n\n记者获悉，截至去年底，{region}科技型中小企业数量突破2000家。近年来，{region}"
            f"持续加大科技投入，全区科技型企业数量稳步增长。其中，{company}等一批企业表现突出。"
            f"下一步，{region}将继续优化创新环境。\n")
    meta = parse_metadata(news, "news.txt")
    assert (meta.province, meta.city, meta.county) == (region, None, None)


def test_a_citys_news_saying_quanqu_is_not_filed_under_its_region():
    news = ("科技创新主体加快壮大\n\n记者获悉，柳州去年新增高新技术企业160家。近年来，柳州持续实施创新驱动战略，"
            "高新技术企业数量稳步增长，增量居广西前列，全区各地纷纷前来学习柳州经验。广西科技厅有关负责人表示，"
            "柳州将继续加大投入。\n")
    meta = parse_metadata(news, "news.txt")
    assert (meta.province, meta.city) != ("广西", None)
    assert meta.city in (None, "柳州")


def test_a_district_of_an_autonomous_region_naming_its_own_bureau_keeps_its_district():
    news = ("科技创新工作取得新成效\n\n今年以来，青秀区科学技术局积极推进创新驱动发展。我区3家企业入选广西瞪羚企业名单，"
            "2家企业获评广西科技型中小企业示范企业，全区高新技术企业达到320家，数量位居广西各县区前列。\n")
    meta = parse_metadata(news, "news.txt")
    assert (meta.county, meta.city, meta.province) == ("青秀区", "南宁", "广西")
