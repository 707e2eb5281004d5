"""The registry's rules as pure Python (no Django): reading and checking the scenario."""
