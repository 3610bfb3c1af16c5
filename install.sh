#!/bin/sh
# Installs peepshow and its sinks from a release archive, for the current user only (never needs root).
#
#   sh install.sh --archive peepshow-0.1.0-linux-x64.tar.gz   # an archive you downloaded
#   ./install.sh                                             # run from an unpacked archive's folder
#   curl -fsSL <release>/install.sh | sh                      # download the release, then install it
#
# Every file is checked against SHA256SUMS before anything is installed. Re-running upgrades in place;
# --uninstall removes exactly the files the last install put there. docs/install.md has the details.
set -eu

# The version downloaded when neither --archive nor --url is given. Kept equal to <Version> in
# Directory.Build.props by a spec.
default_version=0.1.0
# Where releases are to be published: <base>/v<version>/peepshow-<version>-linux-x64.tar.gz beside its
# SHA256SUMS. Nothing is published there yet; until then use --archive or --url (or set this variable).
release_base_url=${PEEPSHOW_RELEASE_URL:-https://github.com/peepshow-dotnet/peepshow/releases/download}
platform=linux-x64

usage() {
  cat <<'EOF'
Usage: install.sh [options]

Installs peepshow and every peepshow-sink-* into ~/.local/bin (or --prefix DIR), for this user only.
With no --archive or --url: the folder this script sits in when that is an unpacked archive, else the
release download.

Options:
  --archive FILE   install from a downloaded peepshow-<version>-linux-x64.tar.gz
  --url URL        download the archive from URL (its SHA256SUMS is fetched from the same folder)
  --version V      the release to download (default: this script's version)
  --sha256 HEX     the archive's expected SHA-256 (instead of a SHA256SUMS beside it)
  --prefix DIR     where the commands go (default: ~/.local/bin)
  --uninstall      remove every file the last install put in place, and nothing else
  -h, --help       show this help

Environment:
  PEEPSHOW_RELEASE_URL   base URL of the releases (default: the project's release page)

Examples:
  sh install.sh --archive ~/Downloads/peepshow-0.1.0-linux-x64.tar.gz
  sh install.sh --archive peepshow.tar.gz --sha256 3f1c...e9 --prefix ~/bin
  sh install.sh --uninstall
EOF
}

say() { printf '%s\n' "$*"; }
fail() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}

# --- arguments -------------------------------------------------------------------------------------
archive=""
url=""
version=$default_version
expected_sha256=""
prefix="${HOME:?HOME is not set}/.local/bin"
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --archive | --url | --version | --sha256 | --prefix)
      [ $# -ge 2 ] || fail "$1 needs a value (see --help)"
      case "$1" in
        --archive) archive=$2 ;;
        --url) url=$2 ;;
        --version) version=$2 ;;
        --sha256) expected_sha256=$2 ;;
        --prefix) prefix=$2 ;;
      esac
      shift 2
      ;;
    --archive=* | --url=* | --version=* | --sha256=* | --prefix=*)
      name=${1%%=*}
      value=${1#*=}
      shift
      set -- "$name" "$value" "$@"
      ;;
    --uninstall) uninstall=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
[ -z "$archive" ] || [ -z "$url" ] || fail "give --archive or --url, not both"

# A quoted --prefix "~/bin" reaches us unexpanded.
case "$prefix" in
  \~) prefix=$HOME ;;
  \~/*) prefix="$HOME/${prefix#??}" ;;
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac
prefix=${prefix%/}

# Lists below hold one path a line: split on newlines only, and never expand wildcards.
IFS='
'
set -f

state_dir="${XDG_DATA_HOME:-$HOME/.local/share}/peepshow"
manifest="$state_dir/installed-files"

work=""
cleanup() { [ -z "$work" ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- helpers ---------------------------------------------------------------------------------------
sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    fail "neither sha256sum nor shasum is installed: cannot verify the download"
  fi
}

# The SHA-256 a SHA256SUMS file lists for a name, or nothing.
listed_sha256() { # <SHA256SUMS> <name>
  awk -v name="$2" '{ file = $2; sub(/^\*/, "", file); if (file == name) { print $1; exit } }' "$1"
}

