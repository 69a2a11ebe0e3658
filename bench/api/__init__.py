"""API throughput and latency benchmark (see run.py)."""
