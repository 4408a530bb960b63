"""`python -m policyqa …` is the `policyqa` command."""
from policyqa.ui.cli import main

main()
