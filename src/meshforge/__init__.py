"""meshforge: a self-hosted, Siray-compatible 3D generation service."""

__version__ = "0.1.0"
