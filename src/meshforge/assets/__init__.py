"""Turn an engine's trimesh Scene into deliverables: mesh ops, textures, files, thumbnails.

Typical engine pipeline (metres, Y up):
    mesh = mesh_ops.repair(raw)                      # merge, clean, wind, cap small holes
    mesh = mesh_ops.decimate(mesh, face_limit)       # before UVs: decimation drops visuals
    mesh = texture.unwrap(mesh, resolution=1024)     # xatlas atlas, seams split vertices
    image = texture.bake_texture(mesh, color_fn, 1024)
    mesh = texture.apply_texture(mesh, image, texture.make_material(None, pbr=True))
    scene = mesh_ops.place_on_ground(trimesh.Scene(mesh), height_m)
Worker: face_limit.enforce_face_limit -> export.export_scene(fmt) -> thumbnail.render_thumbnail.
Benchmarks: thumbnail.render_views (camera conventions in camera.py).
"""
