"""A table row is a fact like a sentence: its figures keep the row's label, the column's heading and the unit."""
from policyqa.index.facts import extract_facts
from policyqa.index.ingest import read_document
from policyqa.index.records import DocMeta, Document
from policyqa.index.tables import table_lines


def facts_of(lines: list[str], year: int = 2021):
    text = "荆门市科技局2021年工作总结\n\n" + "\n\n".join(lines)
    return extract_facts(Document("t.txt", "t.txt", "0", text, DocMeta(city="荆门", year=year, type="总结")))


def test_a_row_keeps_its_header_and_unit_column_and_is_a_fact():
    lines = table_lines([["指标", "数量", "单位"], ["新增高新技术企业", "152", "家"], ["技术合同成交额", "12.5", "亿元"]])
    assert lines == ["新增高新技术企业 数量 152家。", "技术合同成交额 数量 12.5亿元。"]
    found = {(f.indicator, f.value, f.unit) for f in facts_of(lines)}
    assert found == {("新增高新技术企业", 152, "家"), ("技术合同成交额", 12.5, "亿元")}


def test_year_columns_date_each_figure_and_units_come_from_the_heading():
    lines = table_lines([["序号", "指标", "2020年（家）", "2021年（家）"], ["1", "新增高新技术企业", "120", "152"]])
    assert lines == ["2020年 新增高新技术企业 120家，2021年 新增高新技术企业 152家。"]  # no serial number
    assert {(f.year, f.value) for f in facts_of(lines)} == {(2020, 120), (2021, 152)}


def test_a_column_of_years_labels_the_rows():
    lines = table_lines([["年份", "技术合同成交额（亿元）"], ["2020", "10.5"], ["2021", "12.5"]])
    assert lines == ["2020年 技术合同成交额 10.5亿元。", "2021年 技术合同成交额 12.5亿元。"]
    assert {(f.year, f.value) for f in facts_of(lines)} == {(2020, 10.5), (2021, 12.5)}


def test_a_label_under_a_merged_cell_is_the_one_above_and_a_title_row_stays_a_line():
    lines = table_lines([["2021年主要指标", ""], ["指标", "完成"], ["新增高新技术企业", "152家"], ["", "另有8家"]])
    assert lines == ["2021年主要指标", "新增高新技术企业 完成 152家。", "新增高新技术企业 完成：另有8家。"]


def test_tables_without_figures_keep_their_cells_in_reading_order():
    header = [["索引号", "011043-2021-0001", "发文单位", "荆门市科学技术局"]]
    assert table_lines(header) == ["索引号 011043-2021-0001 发文单位 荆门市科学技术局"]
    layout = [["荆门市科技局2021年工作总结。" * 8, "相关链接"]]  # a page laid out in a table
    assert table_lines(layout) == [layout[0][0], "相关链接"]


def test_html_tables_become_rows_with_their_header(tmp_path):
    page = ("<html><body><p>荆门市科技局2021年工作总结</p><table><tr><th>指标</th><th>数量（家）</th></tr>"
            "<tr><td>新增高新技术企业</td><td>152</td></tr></table><p>下一步工作。</p>"
            "<table><tr><td><p>第一段正文内容较长。</p><p>第二段正文。</p></td><td>侧栏</td></tr></table></body></html>")
    (tmp_path / "r.html").write_text(page, encoding="utf-8")
    text = read_document(tmp_path / "r.html").text
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    assert paragraphs == ["荆门市科技局2021年工作总结", "新增高新技术企业 数量 152家。", "下一步工作。", "第一段正文内容较长。",
                          "第二段正文。", "侧栏"]


def test_docx_tables_with_merged_headings_keep_their_columns(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("荆门市科技局2021年工作总结")
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "2021年主要指标完成情况"  # a title spanning two columns
    table.cell(0, 2).text = ""
    for r, row in enumerate([["指标", "数量", "单位"], ["新增高新技术企业", "152", "家"]], 1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.save(tmp_path / "r.docx")
    text = read_document(tmp_path / "r.docx").text
    assert text.split("\n\n") == ["荆门市科技局2021年工作总结", "2021年主要指标完成情况", "新增高新技术企业 数量 152家。"]
