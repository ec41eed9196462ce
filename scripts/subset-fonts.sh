#!/usr/bin/env bash
# Makes the subset Noto fonts in assets/fonts/ that the overlays embed.
# The full Noto fonts are ~40 MB; overlays need Latin (with Latvian and
# Vietnamese diacritics), Cyrillic, Greek, Arabic, Hebrew, a few symbols and
# the ~3,800 most common simplified Chinese characters, so the subsets keep
# the repository lean (about 2.5 MB). The fonts are committed: CI and builds
# need neither fonttools nor the Debian font packages, only this script's
# maintainer does.
#
# Needs (Debian 12): apt-get install fonts-noto-core fonts-noto-cjk fonttools
# Run from the repository root: scripts/subset-fonts.sh
set -euo pipefail

NOTO=/usr/share/fonts/truetype/noto
CJK=/usr/share/fonts/opentype/noto
OUT=assets/fonts
PY=/usr/bin/python3 # Debian's python3, which has the fontTools module
for f in "$NOTO/NotoSans-Regular.ttf" "$CJK/NotoSansCJK-Regular.ttc"; do
  [ -f "$f" ] || { echo "missing $f: apt-get install fonts-noto-core fonts-noto-cjk fonttools" >&2; exit 1; }
done
command -v pyftsubset >/dev/null || { echo "missing pyftsubset: apt-get install fonttools" >&2; exit 1; }
mkdir -p "$OUT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Every subset keeps all OpenType layout features (Arabic joining forms,
# mark positioning, kerning, ligatures) and drops hinting: the overlays are
# rasterized with anti-aliasing at large sizes, where hints do nothing.
common=(--layout-features='*' --no-hinting --notdef-outline --name-IDs='*' --name-languages='*')

# Noto Sans: Latin, Latin Extended-A/B and Additional (Latvian, Lithuanian,
# Polish, Vietnamese...), IPA bits, combining marks, Greek, Cyrillic and its
# supplement, punctuation, super/subscripts, currency symbols, letterlike
# symbols and number forms.
latin="U+0020-007E,U+00A0-024F,U+0259,U+02B0-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-218F,U+FB00-FB06,U+FEFF,U+FFFD"
for w in Regular Bold; do
  pyftsubset "$NOTO/NotoSans-$w.ttf" --unicodes="$latin" "${common[@]}" --output-file="$OUT/NotoSans-$w.ttf"
  # The script fonts are small already: keep every character they have.
  pyftsubset "$NOTO/NotoSansArabic-$w.ttf" --unicodes='*' "${common[@]}" --output-file="$OUT/NotoSansArabic-$w.ttf"
  pyftsubset "$NOTO/NotoSansHebrew-$w.ttf" --unicodes='*' "${common[@]}" --output-file="$OUT/NotoSansHebrew-$w.ttf"
done

# Noto Sans has no minus sign (U+2212) and no arrows; Noto Sans Math has
# both. Symbols2 has the stars, check marks, dots and shapes sellers type.
pyftsubset "$NOTO/NotoSansMath-Regular.ttf" --unicodes="U+0020,U+2190-21FF,U+2200-22FF" "${common[@]}" \
  --output-file="$OUT/NotoSansMath-Regular.ttf"
pyftsubset "$NOTO/NotoSansSymbols2-Regular.ttf" --unicodes="U+0020,U+2300-23FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF,U+2B00-2BFF" \
  "${common[@]}" --output-file="$OUT/NotoSansSymbols2-Regular.ttf"

# Chinese: GB 2312 level 1 (3,755 characters ordered by frequency of use,
# which cover about 99.7% of modern simplified text), CJK punctuation,
# full-width forms, and every Han character the overlays' own word table
# uses (售罄 "sold out" has one from level 2). Regular only: bold Chinese
# would add 1.6 MB, so the renderer emboldens this face itself.
"$PY" - "$work/cjk.txt" <<'PY'
import re, sys, pathlib
chars = []
for hi in range(0xB0, 0xD8):        # GB 2312 rows 16-55: level 1
    for lo in range(0xA1, 0xFF):
        try:
            chars.append(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
words = pathlib.Path("overlays/words.go").read_text(encoding="utf-8")
chars += re.findall(r"[\u3400-\u9fff]", words)
pathlib.Path(sys.argv[1]).write_text("".join(sorted(set(chars))), encoding="utf-8")
PY
pyftsubset "$CJK/NotoSansCJK-Regular.ttc" --font-number=2 --text-file="$work/cjk.txt" \
  --unicodes="U+0020,U+3000-303F,U+FF00-FFEF" "${common[@]}" --output-file="$OUT/NotoSansSC-Regular.otf"

ls -l "$OUT"/*.ttf "$OUT"/*.otf
du -ch "$OUT"/*.ttf "$OUT"/*.otf | tail -1
