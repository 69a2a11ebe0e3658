"""Forwarding benchmark: many tasks in flight upstream, and the result cache."""
