#!/usr/bin/env bash
# Benchmarks runbook against its peers on the same generated corpora, in one run.
#
# Usage: bench/run.sh [--runs N] [--sizes "1000 10000"] [--skip-peers] [--skip-mdbook]
#                     [--mdbook-files N] [--runbook PATH]
#
# Builds runbook and the bench binaries in release, generates deterministic corpora
# into bench/corpus/, installs peers into bench/peers/ (both gitignored), then times
# every tool (median, min and max of --runs runs, plus peak RSS) and writes a
# Markdown table to stdout and to bench/results/latest.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
CORPUS="$BENCH/corpus"
PEERS="$BENCH/peers"
RESULTS="$BENCH/results"
SCRATCH="$CORPUS/scratch"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

RUNS=5
SIZES="1000 10000"
SEED=1
SKIP_PEERS=0
SKIP_MDBOOK=0
# mdBook embeds the whole sidebar in every page, so it grows quadratically:
# 10,000 files take minutes and gigabytes. By default it runs on 1,000 files.
MDBOOK_FILES=1000
RUNBOOK=""

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --skip-peers) SKIP_PEERS=1; shift ;;
        --skip-mdbook) SKIP_MDBOOK=1; shift ;;
        --mdbook-files) MDBOOK_FILES="$2"; shift 2 ;;
        --runbook) RUNBOOK="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

log() { echo "==> $*" >&2; }

# --- Tools -----------------------------------------------------------------

if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time (needed for peak RSS)"
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
fi

log "building runbook and bench binaries (release)"
(cd "$ROOT" && cargo build --release --quiet -p runbook -p runbook-bench)
RUNBOOK="${RUNBOOK:-$TARGET/release/runbook}"
GEN="$TARGET/release/gen-corpus"
FLOOR="$TARGET/release/parse-floor"

install_peers() {
    mkdir -p "$PEERS"
    if [[ ! -x "$PEERS/node_modules/.bin/markdownlint-cli2" ]]; then
        if command -v npm >/dev/null; then
            log "installing markdownlint-cli2 (npm)"
            npm install --silent --prefix "$PEERS" markdownlint-cli2 >&2 || log "markdownlint-cli2 install failed"
        else
            log "npm not found: skipping markdownlint-cli2"
        fi
    fi
    if [[ ! -x "$PEERS/py/bin/rumdl" && ! -x "$PEERS/bin/rumdl" ]]; then
        log "installing rumdl (pip wheel, else cargo)"
        pip install --quiet --target "$PEERS/py" rumdl >&2 \
            || cargo install --quiet --locked --root "$PEERS" rumdl >&2 \
            || log "rumdl install failed"
    fi
    if [[ $SKIP_MDBOOK -eq 0 && ! -x "$PEERS/bin/mdbook" ]]; then
        log "installing mdbook (cargo; this compiles for a few minutes, once)"
        cargo install --quiet --locked --root "$PEERS" mdbook >&2 || log "mdbook install failed"
    fi
}
[[ $SKIP_PEERS -eq 0 ]] && install_peers

MDL="$PEERS/node_modules/.bin/markdownlint-cli2"
RUMDL="$PEERS/py/bin/rumdl"
[[ -x "$RUMDL" ]] || RUMDL="$PEERS/bin/rumdl"
MDBOOK="$PEERS/bin/mdbook"
if [[ $SKIP_PEERS -eq 1 ]]; then MDL=/nonexistent; RUMDL=/nonexistent; MDBOOK=/nonexistent; fi
[[ $SKIP_MDBOOK -eq 1 ]] && MDBOOK=/nonexistent
# rumdl's pip wheel finds its binary through this path.
export PYTHONPATH="$PEERS/py${PYTHONPATH:+:$PYTHONPATH}"

# --- Corpora ---------------------------------------------------------------

gen_corpus() {
    local n="$1" dir="$CORPUS/$n"
    local stamp="files=$n seed=$SEED gen=$(sha256sum "$GEN" | cut -c1-16)"
    if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" ]]; then
        return
    fi
    log "generating $n runbooks into $dir"
    rm -rf "$dir"
    "$GEN" --files "$n" --out "$dir" --seed "$SEED" >&2
    # markdownlint-cli2 with every default rule on, nothing else.
    echo '{ "config": { "default": true } }' >"$dir/.markdownlint-cli2.jsonc"
    echo "$stamp" >"$dir/.stamp"
}

