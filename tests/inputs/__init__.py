"""Tests for meshforge.inputs: image checks and safe URL fetching."""
