"""`python -m policyqa.bench`: speed, scale and robustness of policyqa, printed as ratios measured in one run."""
