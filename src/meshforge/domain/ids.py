"""Identifiers: task ids in Siray's shape and unguessable output tokens."""

from __future__ import annotations

import secrets


def new_task_id() -> str:
    return "3d_" + secrets.token_hex(24)  # 48 hex digits


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits


def is_task_id(value: str) -> bool:
    hex_part = value[3:]
    return (
        value.startswith("3d_")
        and len(hex_part) == 48
        and all(c in "0123456789abcdef" for c in hex_part)
    )
