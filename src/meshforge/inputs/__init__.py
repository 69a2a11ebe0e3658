"""Input images: decoding, limits and safe URL fetching."""
