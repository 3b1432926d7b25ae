#!/usr/bin/env bash
# Pandoc round trip: renders the example paper to HTML and DOCX with resolved
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

paper=${1:-examples/paper.md}
paper_dir=$(cd "$(dirname "$paper")" && pwd)
paper_name=$(basename "$paper")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The bundled sources as CSL-JSON, plus the paper's own bibliographies (pandoc
# resolves those relative to the working directory, so it runs in the paper's folder).
node dist/cli.cjs facts export-csl -o "$out/bundled.json"
bibs=(--bibliography "$out/bundled.json")
while IFS= read -r bib; do
  [ -n "$bib" ] && bibs+=(--bibliography "$bib")
done < <(node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import YAML from "yaml";
  const m = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*$/m.exec(readFileSync(process.argv[1], "utf8"));
  const b = m ? (YAML.parse(m[1]) ?? {}).bibliography : undefined;
  for (const f of [b ?? []].flat()) console.log(f);
' "$paper_dir/$paper_name")

render() { # route format output
  local route=$1 format=$2 target=$3
  local log="$target.log"
  if [ "$route" = export ]; then
    node "$root/dist/cli.cjs" export "$paper_name" 2>"$log.export" \
      | pandoc -f markdown -s --citeproc "${bibs[@]}" -t "$format" -o "$target" 2>"$log"
  else
    pandoc "$paper_name" -f markdown -s --lua-filter "$root/pandoc/clio.lua" --citeproc "${bibs[@]}" -t "$format" -o "$target" 2>"$log"
  fi
}

check() { # label text-file log-file
  local label=$1 text=$2 log=$3
  grep -Eq '\{-?[0-9X]{3}[0-9X~?%/.-]*\}' "$text" && fail "$label: a date tag is left: $(grep -Eo '\{-?[0-9X]{3}[0-9X~?%/.-]*\}' "$text" | head -1)"
  grep -q '\[\[' "$text" && fail "$label: an entity link [[…]] is left"
  grep -q 'Tretiak' "$text" || fail "$label: the bibliography does not name Tretiak (citations not resolved)"
  grep -q '???' "$text" && fail "$label: ??? in the output (unresolved citation)"
  grep -Eq '@(tretiak|biberaj|fink|malile|griffith|bashkimi)' "$text" && fail "$label: an @key is left unresolved"
  grep -Eq '[A-Za-z0-9:-]+\?\*\*|\*\*[a-z0-9:-]+\?' "$text" && fail "$label: citeproc marked a citation as missing"
  grep -qi 'citeproc.*not found' "$log" && fail "$label: $(grep -i 'not found' "$log" | head -1)"
  return 0
}

cd "$paper_dir"
for route in export filter; do
  render "$route" html "$out/$route.html"
  check "$route → HTML" "$out/$route.html" "$out/$route.html.log"
  render "$route" docx "$out/$route.docx"
  # Read the DOCX back as text with pandoc itself.
  pandoc "$out/$route.docx" -t plain -o "$out/$route.docx.txt"
  check "$route → DOCX" "$out/$route.docx.txt" "$out/$route.docx.log"
  # Lengths as a sanity check: a route that drops the text would still pass the greps.
  words=$(pandoc "$out/$route.docx" -t plain | wc -w)
  [ "$words" -gt 100 ] || fail "$route → DOCX has only $words words"
  echo "$route: HTML $(wc -c <"$out/$route.html") bytes, DOCX $words words"
done

# Both routes must produce the same document.
pandoc "$out/export.html" -t plain -o "$out/export.txt"
pandoc "$out/filter.html" -t plain -o "$out/filter.txt"
diff -u "$out/export.txt" "$out/filter.txt" >"$out/routes.diff" || fail "the two routes differ: $(head -20 "$out/routes.diff")"

# --keep-dates: claims become spans that HTML shows as data-date attributes.
node "$root/dist/cli.cjs" export --keep-dates "$paper_name" 2>/dev/null | pandoc -f markdown -t html -o "$out/keep.html"
grep -q 'class="claim" data-date="1961-12"' "$out/keep.html" || fail "--keep-dates: no claim span with data-date=\"1961-12\""
pandoc "$paper_name" --lua-filter "$root/pandoc/clio.lua" -M clio-keep-dates=true -t html -o "$out/keep-filter.html"
grep -q 'class="claim" data-date="1961-12"' "$out/keep-filter.html" || fail "lua filter keep-dates: no claim span with data-date=\"1961-12\""

if [ "$failures" -gt 0 ]; then
  echo "pandoc round trip: $failures failure(s)"
  exit 1
fi
echo "pandoc round trip: OK (export and Lua filter, HTML and DOCX)"