download() { # <url> <file>
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --proto '=https,http' -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    fail "neither curl nor wget is installed: download the archive yourself and pass --archive FILE"
  fi
}

# mkdir -p that remembers every folder it had to create, so --uninstall can remove them again.
created_dirs=""
make_dirs() { # <dir>
  missing=""
  dir=$1
  while [ ! -d "$dir" ]; do
    missing="$dir
$missing"
    dir=$(dirname "$dir")
  done
  mkdir -p "$1"
  created_dirs="$created_dirs$missing"
}

# The files and folders a manifest lists (folders end with a slash).
manifest_files() { if [ -f "$manifest" ]; then grep -v '/$' "$manifest" || true; fi; }
manifest_dirs() { if [ -f "$manifest" ]; then grep '/$' "$manifest" | sed 's:/$::'; fi; }

# Removes the folders an install created, deepest first, as far as they are empty.
remove_created_dirs() { # <dirs, one a line>
  printf '%s\n' "$1" | sed '/^$/d' | sort -ru | while IFS= read -r dir; do
    rmdir "$dir" 2>/dev/null || true
  done
}

ffmpeg_hint() {
  if command -v brew >/dev/null 2>&1; then say "brew install ffmpeg"
  elif command -v apt-get >/dev/null 2>&1; then say "sudo apt-get install ffmpeg"
  elif command -v dnf >/dev/null 2>&1; then say "sudo dnf install ffmpeg-free   (Fedora; or ffmpeg from RPM Fusion)"
  elif command -v pacman >/dev/null 2>&1; then say "sudo pacman -S ffmpeg"
  elif command -v apk >/dev/null 2>&1; then say "sudo apk add ffmpeg"
  else say "install ffmpeg (with ffprobe) with your package manager"
  fi
}

# --- uninstall -------------------------------------------------------------------------------------
if [ "$uninstall" -eq 1 ]; then
  [ -f "$manifest" ] || fail "nothing to uninstall: $manifest does not exist"
  removed=0
  for file in $(manifest_files); do
    if [ -e "$file" ] || [ -L "$file" ]; then
      rm -f "$file"
      say "removed $file"
      removed=$((removed + 1))
    fi
  done
  dirs=$(manifest_dirs)
  rm -f "$manifest"
  remove_created_dirs "$dirs"
  rmdir "$state_dir" 2>/dev/null || true
  say "peepshow uninstalled ($removed files removed)."
  exit 0
fi

# --- find, verify and unpack the release -----------------------------------------------------------
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64 | Linux-amd64) ;;
  *) fail "release archives are built for linux-x64 only; on $(uname -s) $(uname -m) install the dotnet tool (dotnet tool install -g peepshow) or build from source (docs/install.md)" ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/peepshow-install.XXXXXX")

# The folder this script sits in, when it was started from a file (not piped into sh).
script_dir=""
case "$0" in
  */install.sh | install.sh) script_dir=$(cd "$(dirname "$0")" && pwd) ;;
esac

verify_archive() { # <archive> <SHA256SUMS or "">
  name=$(basename "$1")
  if [ -n "$expected_sha256" ]; then
    expected=$expected_sha256
    source_of_sum="--sha256"
  elif [ -n "$2" ] && [ -f "$2" ]; then
    expected=$(listed_sha256 "$2" "$name")
    [ -n "$expected" ] || fail "$2 has no line for $name (renamed? pass --sha256)"
    source_of_sum=$2
  else
    say "note: no SHA256SUMS beside $name and no --sha256: checking only the files inside against the archive's own list"
    return 0
  fi
  actual=$(sha256_of "$1")
  [ "$actual" = "$expected" ] || fail "checksum mismatch for $name: expected $expected (from $source_of_sum), got $actual. Nothing was installed."
  say "verified $name (sha256 $actual)"
}

unpack() { # <archive>: sets $source to the unpacked top folder
  mkdir "$work/unpacked"
  tar -xzf "$1" -C "$work/unpacked" || fail "$1 is not a readable .tar.gz archive"
  source=$(find "$work/unpacked" -mindepth 1 -maxdepth 1 -type d -name 'peepshow-*' | head -n 1)
  [ -n "$source" ] || fail "$1 holds no peepshow-<version>-<platform>/ folder"
}