# A scratch mdBook over a copy of the corpus: book.toml plus a SUMMARY.md listing every file.
mdbook_copy() {
    local n="$1" book="$SCRATCH/mdbook-$1"
    if [[ -f "$book/.stamp" && "$(cat "$book/.stamp")" == "$(cat "$CORPUS/$n/.stamp")" ]]; then
        echo "$book"; return
    fi
    rm -rf "$book"
    mkdir -p "$book/src"
    (cd "$CORPUS/$n" && find . -name '*.md' -print0 | xargs -0 cp --parents -t "$book/src") || return 1
    printf '[book]\ntitle = "Runbooks"\n\n[output.html]\n' >"$book/book.toml"
    {
        echo "# Summary"
        echo
        (cd "$book/src" && find . -name '*.md' ! -name SUMMARY.md | sort | sed 's|^\./||') |
            while read -r f; do echo "- [${f%.md}]($f)"; done
    } >"$book/src/SUMMARY.md"
    cp "$CORPUS/$n/.stamp" "$book/.stamp"
    echo "$book"
}

# --- Measuring -------------------------------------------------------------

RESULT_ROWS=()
declare -A FLOOR_MEDIAN
declare -A MEDIAN
declare -A SEARCH_INDEX_BYTES

# measure TOOL CORPUS RUNS CMD...: runs CMD in the current directory RUNS times.
# Exit codes 0 and 1 (findings) are fine; anything else marks the row as failed.
measure() {
    local tool="$1" corpus="$2" runs="$3"; shift 3
    local times=() rss=0 rc start end t m i
    local out; out=$(mktemp)
    for ((i = 0; i < runs; i++)); do
        rc=0
        start=$EPOCHREALTIME
        /usr/bin/time -f "%M" -o "$out" "$@" >/dev/null 2>&1 || rc=$?
        end=$EPOCHREALTIME
        if [[ $rc -gt 1 ]]; then
            log "$tool on $corpus failed with exit code $rc: $*"
            RESULT_ROWS+=("$tool|$corpus|failed (exit $rc)|||")
            rm -f "$out"; return
        fi
        t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')
        m=$(tail -n 1 "$out")
        times+=("$t")
        ((m > rss)) && rss=$m
    done
    rm -f "$out"
    local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -g)
    local med min max
    med=$(echo "$sorted" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    min=$(echo "$sorted" | head -n 1)
    max=$(echo "$sorted" | tail -n 1)
    [[ "$tool" == "parse floor" ]] && FLOOR_MEDIAN[$corpus]=$med
    MEDIAN["$tool|$corpus"]=$med
    log "$tool on $corpus: median ${med}s (min $min, max $max), peak RSS $((rss / 1024)) MB"
    RESULT_ROWS+=("$tool|$corpus|$med|$min|$max|$rss")
}

have() { [[ -x "$1" ]]; }

LINT_JSON=0
"$RUNBOOK" lint --help 2>/dev/null | grep -q -- --format && LINT_JSON=1
HAS_BUILD=0
"$RUNBOOK" build --help >/dev/null 2>&1 && HAS_BUILD=1

for n in $SIZES; do
    gen_corpus "$n"
    dir="$CORPUS/$n"
    label="$n files"
    mkdir -p "$SCRATCH"
    cd "$dir"
    log "timing on $label ($(find . -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f MB", s / 1e6 }'))"
    measure "parse floor" "$label" "$RUNS" "$FLOOR" .
    if [[ $LINT_JSON -eq 1 ]]; then
        measure "runbook lint (json to file)" "$label" "$RUNS" \
            "$RUNBOOK" lint --format json --output "$SCRATCH/lint-$n.json" .
    else
        measure "runbook lint" "$label" "$RUNS" "$RUNBOOK" lint .
    fi
    # The pre-commit case in a large project: one staged file named, the
    # rest of the project scanned for links into it and for its alerts.
    one=$(find . -name '*.md' ! -name 'README.md' | sort | head -n 1)
    measure "runbook lint (1 staged file of the project)" "$label" 20 "$RUNBOOK" lint "$one"
    if [[ $HAS_BUILD -eq 1 ]]; then
        rm -rf "$SCRATCH/site-$n"
        measure "runbook build" "$label" "$RUNS" "$RUNBOOK" build --out "$SCRATCH/site-$n" .
        # What a phone downloads the first time search is used.
        [[ -f "$SCRATCH/site-$n/assets/search-index.js" ]] &&
            SEARCH_INDEX_BYTES[$label]=$(wc -c <"$SCRATCH/site-$n/assets/search-index.js")
    fi
    if have "$RUMDL"; then
        measure "rumdl check --no-cache" "$label" "$RUNS" "$RUMDL" check --no-cache .
        "$RUMDL" check . >/dev/null 2>&1 || true
        measure "rumdl check (warm cache)" "$label" "$RUNS" "$RUMDL" check .
    fi
    if have "$MDL"; then
        # markdownlint-cli2 is slow: at 10,000 files, fewer runs keep the script usable.
        mdl_runs=$RUNS
        ((n >= 10000 && RUNS > 3)) && mdl_runs=3
        measure "markdownlint-cli2" "$label" "$mdl_runs" "$MDL" "**/*.md"
    fi
    if have "$MDBOOK" && ((n <= MDBOOK_FILES)); then
        if book=$(mdbook_copy "$n"); then
            cd "$book"
            mdbook_runs=$RUNS
            ((n >= 10000)) && mdbook_runs=1
            measure "mdbook build" "$label" "$mdbook_runs" "$MDBOOK" build --dest-dir "$SCRATCH/mdbook-out-$n" .
            cd "$dir"
        else
            log "could not prepare the mdBook copy of $label"
        fi
    fi
