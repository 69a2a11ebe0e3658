"""Signed webhooks (Standard Webhooks scheme) sent when a task reaches a terminal status."""
