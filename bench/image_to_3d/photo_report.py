"""bench/results/image_to_3d_photos.md from the photo set's summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

TARGET_IOU = 0.90
TARGET_REFUSALS = 0.90


def _met(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def part_lines(name: str, part: dict[str, Any]) -> list[str]:
    refusal_rate = part["right_refusals"] / max(1, part["should_refuse"])
    return [
        f"| {name} | {part['should_succeed']} | {part['succeeded']} | {part['mean_iou']:.3f} "
        f"| {part['should_refuse']} | {part['right_refusals']} ({refusal_rate:.0%}) "
        f"| {part['refused_at_all']} | {part['wrong_success']} |"
    ]


def targets(summary: dict[str, Any]) -> list[str]:
    every = summary["all"]
    rate = every["right_refusals"] / max(1, every["should_refuse"])
    return [
        "## Targets (learned segmenter, all scored photos)",
        "",
        f"- mean mask IoU >= {TARGET_IOU} on photos that should succeed: "
        f"{every['mean_iou']:.3f}, {_met(every['mean_iou'] >= TARGET_IOU)}",
        f"- the right refusal on >= {TARGET_REFUSALS:.0%} of those that should not: "
        f"{rate:.0%}, {_met(rate >= TARGET_REFUSALS)}",
        f"- no photo that should be refused comes back SUCCESS: {every['wrong_success']}, "
        f"{_met(every['wrong_success'] == 0)}",
        "",
    ]


def photo_lines(rows: list[dict[str, Any]], without: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| photo | part | condition | expected | answer | IoU | seconds "
        "| answer without weights | IoU |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row, other in zip(rows, without, strict=True):
        value = f"{row['iou']:.3f}" if "iou" in row else ""
        other_value = f"{other['iou']:.3f}" if "iou" in other else ""
        lines.append(
            f"| {row['name']} | {row['part']} | {row['condition']} | {row['expected'] or '-'} "
            f"| {row['answer']} | {value} | {row['seconds']:.2f} | {other['answer']} "
            f"| {other_value} |"
        )
    return lines


# How the report names a part; the others are named by their key ("held_out_2" -> "held out 2").
PART_LABELS = {"held_out": "held out 1 (tuned on from 2026-12-02)"}


def part_table(summary: dict[str, Any]) -> list[str]:
    rows = [
        line
        for part, figures in summary["parts"].items()
        for line in part_lines(PART_LABELS.get(part, part.replace("_", " ")), figures)
    ]
    return [
        "| part | should succeed | succeeded | mean IoU | should refuse | right refusal "
        "| refused at all | wrong SUCCESS |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        *part_lines("**all**", summary["all"]),
        "",
    ]


def write_markdown(summary: dict[str, Any], path: Path) -> None:
    header = [
        "# Image-to-3D on photographs: the foreground stage",
        "",
        "Produced by `python -m bench.image_to_3d.photos` (figures also in "
        "`image_to_3d_photos.json`; contact sheet photo -> mask -> model in "
        "`image_to_3d_photos_contact_sheet.png`). The set and its expected answers are in "
        "`bench/image_to_3d/photo_set.py`: photographs bundled in scikit-image's wheel and "
        "composites made by `bench/image_to_3d/composite.py`. The expected answers were "
        "written before tuning; the stage is tuned on the tuning part and, from 2026-12-02, on "
        "the first held-out part, which had been run three times (`--tuning` runs those "
        "alone); the second held-out part was written that day before tuning, the third the "
        "next day before the learned segmenter was first run, the fourth after that run and "
        "before any change it led to, the fifth likewise after the fourth's first run. Each run of "
        "a held-out part, with what it led to, is recorded in docs/image-to-3d.md "
        "(Benchmark).",
        "",
    ]
    table = [
        "## The learned segmenter (IS-Net weights installed: what the service uses)",
        "",
        *part_table(summary),
        "## Without the weights (the weight-free segmentation a server falls back to)",
        "",
        *part_table(summary["without_weights"]),
        "A photo that should succeed but is refused counts as IoU 0 in the mean.",
        "",
    ]
    speed = [
        f"Stage time per photo with the learned segmenter (decode + segmentation, up to "
        f"1024 px): median "
        f"{summary['stage_median_s']:.2f} s, max {summary['stage_max_s']:.2f} s; "
        f"{summary['machine']}, so times are noisy.",
        "",
        "## Every photo (learned segmenter)",
        "",
    ]
    lines = (
        header
        + targets(summary)
        + table
        + speed
        + photo_lines(summary["photos"], summary["without_weights"]["photos"])
    )
    path.write_text("\n".join(lines) + "\n")
