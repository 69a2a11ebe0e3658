"""The weight-free text-to-3D engine: prompt -> category + attributes -> CSG object."""

from __future__ import annotations

from typing import Any

import numpy as np
import trimesh
from manifold3d import Manifold

from meshforge.assets import mesh_ops
from meshforge.config import Settings
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
from meshforge.engines.text_to_3d.scene_build import assemble, centred, items_of, lay_out, solid_of
from meshforge.engines.text_to_3d.scene_plan import ScenePlan
from meshforge.engines.text_to_3d.scene_reader import read_scene
from meshforge.engines.text_to_3d.surface import SurfaceOptions, dress
from meshforge.engines.text_to_3d.vocabulary import (
    CATEGORIES,
    Category,
    kinds_by_family,
    vocabulary_summary,
)

# Circle resolution before the face budget is applied, per style.
_FINEST_SEGMENTS = {"low-poly": 8, "smooth": 48, "cartoon": 24}
_DEFAULT_FINEST = 32
TOY_SIZE_M = 0.25  # the largest side of a toy version of something big


class TextTo3DEngine(BaseEngine):
    id = "meshforge/text-to-3d"
    kind: EngineKind = "text-to-3d"
    description = (
        f"Weight-free text-to-3D on the CPU: {len(CATEGORIES)} kinds of everyday objects "
        "built as parametric CSG models at real-world size, with colours, materials, sizes, "
        "counts and styles read from the prompt, alone or as a small scene of several "
        "objects laid out together (one node per object). Prompts naming anything else "
        "are refused with the closest supported objects."
    )
    default_face_limit = 20000

    def __init__(self, classifier: PromptClassifier | None = None) -> None:
        self._classifier = classifier or PromptClassifier(MiniLMEncoder())

    def parameter_overrides(self) -> dict[str, dict[str, Any]]:
        """The prompt field's help, with every kind by family under "x-kinds" (an
        OpenAPI-style extension keyword, so GET /v1/models lists the kinds)."""
        return {"prompt": {"description": prompt_description(), "x-kinds": kinds_by_family()}}

    def warm_up(self) -> None:
        """Load the sentence-embedding model now instead of on the first prompt."""
        self._classifier.warm_up()

    def understand(self, prompt: str) -> tuple[Classification, Attributes]:
        """Category and attributes of a prompt; EngineInputError if it names nothing we build."""
        text = prompt.strip()
        if not text:
            raise EngineInputError("the prompt is empty: describe the object to build")
        return self._classifier.classify(text), parse_attributes(text)

    def plan(self, prompt: str) -> tuple[Classification, ScenePlan]:
        """What the prompt is about, and every object it names with how they stand."""
        classification, _ = self.understand(prompt)
        return classification, read_scene(self._classifier, prompt, classification)

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        progress(2, "reading the prompt")
        classification, attrs = self.understand(request.prompt or "")
        plan = read_scene(self._classifier, request.prompt or "", classification)
        face_limit = request.face_limit or self.default_face_limit
        if plan.is_scene:
            scene = self._scene(plan, request, face_limit, progress)
        else:
            category = classification.category
            progress(20, f"building a {category.label}")
            _, meshes = self._object(category, attrs, request.seed, face_limit, request)
            progress(95, "assembling the scene")
            scene = trimesh.Scene()
            for mesh in meshes:
                scene.add_geometry(mesh, geom_name=str(mesh.metadata["name"]))
        if not request.auto_size:
            scene = mesh_ops.fit_unit_cube(scene)
        return scene

    def _object(
        self,
        category: Category,
        attrs: Attributes,
        seed: int,
        face_limit: int,
        request: GenerationRequest,
    ) -> tuple[list[MaterialGroup], list[trimesh.Trimesh]]:
        """(closed material groups, dressed meshes) of one object at real size, standing
        on y = 0 centred on x and z."""
        generator = GENERATORS[category.name]
        groups = build_groups(
            lambda: generator(np.random.default_rng(seed), attrs),
            main_material(attrs, category.material, category.colour),
            face_limit,
            _FINEST_SEGMENTS.get(attrs.style or "", _DEFAULT_FINEST),
        )
        groups = transform_groups(groups, _size_matrix(groups, attrs))
        options = SurfaceOptions(
            request.texture_enable,
            request.pbr_enable,
            request.texture_size,
            request.effective_texture_seed,
        )
        return groups, dress(groups, options)

    def _scene(
        self, plan: ScenePlan, request: GenerationRequest, face_limit: int, progress: ProgressFn
    ) -> trimesh.Scene:
        """Every object of the plan built, laid out without overlaps, one node each."""
        items = sorted(items_of(plan, CATEGORIES), key=lambda item: item.id)
        share = max(4, face_limit // len(items))  # the whole scene keeps face_limit
        solids: list[Manifold] = []
        meshes: list[list[trimesh.Trimesh]] = []
        names: list[str] = []
        counts: dict[str, int] = {}
        for item in items:
            obj = plan.objects[item.obj]
            category = CATEGORIES[obj.category]
            progress(5 + 75 * item.id // len(items), f"building a {category.label}")
            attrs = parse_attributes(" ".join(obj.words))
            seed = request.seed + 7919 * item.id  # copies differ, the same prompt repeats
            groups, dressed = self._object(category, attrs, seed, share, request)
            solids.append(solid_of([g.mesh for g in groups]))
            meshes.append(dressed)
            counts[category.name] = counts.get(category.name, 0) + 1
            names.append(f"{category.name}_{counts[category.name]}")
        progress(85, "laying out the scene")
        poses = lay_out(items_of(plan, CATEGORIES), solids)
        progress(95, "assembling the scene")
        return centred(assemble(names, meshes, poses))


def _size_matrix(groups: list[MaterialGroup], attrs: Attributes) -> np.ndarray:
    """Scale by the prompt's size words, then stand the object on y = 0 centred on x, z.
    A toy of something big ("a toy car", "a toy train") is made toy-sized."""
    vertices = np.vstack([g.mesh.vertices for g in groups])
    low, high = vertices.min(axis=0), vertices.max(axis=0)
    size = attrs.scale
    if "toy" in attrs.words and float(np.max(high - low)) * size > TOY_SIZE_M * 2:
        size = TOY_SIZE_M / float(np.max(high - low))
    scale = np.array([size, size * attrs.height_scale, size])
    matrix = np.diag([*scale, 1.0])
    anchor = np.array([(low[0] + high[0]) / 2, low[1], (low[2] + high[2]) / 2])
    matrix[:3, 3] = -anchor * scale
    return matrix


def prompt_description() -> str:
    """The prompt field's help text: what can be asked for and which words are understood."""
    return (
        "What to build, e.g. 'a red wooden chair with four legs', or a small scene of "
        "several objects, e.g. 'a lamp on a desk', 'a table with two chairs'. Supported "
        f"objects ({len(CATEGORIES)}) -- {vocabulary_summary()}. Understood attributes: "
        "colours (red, light blue, ...), "
        "materials (wood, metal, steel, gold, glass, stone, marble, plastic, fabric, "
        "leather, ceramic, ...), sizes (small, large, tall, short), counts ('three-legged', "
        "'with 5 shelves') and styles (low-poly, smooth, modern, rustic). Anything else is "
        "refused with the closest supported objects."
    )


def create_engine(settings: Settings | None = None) -> TextTo3DEngine:
    """Registry factory; the settings hold nothing this engine needs."""
    del settings
    return TextTo3DEngine()
