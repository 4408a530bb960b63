from pathlib import Path

import pytest

from policyqa.index.clean import clean_text, header_fields, header_pairs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

BODY = "2019年,全市科技工作的总体思路是坚持创新驱动。"


def paragraphs(raw: str) -> list[str]:
    return clean_text(raw).split("\n\n")


# --- portal chrome -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "今天是:",
        "今天是:2024年5月1日 星期三",
        "无障碍阅读",
        "您现在的位置 : 首页 > 规划计划",
        "当前位置：首页 > 政务公开",
        "扫一扫在手机上查看当前页面",
        "我要打印 关闭窗口",
        "【打印本页】 【关闭窗口】",
        "留言与评论(共有 0 条评论)",
        "验证码:",
        "标签:",
        "责编: 刘会文 美编: 杜培清 传稿邮箱: 704271352@qq.com",
        "新闻热线: 13872169580",
        "附件:",
        "2019年全市科技工作计划一览表.doc",
        "附件：1.项目汇总表.xlsx",
        "记者 刘会文 特约记者 程灿",
    ],
)
def test_portal_chrome_line_is_removed(chrome):
    assert clean_text(f"科技工作要点\n\n{chrome}\n\n{BODY}") == f"科技工作要点\n\n{BODY}"


@pytest.mark.parametrize(
    "sentence",
    [
        "资金来源:市财政专项资金500万元。",
        "来源于企业的技术需求占比超过六成。",
        "发布时间另行通知,请各单位做好准备。",
        "市科技局发布了《关于征集科技项目需求的通知》。",
        "今天是全市科技创新大会召开的日子。",
        "编辑出版了《科技创新政策汇编》。",
        "分类 指导,精准施策,确保各项任务落地见效。",
    ],
)
def test_body_sentence_mentioning_a_header_word_is_kept(sentence):
    assert sentence in paragraphs(f"科技工作报告\n\n{sentence}\n\n{BODY}")


# --- metadata header layouts -------------------------------------------------------------------


def test_inline_header_is_removed_and_title_kept_once():
    raw = (
        "今天是:\n无障碍阅读\n您现在的位置 : 首页 > 规划计划\n\n2019年全市科技工作要点\n\n"
        "索引号 : 11336941/2019-1803996 文\xa0\xa0\xa0\xa0\xa0\xa0\xa0号 :\n\n"
        "主题分类: 科技 发文单位: 咸宁市科学技术局\n\n"
        "名\xa0\xa0\xa0\xa0\xa0\xa0\xa0称: 2019年全市科技工作要点 发布日期: 2019年05月13日\n\n"
        f"有效性: 有效 发文日期: 2019-05-13 10:05\n\n{BODY}\n"
    )
    assert paragraphs(raw) == ["2019年全市科技工作要点", BODY]


def test_header_with_an_empty_last_value_does_not_swallow_the_body():
    raw = f"报告标题\n\n有效性: 有效 发文日期:\n\n今年以来,市科技局创新工作思路。现将进展情况报告如下:\n\n{BODY}"
    assert paragraphs(raw)[1] == "今年以来,市科技局创新工作思路。现将进展情况报告如下:"


def test_key_per_line_header_is_removed():
    raw = (
        "索引号\nMB1A08302/2023-19594\n分类\n政务公开\n发布机构\n天门市科技局\n发文日期\n2023年06月20日\n"
        "名称\n天门市科技局2023年上半年工作总结\n文号\n效力状态\n有效\n发布日期\n2023年07月10日\n\n"
        "天门市科技局2023年上半年工作总结\n\n发布时间:2023-07-10 09:19 来源:科学技术局\n\n"
        f"{BODY}\n\n天门市科学技术局\n\n2023年6月20日\n\n附件:\n\n扫一扫在手机上查看当前页面\n\n我要打印 关闭窗口"
    )
    assert paragraphs(raw) == ["天门市科技局2023年上半年工作总结", BODY, "天门市科学技术局", "2023年6月20日"]


