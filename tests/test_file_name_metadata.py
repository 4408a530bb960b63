"""A report whose text names no place or year of its own (a page cut from its portal, an excerpt) is filed under
the place and year its file's name gives; a text that names them is filed by its text; a plan (方案) is a plan."""
from __future__ import annotations

from policyqa.index.metadata import parse_metadata

EXCERPT = "局里召开创新工作推进会\n\n会议通报了上半年孵化器运营情况，部署下阶段专利申报工作。\n"


def test_the_file_name_files_a_report_whose_text_names_no_place_or_year():
    meta = parse_metadata(EXCERPT, "江汉区2021年创新工作.txt")
    assert (meta.city, meta.county, meta.year) == ("武汉", "江汉区", 2021)


def test_a_file_name_without_a_place_or_a_written_year_files_nothing():
    for name in ("t20240228_1099116.html", "report_2021_final.txt"):
        meta = parse_metadata(EXCERPT, name)
        assert (meta.city, meta.county, meta.year) == (None, None, None), name


def test_the_text_comes_before_the_file_name():
    meta = parse_metadata("宜昌市科技局2019年工作总结\n\n2019年，全市新增高新技术企业45家。\n", "江汉区2021年创新工作.txt")
    assert (meta.city, meta.year) == ("宜昌", 2019)


def test_an_action_plan_is_a_plan():
    assert parse_metadata("宜昌市2024年科技创新行动方案\n\n一、主要目标\n\n新增高新技术企业50家。\n", "a.txt").type == "计划"