source=""
if [ -n "$archive" ]; then
  [ -f "$archive" ] || fail "no such archive: $archive"
  verify_archive "$archive" "$(dirname "$archive")/SHA256SUMS"
  unpack "$archive"
elif [ -z "$url" ] && [ -n "$script_dir" ] && [ -f "$script_dir/peepshow" ] && [ -f "$script_dir/SHA256SUMS" ]; then
  source=$script_dir
else
  url=${url:-$release_base_url/v$version/peepshow-$version-$platform.tar.gz}
  name=$(basename "$url")
  say "downloading $url"
  download "$url" "$work/$name" || fail "could not download $url (no release there yet? pass --archive FILE or --url URL)"
  if [ -z "$expected_sha256" ]; then
    download "${url%/*}/SHA256SUMS" "$work/SHA256SUMS" ||
      fail "could not download ${url%/*}/SHA256SUMS: pass --sha256 HEX to verify the archive instead"
  fi
  verify_archive "$work/$name" "$work/SHA256SUMS"
  unpack "$work/$name"
fi

# The archive's own SHA256SUMS lists every file in it: exactly those are checked, and the programs
# and their runtime files among them are what gets installed.
sums="$source/SHA256SUMS"
[ -f "$sums" ] || fail "$source has no SHA256SUMS: not a peepshow release folder"
to_install=""
checked=0
while IFS=' ' read -r sum file; do
  file=${file#\*}
  case "$file" in
    "" | /* | *..*) fail "unsafe path '$file' in $sums" ;;
  esac
  [ -f "$source/$file" ] || fail "$file is listed in SHA256SUMS but missing"
  [ "$(sha256_of "$source/$file")" = "$sum" ] || fail "checksum mismatch for $file. Nothing was installed."
  checked=$((checked + 1))
  case "$file" in
    LICENSE | README* | install.sh) ;;
    *) to_install="$to_install$file
" ;;
  esac
done <"$sums"
[ -n "$to_install" ] || fail "$sums lists nothing to install"
say "verified the $checked files in $(basename "$source") against its SHA256SUMS"
printf '%s' "$to_install" | grep -qx peepshow || fail "$source has no peepshow program"

# --- install ---------------------------------------------------------------------------------------
old_files=$(manifest_files)
old_dirs=$(manifest_dirs)
make_dirs "$prefix"
make_dirs "$state_dir"

installed=""
for file in $to_install; do
  target="$prefix/$file"
  make_dirs "$(dirname "$target")"
  # Copy beside, then rename over: a running binary cannot be overwritten ("text file busy"), but
  # it can be replaced, and nobody ever sees a half-copied file.
  cp "$source/$file" "$target.installing.$$"
  if [ -x "$source/$file" ]; then chmod 755 "$target.installing.$$"; else chmod 644 "$target.installing.$$"; fi
  mv -f "$target.installing.$$" "$target"
  installed="$installed$target
"
done

# Files an older release installed that this one no longer ships.
for file in $old_files; do
  if ! printf '%s' "$installed" | grep -qxF "$file"; then
    rm -f "$file"
    say "removed $file (not in this release)"
  fi
done

{
  printf '%s' "$installed"
  printf '%s\n%s\n' "$old_dirs" "$created_dirs" | sed '/^$/d' | sort -u | sed 's:$:/:'
} >"$manifest.new"
mv -f "$manifest.new" "$manifest"

say "installed into $prefix:"
printf '%s' "$to_install" | sed 's/^/  /'
say "the list of installed files: $manifest (sh install.sh --uninstall removes them)"

version_line=$("$prefix/peepshow" --version 2>&1) || fail "$prefix/peepshow does not start: $version_line"
say "peepshow $version_line"

case ":$PATH:" in
  *":$prefix:"*) ;;
  *) say "note: $prefix is not on PATH. Add it, e.g.: export PATH=\"$prefix:\$PATH\"" ;;
esac
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  say "warning: peepshow needs ffmpeg and ffprobe, which are not on PATH. Install them with:"
  say "  $(ffmpeg_hint)"
fi