def test_table_like_header_is_removed():
    raw = (
        "市科技局2016年工作总结及2017年工作打算\n\n索引号: P0040-2017-0002 公开责任部门 市科技局\n"
        "公开日期 2017-02-09 公开目录 工作报告\n公开形式 主动公开 文号 商科〔2017〕2号\n信息有效性 有效\n\n"
        f"{BODY}\n\n\xa0\n\n标签:\n留言与评论(共有 0 条评论)\n\xa0\xa0\xa0\n验证码:"
    )
    assert paragraphs(raw) == ["市科技局2016年工作总结及2017年工作打算", BODY]


def test_header_fields_reads_every_layout():
    fields = header_fields(
        "索引号: P0040-2017-0002 公开责任部门 市科技局\n文号\n效力状态\n有效\n"
        "名\xa0\xa0称: 2019年全市科技工作要点 发布日期: 2019年05月13日\n来源：天门市科技局"
    )
    assert fields == {
        "索引号": "P0040-2017-0002",
        "公开责任部门": "市科技局",
        "文号": "",
        "效力状态": "有效",
        "名称": "2019年全市科技工作要点",
        "发布日期": "2019年05月13日",
        "来源": "天门市科技局",
    }


def test_header_pairs_rejects_a_sentence_that_only_starts_like_a_key():
    assert header_pairs("来源于企业的技术需求占比超过六成。") is None
    assert header_pairs("发布时间:2023-07-10 09:19 来源:科学技术局") == [
        ("发布时间", "2023-07-10 09:19"),
        ("来源", "科学技术局"),
    ]


def test_title_from_header_is_put_first_when_the_page_lacks_a_title_line():
    assert paragraphs(f"名称: 2019年全市科技工作要点\n\n{BODY}") == ["2019年全市科技工作要点", BODY]


# --- title, subtitle, byline -------------------------------------------------------------------


def test_news_keeps_title_and_subtitle_but_drops_byline():
    raw = (
        "\n\n责编: 刘会文 美编: 杜培清\n\n科技创新,撑起咸宁绿色崛起\n\n——2016年全市科技创新工作回眸\n\n"
        "记者 刘会文 特约记者 程灿\n\n2016年以来,全市科技系统深入实施创新驱动发展战略,亮点纷呈。"
    )
    assert paragraphs(raw) == [
        "科技创新,撑起咸宁绿色崛起",
        "——2016年全市科技创新工作回眸",
        "2016年以来,全市科技系统深入实施创新驱动发展战略,亮点纷呈。",
    ]


# --- broken paragraphs -------------------------------------------------------------------------


def test_sentence_broken_mid_word_is_rejoined():
    raw = (
        "科技工作报告\n\n同时,完成了2016年市级科技计划项目。"
        "组织咸宁南玻节能玻璃有限公司“湖北省绿色建筑多功能薄膜工程技术研究中心”等5家申报省级工程技术"
        "\n\n中心。光谷南创业咖啡获批省级众创空间。"
    )
    (_, joined) = paragraphs(raw)
    assert joined.endswith("等5家申报省级工程技术中心。光谷南创业咖啡获批省级众创空间。")


def test_sentence_broken_inside_open_book_title_is_rejoined():
    raw = "科技工作报告\n\n组织起草了《关于深化体制机制改革的实施意见》、《关\n\n于加快构建大众创业万众创新支撑平台的实施方案》等文件。"
    assert paragraphs(raw)[1] == "组织起草了《关于深化体制机制改革的实施意见》、《关于加快构建大众创业万众创新支撑平台的实施方案》等文件。"


def test_sentence_broken_after_a_comma_is_rejoined():
    raw = "科技工作报告\n\n1.加快推进重大项目建设。持续推进区域创新体系建设,\n\n加快创建国家高新区,积极争取省政府提名。"
    assert paragraphs(raw)[1] == "1.加快推进重大项目建设。持续推进区域创新体系建设,加快创建国家高新区,积极争取省政府提名。"


