"""lazyre: patterns compiled on first use behave as re's own, and the question path compiles none at import."""
import json
import re
import subprocess
import sys

from policyqa import lazyre


def test_lazy_pattern_matches_as_re_does():
    source = r"(?P<year>\d{4})年(?:新增)?([\u4e00-\u9fff]{2,6}?)(\d+)家"
    text = "咸宁2016年新增高新技术企业61家，2017年众创空间12家"
    lazy, eager = lazyre.compile(source), re.compile(source)
    assert [m.groups() for m in lazy.finditer(text)] == [m.groups() for m in eager.finditer(text)]
    assert lazy.search(text)["year"] == "2016"
    assert lazy.sub("X", text) == eager.sub("X", text)
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.split(text) == eager.split(text)
    assert lazy.fullmatch("2016年众创空间3家") is not None and lazy.match("在2016年") is None
    assert (lazy.groups, lazy.groupindex, lazy.flags) == (eager.groups, eager.groupindex, eager.flags)
    assert re.sub(lazy.compiled, "Y", "2016年众创空间3家") == "Y"


def test_source_is_read_without_compiling_and_flags_are_kept():
    lazy = lazyre.compile("abc", re.IGNORECASE)
    combined = lazyre.compile(lazy.pattern + "|def")
    assert "_compiled" not in lazy.__dict__
    assert combined.search("xDEF") is None and lazy.search("xABC") is not None


def test_question_path_compiles_no_pattern_at_import():
    # A cold `ask` pays for each pattern compiled at import (~1 ms for a class of Chinese characters): the
    # modules a question imports leave theirs to the first question that uses them.
    code = """
import json, sys
import policyqa.ui.cli, policyqa.qa, policyqa.ui.jsonout
from policyqa.lazyre import LazyPattern
found = [(m.__name__, k) for m in list(sys.modules.values()) if (m.__name__ or "").startswith("policyqa")
         for k, v in vars(m).items() if isinstance(v, LazyPattern)]
compiled = [f"{m}.{k}" for m, k in found if "_compiled" in vars(vars(sys.modules[m])[k])]
print(json.dumps([len(found), compiled]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    total, compiled = json.loads(out)
    assert total > 50
    assert compiled == []


def test_every_lazy_pattern_of_the_package_compiles():
    """A broken pattern would otherwise fail only at its first use, in a user's question."""
    import importlib
    import pkgutil

    import policyqa
    from policyqa.lazyre import LazyPattern

    skip = ("policyqa.ui.app", "policyqa.ui.upload_view", "policyqa.ui.state", "policyqa.ui.ask")  # streamlit pages
    found = 0
    for info in pkgutil.walk_packages(policyqa.__path__, "policyqa."):
        if info.name.startswith(skip) or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            for pattern in value if isinstance(value, tuple) else (value,):
                if isinstance(pattern, LazyPattern):
                    pattern.compiled
                    found += 1
    assert found > 100


def test_compile_pending_compiles_what_no_question_used_yet():
    pattern = lazyre.compile(r"[\u4e00-\u9fff]{2}新增")
    assert "_compiled" not in pattern.__dict__
    assert lazyre.compile_pending() >= 1
    assert "_compiled" in pattern.__dict__
    assert pattern.search("全市新增61家").group(0) == "全市新增"
    assert lazyre.compile_pending() == 0  # nothing left


def test_a_second_question_starts_the_background_compiling_and_a_first_does_not(monkeypatch):
    from policyqa import qa

    started = []
    monkeypatch.setattr(qa, "_questions", 0)
    monkeypatch.setattr(qa, "in_background", lambda fn, *args: started.append(fn))
    qa._after_a_question()
    assert started == []  # a one-question `ask` exits right after its answer
    qa._after_a_question()
    qa._after_a_question()
    assert started == [lazyre.compile_pending]  # once per process
