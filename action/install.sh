#!/usr/bin/env bash
# Puts the `runbook` binary on PATH for the GitHub Action (action.yml), with no
# Rust toolchain where one is not needed. In order:
#   1. the release archive for this OS and CPU, checked against its SHA-256;
#   2. else `pip install runbook-cli==VERSION` (a prebuilt wheel only) into a
#      private virtual environment;
#   3. else `cargo install` of that version (from the action's own checkout
#      when it is that version, else from the repository's tag).
# A checksum mismatch stops here: it is never a reason to try another route.
# Without a version (the action used from a branch or a commit), the action's
# own checkout is built with cargo, since no release holds that code.
#
# Environment (all optional):
#   RUNBOOK_VERSION      the version to install, `0.1.0` or `v0.1.0`
#   RUNBOOK_ACTION_REF   the ref the action was used at (`github.action_ref`);
#                        the version when RUNBOOK_VERSION is empty and it
#                        looks like one (`v0.1.0`)
#   RUNBOOK_SOURCE       the action's checkout (default: this script's parent)
#   RUNBOOK_REPOSITORY   where releases live, as in cargo-binstall's `{ repo }`
#                        (default https://github.com/runbook-dev/runbook);
#                        a file:// URL works, for tests
#   RUNBOOK_INSTALL_DIR  where the binary goes (default $RUNNER_TEMP/runbook-bin)
#   RUNBOOK_TARGET       the target triple (default: from `uname`)
#   GITHUB_PATH          when set, the install folder is appended to it
set -euo pipefail

# The PyPI package (pyproject.toml's `name`) and the archive names
# (release.yml's `archive:` and Cargo.toml's binstall `pkg-url`) are fixed by
# the release; tests/cli/integrations checks the three agree.
readonly PYPI_NAME=runbook-cli
readonly DEFAULT_REPOSITORY=https://github.com/runbook-dev/runbook

say() { printf 'runbook install: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# The Rust target triple of the release archive for this machine. Linux gets
# the static musl build, which runs on any distribution.
detect_target() {
    local os arch
    case "$(uname -s)" in
        Linux) os=unknown-linux-musl ;;
        Darwin) os=apple-darwin ;;
        MINGW* | MSYS* | CYGWIN* | Windows_NT) os=pc-windows-msvc ;;
        *) os=unknown ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64 | AMD64) arch=x86_64 ;;
        aarch64 | arm64 | ARM64) arch=aarch64 ;;
        *) arch="$(uname -m)" ;;
    esac
    printf '%s-%s\n' "$arch" "$os"
}

