#!/usr/bin/env bash
# A second virtualenv, .venv-hunyuan3d, where Tencent's hy3dgen imports, so that the
# Hunyuan3D-2 tests run on a CPU-only machine too (scripts/test.sh runs them in it).
#
# Why a second one: hy3dgen's shape stage imports torchvision, and PyPI's torchvision
# fails beside the CPU torch 2.13.0 of .venv (docs/weights.md). torch 2.14.1 with
# torchvision 0.29.1 is a matching pair (a CUDA build, ~5.5 GB, which runs on the CPU);
# it stays out of .venv so the service keeps the small CPU build.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-hunyuan3d
[ -x "$venv/bin/python" ] || python3.11 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q "torch==2.14.1" "torchvision==0.29.1"
"$venv/bin/python" -m pip install -q -e ".[test]"
# hy3dgen's declared requirements are its demo's (gradio, rembg, onnxruntime, opencv):
# the shape stage needs only these.
"$venv/bin/python" -m pip install -q --no-deps "hy3dgen==2.0.2"
"$venv/bin/python" -m pip install -q "einops>=0.7" "pyyaml>=6" "scikit-image>=0.22" "pymeshlab>=2023.12"
