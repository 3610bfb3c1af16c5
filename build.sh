#!/usr/bin/env bash
# One-command build: checks the OS packages the build and the specs need, starts installing the spec clients (npm,
# for `test`), restores the Cake tool, then hands over to build.cake. `./build.sh <target> [extra cake args]`,
# e.g. `./build.sh test`.
set -euo pipefail

# Relative paths given by the caller (say `--prefix=bin`) are resolved by build.cake against this.
export PEEPSHOW_CALLER_DIR="$PWD"
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Dynamic PGO has every .NET process compile its hot methods once more, instrumented, before the optimised
# version: worth it for a server that runs for hours, not for the compiler server, the spec hosts and the
# peepshow and sink processes the specs start, which live seconds. Off, a clean clone's `./build.sh test`
# takes a sixth less CPU (docs/testing.md, "Where the time goes"). Native AOT binaries have no JIT to tune.
export DOTNET_TieredPGO=0
# Cake compiles build.cake (and what it loads) on every run, about 7 CPU seconds; cached, a later run with the same
# scripts starts in under 2. Kept in .artifacts, so `./build.sh clean` empties it; any script change compiles anew.
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true
export CAKE_PATHS_CACHE="$PWD/.artifacts/cake-cache"

usage() {
  cat <<'EOF'
Usage: ./build.sh <target> [extra cake args]

Targets (case-insensitive):
  test      build with warnings as errors and run every spec (default on CI: .ci/run)
  build     build Peepshow.slnx in Release with warnings as errors
  publish   sinks as Native AOT binaries (net9.0, linux-x64) and the CLI into .artifacts/bin
  install   publish, then put peepshow and every peepshow-sink-* on PATH
            (~/.local/bin by default; --prefix=DIR to change)
  package   publish, then write the release archive, the dotnet tool packages and SHA256SUMS into
            .artifacts/packages, and install each into a clean HOME to check it (docs/install.md)
  demo      peepshow on a generated clip, then every sink into its backend double (tests/Peepshow.Demo)
  bench     peepshow against the ffmpeg one-liner and a plain decode, and sink start-up
            (tests/Peepshow.Benchmarks; --rounds=N, --lengths=60,300)
  clean     remove .artifacts and every bin/ and obj/

Set PEEPSHOW_SKIP_PREREQS=1 to skip the OS package check.
EOF
}

if [[ $# -eq 0 ]]; then
  usage
  exit 0
fi

case "${1,,}" in
  -h | --help | help) usage; exit 0 ;;
  test) target=Test ;;
  build) target=Build ;;
  publish) target=Publish ;;
  install) target=Install ;;
  package) target=Package ;;
  demo) target=Demo ;;
  bench) target=Bench ;;
  clean) target=Clean ;;
  *)
    echo "build.sh: unknown target '$1'" >&2
    usage >&2
    exit 2
    ;;
esac
shift

