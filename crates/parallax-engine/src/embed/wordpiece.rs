//! BERT WordPiece tokenisation (uncased), as `tokenizers`' `BertNormalizer` +
//! `BertPreTokenizer` + `WordPiece` do it for all-MiniLM-L6-v2.
//!
//! Hand-written (≈150 lines) rather than the `tokenizers` crate: that crate pulls in regex
//! engines, `onig` or `fancy-regex`, `rayon-cond`, `esaxx`, `spm_precompiled` and more, over a
//! minute of extra build on the project's 2-core CI for the few lines of WordPiece the static
//! model needs. Agreement with the reference implementation is pinned by a test against ids
//! that `tokenizers` (Python) produced (`tests/fixtures/embed/reference.json`).

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

/// Words longer than this many characters become `[UNK]` (BERT's `max_input_chars_per_word`).
const MAX_WORD_CHARS: usize = 100;

/// A WordPiece vocabulary split into word-initial pieces and `##` continuations, so a lookup
/// needs no allocation.
#[derive(Debug, Clone)]
pub struct WordPiece {
    initial: FxHashMap<Box<str>, u32>,
    continuation: FxHashMap<Box<str>, u32>,
    unk: u32,
    lowercase: bool,
    strip_accents: bool,
}

impl WordPiece {
    /// `tokens[i]` is the piece of id `i`; continuation pieces start with `##`.
    pub fn new(tokens: &[String], unk: u32, lowercase: bool, strip_accents: bool) -> Self {
        let mut initial = FxHashMap::default();
        let mut continuation = FxHashMap::default();
        for (id, t) in tokens.iter().enumerate() {
            let id = id as u32;
            match t.strip_prefix("##") {
                Some(rest) if !rest.is_empty() => {
                    continuation.entry(rest.into()).or_insert(id);
                }
                _ => {
                    initial.entry(t.as_str().into()).or_insert(id);
                }
            }
        }
        Self {
            initial,
            continuation,
            unk,
            lowercase,
            strip_accents,
        }
    }

    /// The id of unknown words.
    pub fn unk(&self) -> u32 {
        self.unk
    }

    /// Token ids of `text`, without special tokens (`[CLS]`/`[SEP]`), `[UNK]` included.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.encode_into(text, &mut ids);
        ids
    }

    /// As [`encode`](Self::encode), appending to `ids`.
    pub fn encode_into(&self, text: &str, ids: &mut Vec<u32>) {
        let normal = self.normalize(text);
        let mut word = String::new();
        for c in normal.chars() {
            if c == ' ' {
                self.push_word(&word, ids);
                word.clear();
            } else if is_punctuation(c) {
                self.push_word(&word, ids);
                word.clear();
                let mut buf = [0u8; 4];
                self.push_word(c.encode_utf8(&mut buf), ids);
            } else {
                word.push(c);
            }
        }
        self.push_word(&word, ids);
    }

    /// BertNormalizer: clean text, space out CJK ideographs, strip accents, lowercase.
    fn normalize(&self, text: &str) -> String {
        let mut cleaned = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if c == '\0' || c == '\u{fffd}' || is_control(c) {
                continue;
            }
            if is_whitespace(c) {
                cleaned.push(' ');
            } else if is_cjk(c) {
                cleaned.push(' ');
                cleaned.push(c);
                cleaned.push(' ');
            } else {
                cleaned.push(c);
            }
        }
        let stripped: String = if self.strip_accents {
            if cleaned.is_ascii() {
                cleaned
            } else {
                cleaned
                    .nfd()
                    .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
                    .collect()
            }
        } else {
            cleaned
        };
        if self.lowercase {
            if stripped.is_ascii() {
                stripped.to_ascii_lowercase()
            } else {
                stripped.chars().flat_map(char::to_lowercase).collect()
            }
        } else {
            stripped
        }
    }

    /// Greedy longest-match-first split of one word; a word with any unmatched rest is `[UNK]`.
    fn push_word(&self, word: &str, ids: &mut Vec<u32>) {
        if word.is_empty() {
            return;
        }
        if word.chars().count() > MAX_WORD_CHARS {
            ids.push(self.unk);
            return;
        }
        let mark = ids.len();
        let mut start = 0;
        while start < word.len() {
            let table = if start == 0 {
                &self.initial
            } else {
                &self.continuation
            };
            let mut end = word.len();
            let mut found = None;
            while end > start {
                if word.is_char_boundary(end)
                    && let Some(&id) = table.get(&word[start..end])
                {
                    found = Some(id);
                    break;
                }
                end -= 1;
            }
            match found {
                Some(id) => {
                    ids.push(id);
                    start = end;
                }
                None => {
                    ids.truncate(mark);
                    ids.push(self.unk);
                    return;
                }
            }
        }
    }
}

/// BERT's whitespace: tab, newline, carriage return and Unicode `White_Space`.
fn is_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r') || c.is_whitespace()
}

