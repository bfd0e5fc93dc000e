#!/usr/bin/env bash
# Regenerates docs/images/phu-yen-plan.png, the map README.md shows: the CLI plans the Phú Yên day and writes
# plan.svg; headless Chromium (Debian's `chromium`) rasterises it. Usage: tools/readme-map.sh [date] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
date="${1:-2026-12-01}"
seed="${2:-1}"
out=out/readme-map
dotnet run -c Release --project src/PostRoute.Cli -- plan --date "$date" --seed "$seed" --time 10 --out "$out" --quiet
read -r width height < <(grep -o -m1 'width="[0-9.]*" height="[0-9.]*"' "$out/plan.svg" | tr -dc '0-9. ' | awk '{printf "%d %d\n", $1, $2}')
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-quic --user-data-dir="$profile" --hide-scrollbars \
  --window-size="$width,$height" --screenshot="$PWD/docs/images/phu-yen-plan.png" "file://$PWD/$out/plan.svg" 2>/dev/null
echo "wrote docs/images/phu-yen-plan.png (${width}×${height}) from $out/plan.svg"