# --- OS prerequisites ------------------------------------------------------------------------
# Debian package names. Each check looks for what we actually use, so a tool installed some other
# way (a static ffmpeg in /usr/local/bin, say) counts as present.
missing=()
need_command() { # <command> <package>
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need_file() { # <package> <file>...: present when any of the files exists
  local package="$1" file
  shift
  for file in "$@"; do
    [[ -e "$file" ]] && return 0
  done
  missing+=("$package")
}

check_prereqs() {
  need_command ffmpeg ffmpeg
  need_command ffprobe ffmpeg     # same package as ffmpeg
  need_command espeak-ng espeak-ng # speech for the generated test media
  need_command sox sox
  need_command chromium chromium   # renders report.html headless in the report specs
  # The real clients the agent specs drive (Claude Code CLI, MCP TypeScript SDK) come from npm.
  need_command node nodejs
  need_command npm npm
  need_command clang clang         # the linker Native AOT publishing drives
  # The batch specs submit a Slurm job array to a single-node cluster they start (munged, slurmctld and
  # slurmd under `unshare --uts`, then sbatch, sinfo, scancel).
  need_command sbatch slurm-wlm
  need_file slurm-wlm /usr/sbin/slurmctld
  need_file slurm-wlm /usr/sbin/slurmd
  need_file munge /usr/sbin/munged
  need_command unshare util-linux
  # Page URLs are downloaded with yt-dlp. Optional for users (docs/extraction.md, Page URLs); the specs need it:
  # they run its generic extractor against pages served on 127.0.0.1.
  need_command yt-dlp yt-dlp
  # bench measures peak RSS with GNU time; the `time` shell keyword cannot do that.
  need_file time /usr/bin/time
  # Microsoft's Native AOT prerequisite on Debian/Ubuntu. The .NET 9 ILCompiler links its own libz.a,
  # so today's sinks do not need it, but a sink setting UseSystemZlib would (-lz).
  need_file zlib1g-dev /usr/include/zlib.h /usr/include/x86_64-linux-gnu/zlib.h
  # Animated WebP inputs are decoded through ffmpeg's libwebp demuxer.
  need_file libwebpdemux2 /usr/lib/x86_64-linux-gnu/libwebpdemux.so.2 /usr/lib/aarch64-linux-gnu/libwebpdemux.so.2 \
    /usr/lib/libwebpdemux.so.2 /usr/lib64/libwebpdemux.so.2
}

install_prereqs() {
  # ffmpeg and ffprobe come from one package: ask for it once.
  local packages
  packages="$(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++' | tr '\n' ' ')"
  packages="${packages% }"

  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "build.sh: installing missing OS packages: $packages"
    apt-get update
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
    return
  fi

  echo "build.sh: missing OS packages: $packages" >&2
  if command -v apt-get >/dev/null 2>&1; then
    echo "Install them with:" >&2
    echo "  sudo apt-get install -y $packages" >&2
  else
    echo "Install the equivalents with your package manager (these are Debian names)," >&2
    echo "or set PEEPSHOW_SKIP_PREREQS=1 if you have them some other way." >&2
  fi
  exit 1
}

if [[ "$target" != Clean && "${PEEPSHOW_SKIP_PREREQS:-0}" != 1 ]]; then
  check_prereqs
  if [[ ${#missing[@]} -gt 0 ]]; then
    install_prereqs
  fi
fi

# --- Spec clients ----------------------------------------------------------------------------
# The real clients the agent specs drive (the Claude Code CLI, the MCP TypeScript SDK), pinned in
# tests/clients/package-lock.json: `npm ci` only when the lock file changed since the last install. It needs
# nothing from the build, so it starts here, beside Cake compiling build.cake (one core for about 7 s on a clean
# clone) and the build. When it is done, the file PEEPSHOW_SPEC_CLIENTS_STATUS names holds its exit code (npm's
# output is beside it, .log); the Test task waits for that file before the first spec.
spec_clients=""
if [[ "$target" == Test ]]; then
  mkdir -p .artifacts/logs
  export PEEPSHOW_SPEC_CLIENTS_STATUS="$PWD/.artifacts/logs/spec-clients.status"
  rm -f "$PEEPSHOW_SPEC_CLIENTS_STATUS"
  if [[ -e tests/clients/node_modules/.package-lock.json && ! tests/clients/package-lock.json -nt tests/clients/node_modules/.package-lock.json ]]; then
    echo 0 >"$PEEPSHOW_SPEC_CLIENTS_STATUS"
  else
    echo "build.sh: installing the spec clients (npm ci in tests/clients) beside the build"
    (
      exit_code=0
      npm ci --no-audit --no-fund --prefix tests/clients >"${PEEPSHOW_SPEC_CLIENTS_STATUS%.status}.log" 2>&1 || exit_code=$?
      # Written whole, then renamed: the Test task never reads a half-written status.
      echo "$exit_code" >"$PEEPSHOW_SPEC_CLIENTS_STATUS.partial"
      mv "$PEEPSHOW_SPEC_CLIENTS_STATUS.partial" "$PEEPSHOW_SPEC_CLIENTS_STATUS"
    ) &
    spec_clients=$!
  fi
fi

# --- Cake ------------------------------------------------------------------------------------
dotnet tool restore
status=0
dotnet cake build.cake --target="$target" "$@" || status=$?
# A build that fails leaves no `npm ci` writing into tests/clients behind it.
if [[ -n "$spec_clients" ]]; then
  wait "$spec_clients" || true
fi
exit "$status"
