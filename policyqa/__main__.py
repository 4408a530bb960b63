"""`python -m policyqa …` is the `policyqa` command."""
from policyqa.ui.cli import run

run()
