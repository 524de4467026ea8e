"""Benchmarks: `python -m bench <name>` prints one JSON object of named numbers.

Each benchmark is a module bench/<name>.py with `run(args) -> dict`. Numbers are
compared against a baseline measured in the same run, on the same machine,
never against a constant (machines differ; ratios travel).
"""
