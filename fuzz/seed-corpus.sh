#!/usr/bin/env bash
# Builds the seed corpus of every fuzz target in fuzz/corpus/<target>/ (gitignored) from the
# repository's sample articles and test fixtures, in the input format of each target (see
# fuzz/checks.rs). Run from anywhere; deterministic; existing corpus files are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus
mkdir -p "$out"/{loaders,folder_config,segment,align_small,word_diff,framing,pipeline}

put() { # put TARGET NAME  (stdin → file)
    cat >"$out/$1/seed-$2"
}

# Every loadable file: a loaders input (first byte = format chosen by the extension) and a
# segment input (the bytes as they are).
while IFS= read -r f; do
    name=$(echo "$f" | tr '/' '_')
    case "$f" in
        *.md) sel='\001' ;;
        *.html) sel='\002' ;;
        *.mhtml|*.mht) sel='\003' ;;
        *.docx) sel='\004' ;;
        *.pdf) sel='\005' ;;
        *) sel='\000' ;;
    esac
    { printf "$sel"; cat "$f"; } | put loaders "$name"
    put segment "$name" <"$f"
done < <(find seeds tests/fixtures/corpus tests/fixtures/align tests/fixtures/pairs \
    -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.mhtml' -o -name '*.docx' -o -name '*.pdf' \) | sort)

# The hand-written edge inputs already kept as regression tests.
for t in loaders folder_config segment align_small word_diff; do
    for f in tests/fixtures/fuzz/$t/*; do
        put "$t" "fixture-$(basename "$f")" <"$f"
    done
done

# Word diff: each fixture pair with each of the four option sets (first byte).
for d in tests/fixtures/pairs/*/; do
    for sel in 0 1 2 3; do
        { printf "\\00$sel"; cat "$d/left.txt"; printf '\000'; cat "$d/right.txt"; } |
            put word_diff "$(basename "$d")-$sel"
    done
done

# Small sets: each alignment fixture folder and each pair, articles joined by NUL; and
# consecutive pairs of the sample articles.
nul_join() { local first=1; for f in "$@"; do
    [ $first = 1 ] || printf '\000'
    first=0
    cat "$f"
done; }
for d in tests/fixtures/align/*/ tests/fixtures/pairs/*/; do
    mapfile -t files < <(find "$d" -maxdepth 1 -type f | sort | head -4)
    nul_join "${files[@]}" | put align_small "$(basename "$d")"
done
mapfile -t seeds < <(find seeds -name '*.txt' | sort)
for i in 0 1 2 3; do
    nul_join "${seeds[$i]}" "${seeds[$((i + 1))]}" | put align_small "seeds-$i"
done

# parallax.toml: the fixtures and the documented example (crates/parallax-engine/src/corpus/config.rs).
for f in tests/fixtures/corpus/*/parallax.toml; do
    put folder_config "$(echo "$f" | tr '/' '_')" <"$f"
done
sed -n '/^\/\/! ```toml$/,/^\/\/! ```$/p' crates/parallax-engine/src/corpus/config.rs | sed '1d;$d' |
    sed 's|^//! \{0,1\}||' | put folder_config doc-example.toml

# framing: each sample article and framing fixture alone, and consecutive sample pairs
# (left NUL right, the pair contrasts).
for f in seeds/*.txt tests/fixtures/framing/*.txt tests/fixtures/framing/*/*.txt; do
    [ -f "$f" ] && put framing "$(echo "$f" | tr '/' '_')" <"$f"
done
for i in 0 1 2 3; do
    nul_join "${seeds[$i]}" "${seeds[$((i + 1))]}" | put framing "seeds-pair-$i"
done

# pipeline: parts joined by NUL, each part's first byte picks its name (0 .txt, 1 .md,
# 2 .html, 3 parallax.toml, 4 sub/…txt, 5 .htm). Pairs of sample articles as .txt and in a
# sub-folder, and a settings file naming their sources.
for i in 0 1 2 3; do
    { printf '\000'; cat "${seeds[$i]}"; printf '\000\004'; cat "${seeds[$((i + 1))]}"
      printf '\000\003[sources]\n"a0.txt" = "Left"\n"sub/" = "Right"\n'; } |
        put pipeline "seeds-pair-$i"
done
for d in tests/fixtures/pairs/*/; do
    mapfile -t files < <(find "$d" -maxdepth 1 -type f | sort | head -3)
    first=1
    for f in "${files[@]}"; do
        [ $first = 1 ] || printf '\000'
        first=0
        case "$f" in *.md) printf '\001' ;; *.htm*) printf '\002' ;; *) printf '\000' ;; esac
        cat "$f"
    done | put pipeline "$(basename "$d")"
done

echo "seed corpus under $out/:"
for t in loaders folder_config segment align_small word_diff framing pipeline; do
    echo "  $t: $(find "$out/$t" -type f | wc -l) files"
done
