#!/usr/bin/env bash
# docs_pictures: the SVG pictures in docs/pictures/ are what
# scripts/docs-pictures.py draws from the installed extension today; a
# picture that no longer matches the code fails (redraw with make docs).
set -euo pipefail
cd "$(dirname "$0")/../.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
scripts/docs-pictures.py "$fresh"
stale=0
for picture in "$fresh"/*.svg; do
	name=docs/pictures/$(basename "$picture")
	if ! diff -q "$name" "$picture" >/dev/null 2>&1; then
		echo "docs_pictures: $name is stale or missing; run make docs"
		diff "$name" "$picture" 2>&1 | cut -c1-160 | head -20
		stale=1
	fi
done
for name in docs/pictures/*.svg; do
	[ -e "$fresh/$(basename "$name")" ] || { echo "docs_pictures: $name is drawn by nothing"; stale=1; }
done
[ $stale -eq 0 ] && echo "docs_pictures: $(ls "$fresh" | wc -l) pictures up to date"
exit $stale