# The version to install, without its `v`; empty when there is none (the
# action was used from a branch or a commit).
resolve_version() {
    local version="${RUNBOOK_VERSION:-}"
    if [[ -z "$version" ]]; then
        local ref="${RUNBOOK_ACTION_REF:-}"
        if [[ "$ref" =~ ^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?$ ]]; then
            version="$ref"
        fi
    fi
    version="${version#v}"
    # It becomes part of a URL and a file name: nothing but a version.
    if [[ -n "$version" && ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?$ ]]; then
        die "\`$version\` is not a version (expected e.g. 0.1.0)"
    fi
    printf '%s\n' "$version"
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# Fetches a URL to a file; the caller decides what a missing file means.
# Plain HTTP is refused: the checksum would come over it too.
fetch() {
    curl --proto '=https,file' --fail --silent --show-error --location \
        --retry 3 --output "$2" "$1"
}

# Route 1. Returns 1 when this release has no archive for this target;
# exits on a checksum mismatch.
install_archive() {
    local version="$1" target="$2" dir="$3" work="$4"
    local base="runbook-v${version}-${target}"
    local url="${repository}/releases/download/v${version}"
    # The checksum file first: without one the archive cannot be trusted, and
    # its absence is how a release says it has nothing for this target.
    if ! fetch "$url/$base.sha256" "$work/$base.sha256"; then
        say "no release archive for $target at $url"
        return 1
    fi
    if ! fetch "$url/$base.tar.gz" "$work/$base.tar.gz"; then
        say "$url/$base.tar.gz could not be downloaded"
        return 1
    fi
    # `sha256sum` writes `HASH  NAME` (or `HASH *NAME`), one line per asset.
    local expected
    expected="$(awk -v name="$base.tar.gz" '$2 == name || $2 == "*" name { print $1 }' \
        "$work/$base.sha256")"
    [[ -n "$expected" ]] || die "$base.sha256 lists no checksum for $base.tar.gz; refusing to install it"
    local actual
    actual="$(sha256_of "$work/$base.tar.gz")"
    if [[ "$actual" != "$expected" ]]; then
        die "checksum mismatch for $base.tar.gz: expected $expected, got $actual; refusing to install it"
    fi
    mkdir -p "$work/archive"
    tar -xzf "$work/$base.tar.gz" -C "$work/archive" || die "$base.tar.gz is not a readable archive"
    [[ -f "$work/archive/runbook$exe" ]] || die "$base.tar.gz holds no runbook$exe"
    install_binary "$work/archive/runbook$exe" "$dir"
    say "installed runbook $version from $url/$base.tar.gz (sha256 $actual)"
}

# Route 2. A private virtual environment keeps the runner's Python untouched;
# `--only-binary` keeps this route toolchain-free (building the sdist is what
# route 3 does, more directly).
install_pip() {
    local version="$1" dir="$2" work="$3"
    local python
    python="$(command -v python3 || command -v python || true)"
    if [[ -z "$python" ]]; then
        say "no Python to install $PYPI_NAME with"
        return 1
    fi
    if ! "$python" -m venv "$work/venv" >&2; then
        say "$python could not create a virtual environment"
        return 1
    fi
    local scripts="$work/venv/bin"
    [[ -d "$scripts" ]] || scripts="$work/venv/Scripts"
    if ! "$scripts/python$exe" -m pip install --quiet --disable-pip-version-check \
        --only-binary "$PYPI_NAME" "$PYPI_NAME==$version" >&2; then
        say "pip could not install $PYPI_NAME==$version"
        return 1
    fi
    install_binary "$scripts/runbook$exe" "$dir"
    say "installed runbook $version with pip ($PYPI_NAME==$version)"
}

# Route 3, and the only one for a checkout that is no release.
install_cargo() {
    local version="$1" dir="$2" work="$3"
    if ! command -v cargo >/dev/null 2>&1; then
        say "cargo is not installed"
        return 1
    fi
    local -a from
    if [[ -z "$version" || "$version" == "$(source_version)" ]]; then
        from=(--path "$source_dir")
    else
        # Not `cargo install runbook`: that crates.io name is not this project.
        from=(--git "$repository" --tag "v$version" runbook)
    fi
    if ! cargo install --locked --root "$work/cargo" "${from[@]}" >&2; then
        say "cargo install ${from[*]} failed"
        return 1
    fi
    install_binary "$work/cargo/bin/runbook$exe" "$dir"
    say "installed runbook ${version:-from $source_dir} with cargo install ${from[*]}"
}

# The version in the action's checkout (the workspace's, in Cargo.toml).
source_version() {
    sed -n 's/^version = "\(.*\)"$/\1/p' "$source_dir/Cargo.toml" 2>/dev/null | head -n 1
}

install_binary() {
    mkdir -p "$2"
    cp "$1" "$2/runbook$exe"
    chmod +x "$2/runbook$exe"
}

main() {
    repository="${RUNBOOK_REPOSITORY:-$DEFAULT_REPOSITORY}"
    repository="${repository%/}"
    source_dir="${RUNBOOK_SOURCE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
    local target dir version
    target="${RUNBOOK_TARGET:-$(detect_target)}"
    case "$target" in
        *-windows-*) exe=.exe ;;
        *) exe= ;;
    esac
    dir="${RUNBOOK_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/runbook-bin}"
    version="$(resolve_version)"
    # Global, for the EXIT trap, which runs after main's locals are gone.
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT

    if [[ -z "$version" ]]; then
        say "no version given and the action's ref (${RUNBOOK_ACTION_REF:-none}) is not one: building $source_dir"
        install_cargo "" "$dir" "$work" || die "could not build runbook from $source_dir"
    elif ! install_archive "$version" "$target" "$dir" "$work" &&
        ! install_pip "$version" "$dir" "$work" &&
        ! install_cargo "$version" "$dir" "$work"; then
        die "could not install runbook $version: no release archive for $target, no wheel for pip, no cargo"
    fi

    # The binary must run here and be the version asked for.
    local reported
    reported="$("$dir/runbook$exe" --version)" || die "$dir/runbook$exe does not run on this machine"
    if [[ -n "$version" && "$reported" != "runbook $version" ]]; then
        die "$dir/runbook$exe reports \`$reported\`, not runbook $version"
    fi
    if [[ -n "${GITHUB_PATH:-}" ]]; then
        if command -v cygpath >/dev/null 2>&1; then
            # Windows runners read GITHUB_PATH as Windows paths.
            cygpath -w "$dir" >>"$GITHUB_PATH"
        else
            printf '%s\n' "$dir" >>"$GITHUB_PATH"
        fi
    fi
    printf '%s\n' "$dir/runbook$exe"
}

main "$@"
