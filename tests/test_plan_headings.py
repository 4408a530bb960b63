"""A figure set under a plan's heading is a target even where a subheading of its own stands nearer."""
from __future__ import annotations

from tests.inline_index import ask, hit


def test_a_figure_under_a_subheading_of_a_plans_targets_is_a_target():
    under_targets = hit("2024年，净增科技型中小企业40家，技术合同成交额达到9.5亿元。",
                        headings=("二、主要目标", "（二）创新主体进一步壮大"), year=2024)
    assert ask("宜昌2024年实际净增科技型中小企业多少家", under_targets) is None
    under_review = hit("2024年，净增科技型中小企业40家，技术合同成交额达到9.5亿元。",
                       headings=("一、2024年工作总结", "（二）创新主体进一步壮大"), year=2024)
    assert ask("宜昌2024年净增科技型中小企业多少家", under_review).answer == "40家"
