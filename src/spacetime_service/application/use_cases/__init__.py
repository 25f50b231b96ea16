"""use_cases layer."""