done

# Pre-commit case: one typical runbook, process start included.
cd "$ROOT"
measure "runbook lint (one file)" "1 file" 20 "$RUNBOOK" lint runbooks/restart-database-cluster.md

# --- Report ----------------------------------------------------------------

mkdir -p "$RESULTS"
report() {
    local cpu commit
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//' || true)
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    echo "<!-- generated by bench/run.sh; do not edit -->"
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores (${cpu:-unknown CPU}), commit \`$commit\`,"
    echo "median of $RUNS runs (markdownlint-cli2 at 10,000 files: 3; mdbook at 10,000 files: 1; one-file lint: 20)."
    echo
    echo "| Tool | Corpus | Median (s) | Min–max (s) | Peak RSS (MB) | vs parse floor |"
    echo "|---|---|---:|---:|---:|---:|"
    local row tool corpus med min max rss ratio floor
    for row in "${RESULT_ROWS[@]}"; do
        IFS='|' read -r tool corpus med min max rss <<<"$row"
        if [[ -z "$min" ]]; then
            echo "| $tool | $corpus | $med | | | |"
            continue
        fi
        floor="${FLOOR_MEDIAN[$corpus]:-}"
        ratio=""
        [[ -n "$floor" ]] && ratio=$(awk -v a="$med" -v b="$floor" 'BEGIN { printf "%.1fx", a / b }')
        printf '| %s | %s | %.3f | %.3f–%.3f | %d | %s |\n' \
            "$tool" "$corpus" "$med" "$min" "$max" "$((rss / 1024))" "$ratio"
    done
    echo
    echo "Side by side (ratios of medians from this run; above 1 means runbook is faster):"
    echo
    local n label lint build peer other
    for n in $SIZES; do
        label="$n files"
        lint="${MEDIAN["runbook lint (json to file)|$label"]:-${MEDIAN["runbook lint|$label"]:-}}"
        build="${MEDIAN["runbook build|$label"]:-}"
        [[ -n "$lint" && -n "${FLOOR_MEDIAN[$label]:-}" ]] &&
            awk -v l="$label" -v a="$lint" -v b="${FLOOR_MEDIAN[$label]}" \
                'BEGIN { printf "- %s: runbook lint takes %.1fx the parse floor\n", l, a / b }'
        for peer in "rumdl check --no-cache" "rumdl check (warm cache)" "markdownlint-cli2"; do
            other="${MEDIAN["$peer|$label"]:-}"
            [[ -n "$lint" && -n "$other" ]] &&
                awk -v l="$label" -v p="$peer" -v a="$other" -v b="$lint" \
                    'BEGIN { printf "- %s: runbook lint is %.1fx faster than %s\n", l, a / b, p }'
        done
        other="${MEDIAN["mdbook build|$label"]:-}"
        [[ -n "$build" && -n "$other" ]] &&
            awk -v l="$label" -v a="$other" -v b="$build" \
                'BEGIN { printf "- %s: runbook build is %.1fx faster than mdbook build\n", l, a / b }'
    done
    echo
    for n in $SIZES; do
        label="$n files"
        [[ -n "${SEARCH_INDEX_BYTES[$label]:-}" ]] &&
            awk -v l="$label" -v b="${SEARCH_INDEX_BYTES[$label]}" \
                'BEGIN { printf "- %s: the site search index (assets/search-index.js) is %.2f MB\n", l, b / 1e6 }'
    done
    echo
    local versions
    versions="$("$RUNBOOK" --version 2>/dev/null || echo runbook)"
    have "$RUMDL" && versions+="; $("$RUMDL" --version 2>/dev/null)"
    have "$MDL" && versions+="; markdownlint-cli2 $(cd "$PEERS" && npm ls --depth=0 2>/dev/null | grep -o 'markdownlint-cli2@[^ ]*' | cut -d@ -f2)"
    have "$MDBOOK" && versions+="; $("$MDBOOK" --version 2>/dev/null)"
    echo "Versions: $versions."
    if [[ $LINT_JSON -eq 0 ]]; then
        echo
        echo "Note: this runbook has no \`lint --format json --output\` yet; \`runbook lint\` was timed with its default output to /dev/null."
    fi
    if [[ $HAS_BUILD -eq 0 ]]; then
        echo
        echo "Note: this runbook has no \`build\` subcommand yet; it was not timed."
    fi
}
report | tee "$RESULTS/latest.md"
