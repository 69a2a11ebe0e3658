"""Learned engines: published models run from weights on disk (MESHFORGE_WEIGHTS_DIR).

shap_e (OpenAI's Shap-E, text and image, through diffusers) and hunyuan3d (Tencent's
Hunyuan3D-2 shape stage through hy3dgen, an optional extra) derive from
engine.LearnedEngine; device.py knows the GPUs and the offline switches, snapshots.py
the weights layout, surface.py turns a raw learned mesh into the textured scene every
engine returns. Nothing here imports torch before a model's weights are found on disk.
"""
