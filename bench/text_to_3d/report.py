"""The benchmark's markdown: held-out figures apart from tuning figures."""

from __future__ import annotations

from typing import Any

_SET_NOTES = {
    "everyday-16": "**held out**: everyday prompts written before the 278 kinds were chosen",
    "held-out-57": "held out when written, for the 57-kind engine (26 relabelled, see sets.py)",
    "tuning-16": "tuning: written while building the 278 kinds, used to set the rules",
    "main": "tuning: written with the 57-kind engine",
}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _secs(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def objects_markdown(s: dict[str, Any]) -> str:
    lines = [
        "# Text-to-3D benchmark (`python -m bench.text_to_3d`)",
        "",
        f"{s['kinds']} kinds; one-object prompt sets through `engine.generate` at default "
        f"settings on {s['machine']} (timings are noisy: medians).",
        "",
        "| set | in vocabulary | right object | out of vocabulary | refused "
        "| median / p90 s per object |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in s["by_set"].items():
        lines.append(
            f"| {name} | {row['in_vocabulary']} | {_pct(row['right_object'])} | "
            f"{row['out_of_vocabulary']} | {_pct(row['oov_refused'])} | "
            f"{_secs(row['median_seconds_per_object'])} / {_secs(row['p90_seconds_per_object'])} |"
        )
    lines += ["", *[f"- {name}: {note}" for name, note in _SET_NOTES.items()], ""]
    lines += _targets(s["by_set"].get("everyday-16"))
    lines += _overall(s) + _growth(s["growth"]) + _kinds(s["every_kind"])
    for name, row in s["by_set"].items():
        lines += [f"## {name}: wrong objects and accepted out-of-vocabulary prompts", ""]
        lines += [f"- wrong: {m}" for m in row["misses"]] or ["- no wrong objects"]
        lines += [f"- not refused: {m}" for m in row["oov_accepted"]] or ["- every one refused"]
        lines.append("")
    return "\n".join(lines)


def _targets(row: dict[str, Any] | None) -> list[str]:
    if row is None:
        return []
    right, refused = row["right_object"], row["oov_refused"]
    median = row["median_seconds_per_object"]
    return [
        "| target (#16), held-out everyday prompts | result | target | met |",
        "|---|---|---|---|",
        f"| right object | {_pct(right)} | >= 95% | {_met(right, 0.95, above=True)} |",
        f"| out-of-vocabulary refused | {_pct(refused)} | >= 90% | {_met(refused, 0.9, True)} |",
        f"| median time per object | {_secs(median)} | <= 0.5 s | {_met(median, 0.5, False)} |",
        "",
    ]


def _met(value: float | None, target: float, above: bool) -> str:
    ok = value is not None and (value >= target if above else value <= target)
    return "yes" if ok else "**no**"


def _overall(s: dict[str, Any]) -> list[str]:
    return [
        "## Every generated object",
        "",
        f"- closed (watertight) geometry: {_pct(s['closed_rate'])} of {s['generated']}",
        f"- colour applied: {_pct(s['colour_applied'])} of {s['colour_checked']}; "
        f"material applied: {_pct(s['material_applied'])} of {s['material_checked']}",
        f"- median / p90 time per object, all sets: {_secs(s['median_seconds_per_object'])} / "
        f"{_secs(s['p90_seconds_per_object'])}; at most {s['max_triangles']} triangles",
        f"- embedding model load, once per worker process: {s['model_load_seconds']:.1f} s",
        "",
    ]


def _growth(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "## Accuracy as the vocabulary grew (held-out everyday prompts, classification only)",
        "",
        "At each step the prompts whose object is among the kinds so far must get it, all "
        "others must be refused (today's matcher and keywords, restricted to those kinds).",
        "",
        "| vocabulary | kinds | in vocabulary | right object | out of vocabulary | refused |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['step']} | {r['kinds']} | {r['in_vocabulary']} | {_pct(r['right_object'])} | "
            f"{r['out_of_vocabulary']} | {_pct(r['oov_refused'])} |"
        )
    return [*lines, ""]


def _kinds(k: dict[str, Any]) -> list[str]:
    slow = ", ".join(f"{r['kind']} {r['seconds']:.2f} s" for r in k["slowest"])
    return [
        "## One model of every kind",
        "",
        f"{k['kinds']} kinds asked for by name ('a frying pan'): {k['understood_by_name']} "
        f"understood; median {_secs(k['median_seconds'])}, p90 {_secs(k['p90_seconds'])} per "
        f"object; slowest: {slow}. Contact sheet: `bench/results/text_to_3d_kinds.png`.",
        "",
    ]


def scenes_markdown(s: dict[str, Any]) -> str:
    by_set = s["by_set"]
    lines = [
        "# Text-to-3D scenes (`python -m bench.text_to_3d`)",
        "",
        f"Scene prompts through `engine.generate` on {s['machine']}. A scene passes when "
        "every named object is built (with its count), no two objects intersect (less than "
        "1e-8 m^3 in common) and each rests on the ground or touches another object 3 mm "
        "below it. scenes-16 was written before it was run; scenes-dev was used to debug "
        "the planner and the layout.",
        "",
        *_table(
            "set | prompts | passed | every object | no intersection | all resting | refused",
            [
                [name, r["prompts"], _pct(r["passed"]), _pct(r["every_object"])]
                + [_pct(r["no_intersection"]), _pct(r["all_resting"]), r["refused"]]
                for name, r in by_set.items()
            ],
        ),
        *_table(
            "set | scenes whose objects all have a kind | of those passed "
            "| scenes naming an object no kind builds | of those refused",
            [
                [name, r["all_kinds_known"], _pct(r["passed_all_kinds_known"])]
                + [r["naming_an_unbuildable_object"], r["of_those_refused"]]
                for name, r in by_set.items()
            ],
        ),
        "Target (#16): >= 90% of scene prompts give every named object. A scene naming "
        "an object no kind builds cannot pass; the engine should refuse it instead.",
        "",
    ]
    for name, r in by_set.items():
        lines += [f"## {name}: failures", ""]
        lines += [f"- {f}" for f in r["failures"]] or ["- none"]
        lines.append("")
    lines.append("Contact sheet: `bench/results/text_to_3d_scenes.png`.")
    return "\n".join(lines) + "\n"


def _table(header: str, rows: list[list[Any]]) -> list[str]:
    """A markdown table from 'a | b | c' and its rows, followed by a blank line."""
    columns = header.count("|") + 1
    lines = [f"| {header} |", "|" + "---|" * columns]
    return [*lines, *("| " + " | ".join(str(v) for v in row) + " |" for row in rows), ""]
