#!/usr/bin/env bash
# Profiles `runbook lint` on a generated corpus and prints where the time goes.
#
# Usage: bench/profile.sh [--files N] [--runbook PATH]
#
# Uses `perf record` with the cpu-clock software event (works in VMs without
# hardware counters) and DWARF call graphs, then prints the inclusive share of
# the pipeline stages (walk, read, parse, front-matter, rules, cross-file pass,
# output) and the top self-time symbols. Run bench/run.sh first to build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
FILES=10000
RUNBOOK=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --files) FILES="$2"; shift 2 ;;
        --runbook) RUNBOOK="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
RUNBOOK="${RUNBOOK:-$TARGET/release/runbook}"
CORPUS="$ROOT/bench/corpus/$FILES"
SCRATCH="$ROOT/bench/corpus/scratch"
mkdir -p "$SCRATCH"
if [[ ! -d "$CORPUS" ]]; then
    "$TARGET/release/gen-corpus" --files "$FILES" --out "$CORPUS" --seed 1 >&2
fi

cmd=("$RUNBOOK" lint .)
if "$RUNBOOK" lint --help 2>/dev/null | grep -q -- --format; then
    cmd=("$RUNBOOK" lint --format json --output "$SCRATCH/profile.json" .)
fi

DATA="$SCRATCH/perf.data"
(cd "$CORPUS" && perf record -q -e cpu-clock -F 2000 --call-graph dwarf,16384 -o "$DATA" -- "${cmd[@]}" >/dev/null 2>&1) || true

REPORT="$SCRATCH/perf-children.txt"
perf report -i "$DATA" --children --sort symbol --stdio -g none 2>/dev/null >"$REPORT"

# share SYMBOL-REGEX: the largest inclusive percentage among matching symbols.
share() {
    grep -E "$1" "$REPORT" | awk '{ gsub("%", "", $1); v = $1 + 0; if (v > m) m = v } END { printf "%5.1f%%", m }'
}
echo "Inclusive share of samples (a stage's callees are counted in it):"
echo "  walk (ignore/walkdir)      $(share 'ignore::walk|walkdir::|discover')"
echo "  read (fs::read)            $(share 'std::fs::read|fs::read::inner')"
echo "  parse (runbook_parse)      $(share 'runbook_parse::parse_str|runbook_parse::parse$|runbook_parse::parse ')"
echo "    markdown walk            $(share 'runbook_parse::markdown::walk')"
echo "    front-matter             $(share 'runbook_parse::front_matter::parse')"
echo "      YAML (saphyr)          $(share "runbook_parse::front_matter::yaml::parse")"
echo "      TOML                   $(share "toml::de::parser::parse_document")"
echo "    pulldown-cmark first pass $(share "pulldown_cmark::parse::Parser::new_ext")"
echo "    line index               $(share 'runbook_parse::position::LineIndex::new')"
echo "  per-file rules (check)     $(share 'runbook_lint::engine::Linter::check')"
echo "  cross-file pass            $(share 'runbook_lint::.*cross|check_collection|check_all')"
echo "  output (serde_json/write)  $(share 'serde_json::|write_report|output::')"
SELF="$SCRATCH/perf-self.txt"
perf report -i "$DATA" --no-children --sort symbol --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' >"$SELF"
alloc=$(grep -E '\] (_int_malloc|malloc|malloc_consolidate|_int_free|free|cfree[@A-Z_.0-9]*|realloc|_int_realloc) ' "$SELF" |
    awk '{ gsub("%", "", $1); s += $1 } END { printf "%5.1f%%", s }')
echo "  allocator, self time       $alloc"
echo
echo "Top self-time symbols:"
head -n 25 "$SELF" | sed -E 's/ +- +- +$//'
