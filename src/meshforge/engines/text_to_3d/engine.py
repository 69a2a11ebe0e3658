"""The weight-free text-to-3D engine: prompt -> category + attributes -> CSG object."""

from __future__ import annotations

from typing import Any

import numpy as np
import trimesh

from meshforge.assets import mesh_ops
from meshforge.engines.base import (
    BaseEngine,
    EngineInputError,
    EngineKind,
    GenerationRequest,
    ProgressFn,
)
from meshforge.engines.text_to_3d.assemble import (
    MaterialGroup,
    build_groups,
    main_material,
    transform_groups,
)
from meshforge.engines.text_to_3d.attributes import Attributes, parse_attributes
from meshforge.engines.text_to_3d.classifier import Classification, MiniLMEncoder, PromptClassifier
from meshforge.engines.text_to_3d.generators import GENERATORS
from meshforge.engines.text_to_3d.surface import SurfaceOptions, dress
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES, vocabulary_summary

# Circle resolution before the face budget is applied, per style.
_FINEST_SEGMENTS = {"low-poly": 8, "smooth": 48, "cartoon": 24}
_DEFAULT_FINEST = 32


class TextTo3DEngine(BaseEngine):
    id = "meshforge/text-to-3d"
    kind: EngineKind = "text-to-3d"
    description = (
        f"Weight-free text-to-3D on the CPU: {len(CATEGORIES)} kinds of everyday objects "
        "built as parametric CSG models at real-world size, with colours, materials, sizes, "
        "counts and styles read from the prompt. Prompts naming anything else are refused "
        "with the closest supported objects."
    )
    default_face_limit = 20000

    def __init__(self, classifier: PromptClassifier | None = None) -> None:
        self._classifier = classifier or PromptClassifier(MiniLMEncoder())

    def parameter_overrides(self) -> dict[str, dict[str, Any]]:
        return {"prompt": {"description": prompt_description()}}

    def warm_up(self) -> None:
        """Load the sentence-embedding model now instead of on the first prompt."""
        self._classifier.warm_up()

    def understand(self, prompt: str) -> tuple[Classification, Attributes]:
        """Category and attributes of a prompt; EngineInputError if it names nothing we build."""
        text = prompt.strip()
        if not text:
            raise EngineInputError("the prompt is empty: describe the object to build")
        return self._classifier.classify(text), parse_attributes(text)

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        progress(2, "reading the prompt")
        classification, attrs = self.understand(request.prompt or "")
        category = classification.category
        progress(20, f"building a {category.label}")
        generator = GENERATORS[category.name]
        face_limit = request.face_limit or self.default_face_limit
        groups = build_groups(
            lambda: generator(np.random.default_rng(request.seed), attrs),
            main_material(attrs, category.material, category.colour),
            face_limit,
            _FINEST_SEGMENTS.get(attrs.style or "", _DEFAULT_FINEST),
        )
        groups = transform_groups(groups, _size_matrix(groups, attrs))
        progress(50, "texturing" if request.texture_enable else "applying materials")
        meshes = dress(
            groups,
            SurfaceOptions(
                request.texture_enable,
                request.pbr_enable,
                request.texture_size,
                request.effective_texture_seed,
            ),
        )
        progress(95, "assembling the scene")
        scene = trimesh.Scene()
        for mesh in meshes:
            scene.add_geometry(mesh, geom_name=str(mesh.metadata["name"]))
        if not request.auto_size:
            scene = mesh_ops.fit_unit_cube(scene)
        return scene


def _size_matrix(groups: list[MaterialGroup], attrs: Attributes) -> np.ndarray:
    """Scale by the prompt's size words, then stand the object on y = 0 centred on x, z."""
    vertices = np.vstack([g.mesh.vertices for g in groups])
    low, high = vertices.min(axis=0), vertices.max(axis=0)
    scale = np.array([attrs.scale, attrs.scale * attrs.height_scale, attrs.scale])
    matrix = np.diag([*scale, 1.0])
    anchor = np.array([(low[0] + high[0]) / 2, low[1], (low[2] + high[2]) / 2])
    matrix[:3, 3] = -anchor * scale
    return matrix


def prompt_description() -> str:
    """The prompt field's help text: what can be asked for and which words are understood."""
    return (
        "What to build, e.g. 'a red wooden chair with four legs'. Supported objects -- "
        f"{vocabulary_summary()}. Understood attributes: colours (red, light blue, ...), "
        "materials (wood, metal, steel, gold, glass, stone, marble, plastic, fabric, "
        "leather, ceramic, ...), sizes (small, large, tall, short), counts ('three-legged', "
        "'with 5 shelves') and styles (low-poly, smooth, modern, rustic). Anything else is "
        "refused with the closest supported objects."
    )


def create_engine() -> TextTo3DEngine:
    return TextTo3DEngine()
