"""scripts/app.sh runs pip once: a later start goes straight to `policyqa ui`, a changed pyproject.toml or a
policyqa that no longer resolves to the checkout installs again. Python is a stand-in that records the pip
and `policyqa ui` calls it gets (and answers the script's own question about the interpreter for real)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A checkout with the real script and pyproject.toml, and a policyqa package of its own."""
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "app.sh", root / "scripts" / "app.sh")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "policyqa").mkdir()
    (root / "policyqa" / "__init__.py").write_text("", encoding="utf-8")
    fake = tmp_path / "python"
    fake.write_text(f"""#!/usr/bin/env bash
case "$1 $2" in
  "-m pip") echo "pip $*" >> "{tmp_path}/calls" ;;
  "-m policyqa") echo "policyqa $*" >> "{tmp_path}/calls" ;;
  *) exec "{sys.executable}" "$@" ;;
esac
""", encoding="utf-8")
    fake.chmod(0o755)
    return root


def _start(checkout: Path, *args: str, installed: bool = True) -> tuple[list[str], str]:
    """Run the script; the calls the stand-in Python got, and what the script printed."""
    env = {**os.environ, "PYTHON": str(checkout.parent / "python")}
    # pip install -e would make policyqa resolve to the checkout; the stand-in does not install, so say it
    env["PYTHONPATH"] = str(checkout) if installed else ""
    calls = checkout.parent / "calls"
    calls.unlink(missing_ok=True)
    out = subprocess.run(["bash", str(checkout / "scripts" / "app.sh"), *args], env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    return calls.read_text(encoding="utf-8").splitlines(), out.stdout


def test_first_start_installs_and_says_what_then_starts_the_app(checkout):
    calls, printed = _start(checkout, "--port", "8502")
    assert calls[0].startswith("pip -m pip install -e .") and calls[1] == "policyqa -m policyqa ui --port 8502"
    assert "Installing policyqa and its dependencies" in printed and "policyqa ui" in printed


def test_second_start_runs_no_pip(checkout):
    _start(checkout)
    calls, printed = _start(checkout, "--port", "8502")
    assert calls == ["policyqa -m policyqa ui --port 8502"] and "Installing" not in printed


def test_a_changed_pyproject_installs_again(checkout):
    _start(checkout)
    with (checkout / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write("\n# a new dependency\n")
    calls, _ = _start(checkout)
    assert calls[0].startswith("pip ")


def test_policyqa_resolving_elsewhere_installs_again(checkout):
    _start(checkout)
    calls, _ = _start(checkout, installed=False)  # e.g. another checkout was installed since
    assert calls[0].startswith("pip ")


def test_policyqa_ui_starts_the_server_without_building_and_leaves_the_default_index_to_the_page(monkeypatch,
                                                                                                 tmp_path):
    from click.testing import CliRunner

    from policyqa.ui import cli

    seen: dict[str, list[str]] = {}

    def execv(path, argv):  # `policyqa ui` becomes streamlit: record what it would run
        seen["argv"] = argv
        raise SystemExit(0)

    monkeypatch.setattr(os, "execv", execv)
    monkeypatch.setenv("POLICYQA_INDEX", str(tmp_path / "new-index"))
    result = CliRunner().invoke(cli.main, ["ui", "--port", "8502"])
    assert result.exit_code == 0, result.output
    assert "--index" not in seen["argv"]  # the page opens (and on first start builds) the default index
    assert not (tmp_path / "new-index").exists()  # nothing built before the server is up
    assert str(tmp_path / "new-index") in result.output  # the terminal says which index