@pytest.mark.parametrize(
    "first, second",
    [
        ("2019年全市科技工作要点", "2019年,全市科技工作的总体思路是坚持创新驱动,重点做好以下工作:"),
        ("市科技局关于2024年市《政府工作报告》确定的主要目标任务三季度进展情况报告", "今年以来,市科技局创新工作思路。"),
        ("五大工作亮点", "发展高新技术产业。2016年3月17日,科技部领导深入咸宁调研。"),
        ("一、工作开展情况", "(一)强化思想作风建设,科技宣传质效显著提升。"),
        ("(二)构建区域创新体系,创新创业生态持续优化", "1.争创国家高新区。强化对上沟通汇报。"),
        ("天门市科学技术局", "2023年6月20日"),
        # Prose that lost its full stop is not glued to the next list item or heading.
        ("认真履行三重一大制度,筑牢拒腐防变的思想道德防线,时刻不忘初心,警钟长鸣", "3.营造科技创新氛围。大力弘扬科学家精神。"),
        ("通过开展实施一项农业科技项目、引进推广一项新技术或者", "一项国级荣誉"),
    ],
)
def test_heading_title_and_signature_are_not_joined(first, second):
    assert paragraphs(f"{first}\n\n{second}") == [first, second]


# --- whitespace --------------------------------------------------------------------------------


def test_whitespace_is_normalised_but_punctuation_and_number_spacing_kept():
    raw = "  科技工作报告  \n\n\n\n\u3000\u3000全市新增高新技术企业 29 家，较上年增长10％。\xa0\xa0 \n\n\n咸宁市科学技术局\u2002\u2002\u2002\n"
    assert clean_text(raw) == "科技工作报告\n\n全市新增高新技术企业 29 家，较上年增长10％。\n\n咸宁市科学技术局"


def test_runs_of_special_spaces_inside_a_line_become_one_space():
    assert clean_text("科技工作报告\n\n奖励金额达\xa0\xa0860\u3000\u3000万元。") == "科技工作报告\n\n奖励金额达 860 万元。"


def test_empty_text_stays_empty():
    assert clean_text("") == ""
    assert clean_text("\n\xa0\n  \n") == ""


# --- the real seeds ----------------------------------------------------------------------------

MARKERS = [
    "今天是", "无障碍阅读", "您现在的位置", "扫一扫", "我要打印", "关闭窗口", "留言与评论", "验证码", "标签:",
    "责编", "美编", "传稿邮箱", "新闻热线", "附件:", ".doc", "索引号", "主题分类", "发文单位", "发布日期",
    "有效性", "发文日期", "发布机构", "效力状态", "公开责任部门", "公开日期", "公开目录", "公开形式", "发布时间",
    "来源:", "记者 刘会文", "\xa0", "\u2002", "\n\n\n",
]
KEY_SENTENCES = {
    "000": [
        "2016年全市新增高新技术企业61家",
        "申报省级工程技术中心",
        "《关于加快构建大众创业万众创新支撑平台的实施方案》",
        "——2016年全市科技创新工作回眸",
    ],
    "001": ["重点做好以下工作:", "(责任单位:办公室、政策法规与社会发展科"],
    "002": ["持续推进区域创新体系建设,加快创建国家高新区", "天门市科学技术局\n\n2023年6月20日"],
    "003": ["全市新增高新技术企业 29 家", "商丘、虞城 2 家省级高新区"],
    "004": ["现将我局牵头完成的重点工作任务三季度进展情况报告如下:", "咸宁市科学技术局\n\n2024年10月12日"],
}
TITLES = {
    "000": "科技创新,撑起咸宁绿色崛起",
    "001": "2019年全市科技工作要点",
    "002": "天门市科技局2023年上半年工作总结",
    "003": "市科技局2016年工作总结及2017年工作打算",
    "004": "市科技局关于2024年市《政府工作报告》确定的主要目标任务三季度进展情况报告",
}


@pytest.mark.parametrize("prefix", sorted(KEY_SENTENCES))
def test_seed_is_clean_and_complete(prefix):
    (seed,) = SEEDS.glob(f"{prefix}_*.txt")
    text = clean_text(seed.read_text(encoding="utf-8"))
    assert [m for m in MARKERS if m in text] == []
    assert [s for s in KEY_SENTENCES[prefix] if s not in text] == []
    title = TITLES[prefix]
    assert text.split("\n\n")[0] == title and text.count(title) == 1
    assert all(line == line.strip() and line for line in text.split("\n\n"))
