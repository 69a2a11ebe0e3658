"""Turn an engine's trimesh Scene into deliverables: mesh ops, textures, files, thumbnails."""
