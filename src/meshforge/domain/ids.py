"""Identifiers: task ids in Siray's shape and unguessable output tokens."""

from __future__ import annotations

import secrets


def new_task_id() -> str:
    return "3d_" + secrets.token_hex(24)  # 48 hex digits


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def is_token(value: str) -> bool:
    """Could `value` be an output token (URL-safe base64, as new_token makes)?"""
    return 16 <= len(value) <= 64 and all(c in _TOKEN_CHARS for c in value)


def is_task_id(value: str) -> bool:
    hex_part = value[3:]
    return (
        value.startswith("3d_")
        and len(hex_part) == 48
        and all(c in "0123456789abcdef" for c in hex_part)
    )