/// Control (Cc) and format (Cf) characters, which BERT's text cleaning drops.
fn is_control(c: char) -> bool {
    if matches!(c, '\t' | '\n' | '\r') {
        return false;
    }
    c.is_control()
        || matches!(c,
            '\u{00ad}' | '\u{0600}'..='\u{0605}' | '\u{061c}' | '\u{06dd}' | '\u{070f}'
            | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}' | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
        // Private use and surrogates cannot appear in a `char` except private use (Co).
        || matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

/// CJK Unified Ideographs (the blocks BERT pads with spaces).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2a6df}'
        | '\u{2a700}'..='\u{2b73f}' | '\u{2b740}'..='\u{2b81f}' | '\u{2b820}'..='\u{2ceaf}'
        | '\u{f900}'..='\u{faff}' | '\u{2f800}'..='\u{2fa1f}')
}

/// ASCII punctuation (BERT counts `$`, `+`, `^`, … too) or a Unicode punctuation character
/// (general category P*: the Latin-1, General Punctuation, CJK and full-width blocks).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00a1}' | '\u{00a7}' | '\u{00ab}' | '\u{00b6}' | '\u{00b7}' | '\u{00bb}' | '\u{00bf}'
            | '\u{037e}' | '\u{0387}' | '\u{055a}'..='\u{055f}' | '\u{0589}' | '\u{058a}'
            | '\u{05be}' | '\u{05c0}' | '\u{05c3}' | '\u{05c6}' | '\u{05f3}' | '\u{05f4}'
            | '\u{0609}' | '\u{060a}' | '\u{060c}' | '\u{060d}' | '\u{061b}' | '\u{061d}'..='\u{061f}'
            | '\u{066a}'..='\u{066d}' | '\u{06d4}' | '\u{0964}' | '\u{0965}' | '\u{0970}'
            | '\u{0e4f}' | '\u{0e5a}' | '\u{0e5b}' | '\u{10fb}' | '\u{1360}'..='\u{1368}'
            | '\u{166e}' | '\u{169b}' | '\u{169c}' | '\u{16eb}'..='\u{16ed}' | '\u{1800}'..='\u{180a}'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{2043}' | '\u{2045}'..='\u{2051}'
            | '\u{2053}'..='\u{205e}' | '\u{207d}' | '\u{207e}' | '\u{208d}' | '\u{208e}'
            | '\u{2308}'..='\u{230b}' | '\u{2329}' | '\u{232a}' | '\u{2768}'..='\u{2775}'
            | '\u{27c5}' | '\u{27c6}' | '\u{27e6}'..='\u{27ef}' | '\u{2983}'..='\u{2998}'
            | '\u{29d8}'..='\u{29db}' | '\u{29fc}' | '\u{29fd}' | '\u{2cf9}'..='\u{2cfc}'
            | '\u{2cfe}' | '\u{2cff}' | '\u{2e00}'..='\u{2e2e}' | '\u{2e30}'..='\u{2e4f}'
            | '\u{2e52}'..='\u{2e5d}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301f}' | '\u{3030}' | '\u{303d}' | '\u{30a0}' | '\u{30fb}'
            | '\u{fd3e}' | '\u{fd3f}' | '\u{fe10}'..='\u{fe19}' | '\u{fe30}'..='\u{fe52}'
            | '\u{fe54}'..='\u{fe61}' | '\u{fe63}' | '\u{fe68}' | '\u{fe6a}' | '\u{fe6b}'
            | '\u{ff01}'..='\u{ff03}' | '\u{ff05}'..='\u{ff0a}' | '\u{ff0c}'..='\u{ff0f}'
            | '\u{ff1a}' | '\u{ff1b}' | '\u{ff1f}' | '\u{ff20}' | '\u{ff3b}'..='\u{ff3d}'
            | '\u{ff3f}' | '\u{ff5b}' | '\u{ff5d}' | '\u{ff5f}'..='\u{ff65}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> WordPiece {
        let toks: Vec<String> = [
            "[PAD]", "[UNK]", "the", "un", "##believ", "##able", "cafe", ",", "!", "a", "##b",
            "東", "京", "$", "1", "##0",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        WordPiece::new(&toks, 1, true, true)
    }

    #[test]
    fn greedy_longest_match_with_continuations() {
        let wp = vocab();
        assert_eq!(wp.encode("Unbelievable"), vec![3, 4, 5]);
        assert_eq!(wp.encode("ab ab"), vec![9, 10, 9, 10]);
    }

    #[test]
    fn a_word_with_an_unmatched_rest_is_one_unknown() {
        let wp = vocab();
        // "abx": "a", "##b" match but "##x" does not: the whole word is [UNK], nothing else.
        assert_eq!(wp.encode("the abx the"), vec![2, 1, 2]);
    }

    #[test]
    fn accents_case_punctuation_and_cjk() {
        let wp = vocab();
        assert_eq!(wp.encode("CAFÉ, the!"), vec![6, 7, 2, 8]);
        assert_eq!(wp.encode("東京"), vec![11, 12]);
        assert_eq!(wp.encode("$10"), vec![13, 14, 15]);
    }

    #[test]
    fn control_and_format_characters_vanish() {
        let wp = vocab();
        assert_eq!(wp.encode("th\u{200b}e\u{0007}"), vec![2]);
        assert_eq!(wp.encode("the\tthe\nthe"), vec![2, 2, 2]);
        assert!(wp.encode("").is_empty());
        assert!(wp.encode(" \u{feff} ").is_empty());
    }

    #[test]
    fn overlong_words_are_unknown() {
        let wp = vocab();
        assert_eq!(wp.encode(&"a".repeat(101)), vec![1]);
    }
}
