#!/usr/bin/env bash
# Pandoc round trip: renders the example paper and a generated 500-claim paper
# (or the papers given as arguments) to HTML and DOCX with resolved
# citations through both routes — `clio export | pandoc` and
# `pandoc --lua-filter pandoc/clio.lua` — and checks the results: no date tags,
# no [[links]], the bibliography rendered, no unresolved citations.
# Uses Debian's pandoc (bookworm: 2.17); exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v pandoc >/dev/null; then
  echo "installing Debian's pandoc"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends pandoc >/dev/null
fi
echo "$(pandoc --version | head -1)"
[ -f dist/cli.cjs ] || node scripts/build.mjs

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The bundled sources as CSL-JSON, for every paper.
node dist/cli.cjs facts export-csl -o "$out/bundled.json"

check() { # label text-file log-file
  local label=$1 text=$2 log=$3
  grep -Eq '\{-?[0-9X]{3}[0-9X~?%/.-]*\}' "$text" && fail "$label: a date tag is left: $(grep -Eo '\{-?[0-9X]{3}[0-9X~?%/.-]*\}' "$text" | head -1)"
  grep -q '\[\[' "$text" && fail "$label: an entity link [[…]] is left"
  grep -q 'Tretiak' "$text" || fail "$label: the bibliography does not name Tretiak (citations not resolved)"
  grep -q '???' "$text" && fail "$label: ??? in the output (unresolved citation)"
  grep -Eq '@(tretiak|biberaj|fink|malile|griffith|bashkimi|selivanov)' "$text" && fail "$label: an @key is left unresolved"
  grep -Eq '[A-Za-z0-9:-]+\?\*\*|\*\*[a-z0-9:-]+\?' "$text" && fail "$label: citeproc marked a citation as missing"
  grep -qi 'citeproc.*not found' "$log" && fail "$label: $(grep -i 'not found' "$log" | head -1)"
  return 0
}

roundtrip() { # paper.md name
  local paper=$1 name=$2
  local dir file work
  dir=$(cd "$(dirname "$paper")" && pwd)
  file=$(basename "$paper")
  work="$out/$name"
  mkdir -p "$work"
  # The paper's own bibliographies too: a --bibliography option replaces the front
  # matter's, and pandoc resolves them relative to the working directory (the paper's folder).
  local bibs=(--bibliography "$out/bundled.json")
  while IFS= read -r bib; do
    [ -n "$bib" ] && bibs+=(--bibliography "$bib")
  done < <(node --input-type=module -e '
    import { readFileSync } from "node:fs";
    import YAML from "yaml";
    const m = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*$/m.exec(readFileSync(process.argv[1], "utf8"));
    const b = m ? (YAML.parse(m[1]) ?? {}).bibliography : undefined;
    for (const f of [b ?? []].flat()) console.log(f);
  ' "$dir/$file")

  (
    cd "$dir"
    for route in export filter; do
      for format in html docx; do
        local target="$work/$route.$format"
        if [ "$route" = export ]; then
          node "$root/dist/cli.cjs" export "$file" 2>"$target.export.log" \
            | pandoc -f markdown -s --citeproc "${bibs[@]}" -t "$format" -o "$target" 2>"$target.log"
        else
          pandoc "$file" -f markdown -s --lua-filter "$root/pandoc/clio.lua" --citeproc "${bibs[@]}" -t "$format" -o "$target" 2>"$target.log"
        fi
        # Read both formats back as text with pandoc itself.
        pandoc "$target" -t plain -o "$target.txt"
      done
    done
  )
  for route in export filter; do
    check "$name, $route → HTML" "$work/$route.html" "$work/$route.html.log"
    check "$name, $route → DOCX" "$work/$route.docx.txt" "$work/$route.docx.log"
    # A route that lost the text would still pass the greps above.
    local words
    words=$(wc -w <"$work/$route.docx.txt")
    [ "$words" -gt 100 ] || fail "$name, $route → DOCX has only $words words"
    echo "$name, $route: HTML $(wc -c <"$work/$route.html") bytes, DOCX $words words"
  done
  # Both routes must produce the same document.
  diff -u "$work/export.html.txt" "$work/filter.html.txt" >"$work/routes.diff" || fail "$name: the two routes differ: $(head -20 "$work/routes.diff")"
  diff -q "$work/export.docx.txt" "$work/filter.docx.txt" >/dev/null || fail "$name: the two DOCX files differ"

  # --keep-dates: claims become spans that HTML shows as data-date attributes.
  (cd "$dir" && node "$root/dist/cli.cjs" export --keep-dates "$file" 2>/dev/null) | pandoc -f markdown -t html -o "$work/keep.html"
  (cd "$dir" && pandoc "$file" --lua-filter "$root/pandoc/clio.lua" -M clio-keep-dates=true -t html -o "$work/keep-filter.html")
  for keep in keep keep-filter; do
    grep -q 'class="claim" data-date="' "$work/$keep.html" || fail "$name, $keep: no claim span with a data-date attribute"
  done
  diff -q "$work/keep.html" "$work/keep-filter.html" >/dev/null || fail "$name: --keep-dates and the filter's clio-keep-dates differ"
}

if [ $# -gt 0 ]; then
  for paper in "$@"; do roundtrip "$paper" "$(basename "$paper" .md)"; done
else
  roundtrip examples/paper.md example
  # Scale: a generated paper with 500 claims (no code blocks, which would hold markup on purpose).
  mkdir -p "$out/generated-src"
  node --import tsx test/helpers/generate-paper.ts 500 --no-code >"$out/generated-src/paper.md"
  roundtrip "$out/generated-src/paper.md" generated-500
fi

if [ "$failures" -gt 0 ]; then
  echo "pandoc round trip: $failures failure(s)"
  exit 1
fi
echo "pandoc round trip: OK (export and Lua filter, HTML and DOCX)"
