from policyqa.search.synonyms import builtin_groups, expand, load_groups, parse_groups


def test_abbreviations_are_written_out_for_the_model():
    text, added = expand("咸宁2016年新增几家高企", builtin_groups())
    assert text == "咸宁2016年新增几家高新技术企业"
    assert "高新技术企业" in added


def test_one_shorthand_adds_every_report_wording():
    _, added = expand("天门技术合同额是多少", builtin_groups())
    assert {"技术合同成交额", "技术合同成交总金额", "技术合同认定登记成交额"} <= set(added)


def test_a_key_inside_its_long_form_is_not_doubled():
    text, _ = expand("研发费用加计扣除额是多少", builtin_groups())
    assert text == "研发费用加计扣除额是多少"


def test_text_without_shorthand_is_unchanged():
    assert expand("市科技局工作总结", {"高企": ("高新技术企业",)}) == ("市科技局工作总结", [])


def test_an_index_folder_can_add_its_own_groups(tmp_path):
    (tmp_path / "synonyms.txt").write_text("# ours\n双高 = 高新技术企业 | 高成长企业\n", encoding="utf-8")
    groups = load_groups(tmp_path)
    assert groups["双高"] == ("高新技术企业", "高成长企业")
    assert "高企" in groups  # built-ins stay


def test_malformed_lines_are_ignored():
    assert parse_groups("no equals sign\n = empty key\n高企 =\n") == {}
