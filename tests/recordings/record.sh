#!/usr/bin/env bash
# Records real programs on a virtual screen, the way a screen recorder would, to judge frame selection on
# something other than generated clips (docs/extraction.md, "Recordings of real programs").
#
#   tests/recordings/record.sh terminal|editor|browser <out-dir>
#
# Needs Xvfb, xterm, xdotool (apt-get install -y xvfb xterm xdotool), ffmpeg, vim and chromium. Writes
# <out-dir>/<name>.mp4 (1280x720, 25 fps, H.264 CRF 23 at preset veryfast) and <out-dir>/<name>.events.tsv:
# the second since the recording started at which each scripted step began, to find the moments by hand.
# Recordings stay out of the repository.
set -euo pipefail

name=${1:?usage: record.sh terminal|editor|browser <out-dir>}
out=$(realpath -m "${2:?usage: record.sh terminal|editor|browser <out-dir>}")
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
display=:$((90 + RANDOM % 9))
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done

events=$out/$name.events.tsv
: >"$events"
start=0
mark() { printf '%.2f\t%s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$1" >>"$events"; }
type_line() { xdotool type --delay 70 "$1"; xdotool key Return; }

record() {
    ffmpeg -v error -y -f x11grab -video_size 1280x720 -framerate 25 -draw_mouse 0 -i "$display" \
        -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p "$out/$name.mp4" </dev/null &
    recorder=$!
    start=$(date +%s.%N)
    sleep 1
}
stop() {
    kill -INT "$recorder"
    wait "$recorder" || true
}

xterm_window() {
    # A full-screen xterm with a blinking cursor, as terminal emulators show it by default.
    xterm -geometry 114x31+0+0 -fa 'DejaVu Sans Mono' -fs 14 -bg '#1e1e1e' -fg '#d4d4d4' -bc -cr '#d4d4d4' \
        -xrm 'XTerm*cursorBlink: true' -e "$@" &
    pids+=($!)
    for _ in $(seq 50); do xdotool search --class xterm >/dev/null 2>&1 && break; sleep 0.1; done
    sleep 1
}

case $name in
terminal)
    export PS1='dev@box:\w\$ ' HISTFILE=/dev/null
    cd "$work"
    xterm_window bash --norc --noprofile
    record
    mark "idle prompt"; sleep 3
    mark "ls typed"; type_line 'ls -l /etc | head -25'; sleep 3
    mark "build log scrolls"; type_line 'for i in $(seq 1 60); do echo "[$i/60] compiling src/module_$i.c"; sleep 0.05; done; echo "build finished: 60 modules"'
    sleep 7
    mark "clear"; type_line 'clear'; sleep 2
    mark "less opens"; type_line 'less /usr/share/common-licenses/GPL-3'; sleep 3
    mark "less page 2"; xdotool key space; sleep 3
    mark "less page 3"; xdotool key space; sleep 3
    mark "less quits"; xdotool key q; sleep 2
    mark "fast cat"; type_line 'cat /usr/share/common-licenses/Apache-2.0 | head -150; echo "== end of licence =="'; sleep 3
    mark "idle cursor"; sleep 6
    mark "end"
    stop
    ;;
editor)
    cp "$here/../../core/Peepshow.Core/Extraction/FrameSelector.cs" "$work/FrameSelector.cs"
    # A bar caret in insert mode (DECSCUSR 6), a block in normal mode (2), as many vim setups have.
    cat >"$work/vimrc" <<'VIM'
set number nocompatible
let &t_SI = "\e[6 q"
let &t_EI = "\e[2 q"
syntax on
VIM
    xterm_window vim -u "$work/vimrc" -i NONE "$work/FrameSelector.cs"
    record
    mark "file open"; sleep 3
    mark "caret moves down"; for _ in $(seq 12); do xdotool key j; sleep 0.15; done; sleep 2
    mark "caret moves along"; for _ in $(seq 20); do xdotool key l; sleep 0.12; done; sleep 2
    mark "words"; for _ in $(seq 6); do xdotool key w; sleep 0.3; done; sleep 2
    mark "insert line typed"; xdotool key o; xdotool type --delay 90 '    // the selector keeps each state once it is complete'; sleep 0.5; xdotool key Escape; sleep 3
    mark "word changed"; xdotool key 0 w; xdotool type --delay 90 'cwreader'; xdotool key Escape; sleep 3
    mark "scroll page"; xdotool key ctrl+f; sleep 3
    mark "scroll half"; xdotool key ctrl+d; sleep 3
    mark "scroll lines"; for _ in $(seq 15); do xdotool key ctrl+e; sleep 0.1; done; sleep 3
    mark "idle caret"; sleep 4
    mark "end"
    stop
    ;;
browser)
    python3 "$here/deck.py" "$work"
    chromium --no-sandbox --kiosk --no-first-run --disable-gpu --user-data-dir="$work/profile" \
        --window-size=1280,720 --window-position=0,0 "file://$work/deck.html" >/dev/null 2>&1 &
    pids+=($!)
    sleep 8
    record
    mark "slide 1 title"; sleep 2
    for slide in 1 2 3; do
        for bullet in 1 2 3 4; do mark "slide $slide bullet $bullet"; xdotool key Right; sleep 0.8; done
        sleep 2
        mark "slide $((slide + 1)) transition"; xdotool key Right; sleep 2.5
    done
    sleep 1
    # The closing slide has no bullets; one more key press opens a long page.
    mark "long page"; xdotool key Right; sleep 3
    for step in 1 2 3 4; do mark "page down $step"; xdotool key Next; sleep 2.5; done
    mark "smooth scroll"; for _ in $(seq 20); do xdotool key Down; sleep 0.1; done; sleep 3
    mark "end"
    stop
    ;;
*)
    echo "record.sh: unknown recording '$name' (terminal, editor, browser)" >&2
    exit 2
    ;;
esac
echo "$out/$name.mp4"
