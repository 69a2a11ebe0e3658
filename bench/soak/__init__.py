"""Soak benchmark: the real server under sustained polling, submits and worker kills."""
