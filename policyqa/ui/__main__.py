from policyqa.ui.cli import main

main()
