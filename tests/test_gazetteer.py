import pytest

from policyqa.index.gazetteer import city_of, find_mentions, find_places, lookup
from policyqa.index.report_place import main_city


def names(text: str) -> list[str]:
    return [p.full_name for p in find_places(text)]


@pytest.mark.parametrize(
    "name, full_name, level, province, city",
    [
        ("咸宁", "咸宁市", "city", "湖北", "咸宁"),
        ("咸宁市", "咸宁市", "city", "湖北", "咸宁"),
        ("通山县", "通山县", "county", "湖北", "咸宁"),
        ("天门", "天门市", "county", "湖北", "天门"),  # county-level city directly under the province
        ("商丘", "商丘市", "city", "河南", "商丘"),
        ("虞城", "虞城县", "county", "河南", "商丘"),
        ("绵阳", "绵阳市", "city", "四川", "绵阳"),
        ("昆山", "昆山市", "county", "江苏", "苏州"),
        ("湖北", "湖北省", "province", "湖北", None),
        ("广西", "广西壮族自治区", "province", "广西", None),
        ("恩施", "恩施土家族苗族自治州", "city", "湖北", "恩施"),  # the prefecture, not 恩施市
        ("黔东南", "黔东南苗族侗族自治州", "city", "贵州", "黔东南"),
        ("吉林", "吉林省", "province", "吉林", None),  # the province, not 吉林市
        ("北京", "北京市", "city", "北京", "北京"),
        ("海淀区", "海淀区", "county", "北京", "北京"),
        ("咸寧", "咸宁市", "city", "湖北", "咸宁"),  # traditional characters
    ],
)
def test_lookup(name, full_name, level, province, city):
    place = lookup(name)
    assert place is not None
    assert (place.full_name, place.level, place.province, place.city) == (full_name, level, province, city)


@pytest.mark.parametrize("name", ["朝阳区", "科技局", "合作", ""])
def test_lookup_returns_none_for_ambiguous_unknown_or_common_words(name):
    assert lookup(name) is None


def test_city_of_maps_a_county_to_its_prefecture_city():
    assert city_of(lookup("通山县")).full_name == "咸宁市"
    assert city_of(lookup("天门市")).full_name == "天门市"
    assert city_of(lookup("湖北")) is None


def test_find_places_in_order_longest_name_first():
    assert names("湖北省咸宁市通山县与河南商丘") == ["湖北省", "咸宁市", "通山县", "河南省", "商丘市"]


def test_find_places_reads_traditional_characters():
    assert names("咸寧市科學技術局") == ["咸宁市"]


def test_mentions_give_where_the_name_is_written():
    (mention,) = find_mentions("来咸宁的专家")
    assert (mention.start, mention.end, mention.surface) == (1, 3, "咸宁")


@pytest.mark.parametrize(
    "text",
    [
        "深化产学研合作,配合公安部门",  # 合作市, 公安县
        "加快创新平台建设,推进创新龙头企业培育",  # 新平县, 新龙县 across word boundaries
        "提高县(市、区)领导的创新理论水平",  # 高县
        "推动自然资源和新兴产业发展",  # 资源县, 新兴县
        "培育一批朝阳产业,支持大城市发展",  # 朝阳市, 大城县
    ],
)
def test_common_words_are_not_places(text):
    assert find_places(text) == []


def test_short_name_next_to_another_place_still_counts():
    assert names("江苏南京、湖北省崇阳新材料研究院") == ["江苏省", "南京市", "湖北省", "崇阳县"]


def test_shared_district_name_is_resolved_by_the_city_before_it():
    assert [p.city for p in find_places("北京市朝阳区和长春市朝阳区")] == ["北京", "北京", "长春", "长春"]
    assert find_places("朝阳区") == []


def test_main_city_prefers_issuer_then_title():
    body = "武汉、武汉、武汉的企业来商丘考察。"
    assert main_city(body, issuer="咸宁市科学技术局", title="天门市工作总结").name == "咸宁"
    assert main_city(body, issuer="市科技局", title="天门市科技局2023年上半年工作总结").name == "天门"


def test_main_city_counts_counties_for_their_city():
    # 武汉 is named most often, but 通山县 and 崇阳县 both belong to 咸宁.
    text = "赴武汉对接,与武汉高校合作。通山县、崇阳县获批省级园区,咸宁高新区加快建设。"
    assert main_city(text, issuer="市科技局").full_name == "咸宁市"


def test_main_city_for_a_county_issuer_is_its_city():
    assert main_city("", issuer="通山县科学技术局").name == "咸宁"


def test_main_city_outside_the_seeds():
    assert main_city("", issuer="绵阳市科学技术局").province == "四川"
    assert main_city("昆山市新增高新技术企业120家。").name == "苏州"


def test_main_city_is_none_without_a_city():
    assert main_city("全省新增高新技术企业。", issuer="湖北省科学技术厅") is None
