#!/usr/bin/env bash
# Score extraction on the seeds' gold and the dev corpus with the shared scorer.
#   scripts/score.sh [--per-article]
# Needs ../shared (corpus and eval/score.py) next to this checkout.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$here/../shared}"
python="${PYTHON:-python3}"
cd "$here"
echo "== seeds ($shared/corpus/seeds/gold)"
"$python" -m labourgraph.evaluation "$shared/corpus/seeds/gold" seeds "$@"
echo "== dev ($shared/corpus/dev/gold)"
"$python" -m labourgraph.evaluation "$shared/corpus/dev/gold" "$shared/corpus/dev/articles" "$@"
