"""Random-weight snapshots of the learned models, written in the weights-dir layout.

`tiny` models run in well under a second on a CPU (tests, the GPU benchmark's CPU
smoke check); `published` ones have the shapes of the published configs (the GPU
benchmark on a GPU). Nothing is downloaded: every component is built from its config,
and the CLIP tokenizer from a hand-made byte-level vocabulary.

    write_shap_e(weights_dir, image=False, size="tiny", seed=0) -> folder
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Literal

Size = Literal["tiny", "published"]

# The published Shap-E priors (openai/shap-e, openai/shap-e-img2img) and a tiny stand-in.
_PRIOR_COMMON = {
    "additional_embeddings": 0,
    "time_embed_act_fn": "gelu",
    "norm_in_type": "layer",
    "encoder_hid_proj_type": None,
    "added_emb_type": None,
}
PRIORS: dict[tuple[Size, bool], dict[str, Any]] = {
    ("published", False): {
        "num_attention_heads": 16,
        "attention_head_dim": 64,
        "num_layers": 24,
        "embedding_dim": 1024,
        "num_embeddings": 1024,
        "time_embed_dim": 4096,
        "embedding_proj_dim": 768,
        "clip_embed_dim": 2048,
    },
    ("published", True): {
        "num_attention_heads": 8,
        "attention_head_dim": 128,
        "num_layers": 24,
        "embedding_dim": 1024,
        "num_embeddings": 1024,
        "time_embed_dim": 4096,
        "embedding_proj_dim": 1024,
        "embedding_proj_norm_type": "layer",
        "clip_embed_dim": 2048,
    },
    ("tiny", False): {
        "num_attention_heads": 2,
        "attention_head_dim": 8,
        "num_layers": 1,
        "embedding_dim": 16,
        "num_embeddings": 32,
        "time_embed_dim": 32,
        "embedding_proj_dim": 16,
        "clip_embed_dim": 32,
    },
}
PRIORS[("tiny", True)] = {**PRIORS[("tiny", False)], "embedding_proj_norm_type": "layer"}

# The renderer's MLP: d_hidden wide; its first four weights are projected from the latent.
RENDERER_HIDDEN: dict[Size, int] = {"published": 256, "tiny": 8}
# CLIP ViT-L/14 (text with projection, and vision) as published, and tiny stand-ins.
TEXT_ENCODERS: dict[Size, dict[str, Any]] = {
    "published": {"hidden_size": 768, "intermediate_size": 3072, "num_hidden_layers": 12,
                  "num_attention_heads": 12, "projection_dim": 768},
    "tiny": {"hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 1,
             "num_attention_heads": 2, "projection_dim": 16},
}  # fmt: skip
VISION_ENCODERS: dict[Size, dict[str, Any]] = {
    "published": {"hidden_size": 1024, "intermediate_size": 4096, "num_hidden_layers": 24,
                  "num_attention_heads": 16, "image_size": 224, "patch_size": 14},
    "tiny": {"hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 1,
             "num_attention_heads": 2, "image_size": 32, "patch_size": 8},
}  # fmt: skip
CLIP_MAX_TOKENS = 77


def write_shap_e(weights_dir: Path, *, image: bool, size: Size = "tiny", seed: int = 0) -> Path:
    """A random Shap-E snapshot at weights_dir/openai/shap-e(-img2img); returns it."""
    import torch
    from diffusers import ShapEImg2ImgPipeline, ShapEPipeline

    torch.manual_seed(seed)
    parts = {
        "prior": _prior(size, image),
        "scheduler": _scheduler(),
        "shap_e_renderer": _renderer(size, PRIORS[(size, image)]["embedding_dim"]),
    }
    if image:
        parts.update(image_encoder=_vision_encoder(size), image_processor=_image_processor(size))
        pipe: Any = ShapEImg2ImgPipeline(**parts)
    else:
        parts.update(text_encoder=_text_encoder(size), tokenizer=_tokenizer())
        pipe = ShapEPipeline(**parts)
    folder = weights_dir / ("openai/shap-e-img2img" if image else "openai/shap-e")
    pipe.save_pretrained(str(folder), safe_serialization=True)
    return folder


def _prior(size: Size, image: bool) -> Any:
    from diffusers import PriorTransformer

    return PriorTransformer(**_PRIOR_COMMON, **PRIORS[(size, image)])


def _scheduler() -> Any:
    from diffusers import HeunDiscreteScheduler

    return HeunDiscreteScheduler(
        beta_schedule="exp",
        num_train_timesteps=1024,
        prediction_type="sample",
        use_karras_sigmas=True,
        clip_sample=True,
        clip_sample_range=1.0,
    )


def _renderer(size: Size, latent_width: int) -> Any:
    from diffusers.pipelines.shap_e import ShapERenderer

    hidden = RENDERER_HIDDEN[size]
    shapes = ((hidden, 93), (hidden, hidden), (hidden, hidden), (hidden, hidden))
    renderer = ShapERenderer(
        param_shapes=shapes, d_latent=latent_width, d_hidden=hidden, background=(255.0,) * 3
    )
    _make_blob(renderer)
    return renderer


BLOB_RADIUS = 0.6  # where the shaped field crosses zero on each axis
_SHARPNESS = 6.0  # slope of the |x| the first two layers build
_WOBBLE = 0.05  # how much the latent moves the projected weights


def _make_blob(renderer: Any) -> None:
    """Shape a random renderer so that every latent decodes to a smooth closed blob.

    Left random, the first layer reads all of the position's sine features up to 2**14
    cycles, so the surface is noise: hundreds of thousands of triangles in a thousand
    pieces, nothing like a trained model's output, and the texture stage then measures
    xatlas on noise. Here the projected weights become fixed matrices (their bias) that
    build |x|, |y|, |z| from the raw position, plus a small latent-driven wobble; the
    output layer turns them into a rounded octahedron of radius BLOB_RADIUS, coloured by
    position. The compute per query point is unchanged.
    """
    import torch

    hidden = renderer.config.d_hidden
    fixed = {0: torch.zeros(hidden, 93), 1: torch.zeros(hidden, hidden)}
    for axis in range(3):
        fixed[0][2 * axis, axis], fixed[0][2 * axis + 1, axis] = _SHARPNESS, -_SHARPNESS
        fixed[1][axis, 2 * axis] = fixed[1][axis, 2 * axis + 1] = 1.0
    fixed[2] = fixed[3] = torch.eye(hidden)
    with torch.no_grad():
        for index, matrix in fixed.items():
            projection = renderer.params_proj.projections[f"nerstf__mlp__{index}__weight"]
            projection.proj.bias.copy_(matrix.reshape(-1))
            projection.norm.bias.zero_()
            projection.norm.weight.zero_()
            projection.norm.weight[:3] = _WOBBLE  # raw position only: no sine features
        _blob_output_layers(renderer.mlp.mlp, hidden)


def _blob_output_layers(layers: Any, hidden: int) -> None:
    """The fixed layers: identity on the three |x| channels, then the signed distance
    (positive inside) and a colour per axis."""
    import torch
    import torch.nn.functional as F

    for layer in layers:
        layer.bias.zero_()
    for layer in (layers[4], layers[5]):
        layer.weight.zero_()
        layer.weight[:, :hidden] = torch.eye(hidden)
    at_radius = torch.tensor(_SHARPNESS * BLOB_RADIUS)
    value = at_radius * torch.tanh(at_radius / 2)  # silu(a) + silu(-a)
    for _ in range(5):
        value = F.silu(value)
    output = layers[6]
    output.weight.zero_()
    output.weight[0, :3] = -4.0 / float(value)
    output.bias[0] = 4.0
    for channel in range(3):
        output.weight[3 + channel, channel] = 2.0 / float(value)
        output.bias[3 + channel] = -1.0


def _text_encoder(size: Size) -> Any:
    from transformers import CLIPTextConfig, CLIPTextModelWithProjection

    vocabulary = _vocabulary()
    config = CLIPTextConfig(
        vocab_size=len(vocabulary),
        max_position_embeddings=CLIP_MAX_TOKENS,
        bos_token_id=vocabulary["<|startoftext|>"],
        eos_token_id=vocabulary["<|endoftext|>"],
        pad_token_id=0,
        **TEXT_ENCODERS[size],
    )
    return CLIPTextModelWithProjection(config).eval()


def _vision_encoder(size: Size) -> Any:
    from transformers import CLIPVisionConfig, CLIPVisionModel

    return CLIPVisionModel(CLIPVisionConfig(**VISION_ENCODERS[size])).eval()


def _image_processor(size: Size) -> Any:
    from transformers import CLIPImageProcessor

    side = VISION_ENCODERS[size]["image_size"]
    return CLIPImageProcessor(
        size={"shortest_edge": side}, crop_size={"height": side, "width": side}
    )


def _byte_characters() -> list[str]:
    """The 256 printable stand-ins of byte-level BPE (GPT-2's mapping)."""
    printable = [*range(33, 127), *range(161, 173), *range(174, 256)]
    extra = [b for b in range(256) if b not in printable]
    mapping = {b: chr(b) for b in printable} | {b: chr(256 + i) for i, b in enumerate(extra)}
    return [mapping[b] for b in range(256)]


def _vocabulary() -> dict[str, int]:
    """Every byte alone and as a word end, plus CLIP's two special tokens."""
    tokens = [*_byte_characters(), *(c + "</w>" for c in _byte_characters())]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    return {token: index for index, token in enumerate(tokens)}


def _tokenizer() -> Any:
    """A CLIP tokenizer built by hand; model_max_length must be set, or the pipeline
    pads every prompt to the library's 10**30 default."""
    import tempfile

    from transformers import CLIPTokenizer

    with tempfile.TemporaryDirectory() as scratch:
        vocab, merges = Path(scratch, "vocab.json"), Path(scratch, "merges.txt")
        vocab.write_text(json.dumps(_vocabulary()))
        merges.write_text("#version: 0.2\n")
        return CLIPTokenizer(str(vocab), str(merges), model_max_length=CLIP_MAX_TOKENS)


def ball_photo_png(size: int = 256) -> bytes:
    """The photo the learned image engines get in tests: a red ball on white."""
    from PIL import Image, ImageDraw

    photo = Image.new("RGB", (size, size), "white")
    box = (size // 4, size // 4, 3 * size // 4, 3 * size // 4)
    ImageDraw.Draw(photo).ellipse(box, fill="darkred")
    buffer = io.BytesIO()
    photo.save(buffer, format="PNG")
    return buffer.getvalue()


def hunyuan3d_config(size: Size = "tiny") -> dict[str, Any]:
    """hy3dgen's config.yaml for hunyuan3d-dit-v2-0: the published shapes, or tiny ones."""
    tiny = size == "tiny"
    dino = {
        "hidden_size": 16 if tiny else 1536, "num_hidden_layers": 1 if tiny else 40,
        "num_attention_heads": 2 if tiny else 24, "image_size": 28 if tiny else 518,
        "patch_size": 14, "mlp_ratio": 2 if tiny else 4, "use_swiglu_ffn": not tiny,
        "layerscale_value": 1.0, "layer_norm_eps": 1e-6, "qkv_bias": True,
        "hidden_act": "gelu", "num_channels": 3, "model_type": "dinov2",
    }  # fmt: skip
    latent = 8 if tiny else 64
    dit = {
        "in_channels": latent, "context_in_dim": dino["hidden_size"],
        "hidden_size": 32 if tiny else 1024, "mlp_ratio": 4.0, "num_heads": 2 if tiny else 16,
        "depth": 1 if tiny else 16, "depth_single_blocks": 1 if tiny else 32,
        "axes_dim": [16 if tiny else 64], "theta": 10000, "qkv_bias": True,
        "guidance_embed": False,
    }  # fmt: skip
    vae = {
        "num_latents": 16 if tiny else 3072, "embed_dim": latent, "num_freqs": 8,
        "include_pi": False, "heads": 2 if tiny else 16, "width": 32 if tiny else 1024,
        "num_decoder_layers": 1 if tiny else 16, "qkv_bias": False, "qk_norm": True,
        "scale_factor": 0.9990943042622529,
    }  # fmt: skip
    models = "hy3dgen.shapegen.models"
    encoder = {
        "type": "DinoImageEncoder",
        "kwargs": {"config": dino, "image_size": dino["image_size"]},
    }
    return {
        "model": {"target": f"{models}.Hunyuan3DDiT", "params": dit},
        "vae": {"target": f"{models}.ShapeVAE", "params": vae},
        "conditioner": {
            "target": f"{models}.SingleImageEncoder",
            "params": {"main_image_encoder": encoder},
        },
        "scheduler": {
            "target": "hy3dgen.shapegen.schedulers.FlowMatchEulerDiscreteScheduler",
            "params": {"num_train_timesteps": 1000},
        },
        "image_processor": {
            "target": "hy3dgen.shapegen.preprocessors.ImageProcessorV2",
            "params": {"size": 64 if tiny else 512, "border_ratio": 0.15},
        },
    }


def write_hunyuan3d(weights_dir: Path, size: Size = "tiny", seed: int = 0) -> Path:
    """A random Hunyuan3D-2 snapshot (its DiT folder: config.yaml and the weights in one
    safetensors file, keyed model./vae./conditioner. as hy3dgen's from_single_file
    splits them). Needs hy3dgen importable: it builds the modules from the config."""
    import torch
    import yaml
    from hy3dgen.shapegen.pipelines import instantiate_from_config
    from safetensors.torch import save_file

    torch.manual_seed(seed)
    config = hunyuan3d_config(size)
    folder = weights_dir / "tencent/Hunyuan3D-2/hunyuan3d-dit-v2-0"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(yaml.safe_dump(config))
    tensors = {}
    for part in ("model", "vae", "conditioner"):
        module = instantiate_from_config(config[part])
        for key, value in module.state_dict().items():
            tensors[f"{part}.{key}"] = value.detach().to(torch.float16).contiguous()
    save_file(tensors, str(folder / "model.fp16.safetensors"))
    return folder.parent
