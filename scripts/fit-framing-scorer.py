#!/usr/bin/env python3
"""Fits the word-choice scorer (assets/framing-scorer.json) on the BASIL dev triples.

Usage: python3 scripts/fit-framing-scorer.py FEATURES.jsonl BASIL_DIR [--write assets/framing-scorer.json]
                                            [--raw-marks RAW.jsonl]
  FEATURES.jsonl: `cargo run -p parallax-engine --example framing_features` over every
  BASIL_DIR/articles/<triple>/ folder (scripts/fit-framing-scorer runs both steps).
  RAW.jsonl: `framing_features --raw-marks` over the same folders (the lexicon's marks before
  the scorer). With it, the whole `framing --json` output is replayed with held-out weights
  (each triple's words scored by the model fitted on the other 29, the same keep/add rules as
  `framing::apply_scorer`) and scored by the dev set's score_framing.py: the cross-validated
  figures of what users see, not only of the scorer's own domain.
Labels: a candidate word is positive when it lies inside a human "lexical" bias span of its
sentence (the reading of BASIL's score_framing.py). Model: L2-regularised logistic regression
over the general features named in crates/parallax-engine/src/framing/score.rs (lexicon
category, quoted, shape, rarity, set usage, static embedding) — no word identities, so no word
list is learned from BASIL. Evaluation: leave-one-triple-out cross-validation (each triple
scored by a model fitted on the other 29); the thresholds are chosen on the pooled CV
predictions. The shipped weights are then fitted on all 30 triples. Nothing of BASIL's text is
written out: only the weights.
"""
import json, os, sys, re, collections
import numpy as np

def load_gold(basil):
    sys.path.insert(0, basil)
    import score_framing as sf  # the dev set's own reading of offsets and tokens
    return sf

def main():
    feats_path, basil = sys.argv[1], sys.argv[2]
    out = sys.argv[sys.argv.index('--write') + 1] if '--write' in sys.argv else None
    raw_path = sys.argv[sys.argv.index('--raw-marks') + 1] if '--raw-marks' in sys.argv else None
    sf = load_gold(basil)
    rows = [json.loads(l) for l in open(feats_path)]
    triples = sorted({os.path.basename(os.path.normpath(r['folder'])) for r in rows})
    gold_cache = {}
    X, E, y, grp, sent, cat, kept = [], [], [], [], [], [], []
    for r in rows:
        t = os.path.basename(os.path.normpath(r['folder']))
        if t not in gold_cache:
            gold, files = sf.load_triple(basil, t)
            lex = collections.defaultdict(list)
            for s in gold['spans']:
                if s['bias'] == 'lexical':
                    lex[(s['file'].replace('.txt', ''), s['sentence_index'])].append((s['start'], s['end']))
            gold_cache[t] = (files, lex)
        files, lex = gold_cache[t]
        f = os.path.splitext(os.path.basename(r['file']))[0]
        if f not in files: continue
        a = sf.locate(files[f], r['start']); b = sf.locate(files[f], max(r['start'], r['end'] - 1))
        if a is None or b is None or a[0] != b[0]: continue
        inside = any(s <= a[1] and b[1] + 1 <= e for s, e in lex.get((f, a[0]), []))
        X.append(r['f']); E.append(r['e'] if r['e'] else [0.0] * 256); y.append(int(inside))
        grp.append(triples.index(t)); sent.append((t, f, a[0])); cat.append(r['category']); kept.append(r)
    X = np.array(X, dtype=np.float64); E = np.array(E, dtype=np.float64); y = np.array(y, dtype=np.float64)
    grp = np.array(grp)
    # gold totals for the metrics (tokens and sentences with a lexical span)
    gold_tokens = 0; gold_sents = 0
    for t in triples:
        files, lex = gold_cache[t]
        for f, lines in files.items():
            for i, (_, line) in enumerate(lines):
                spans = lex.get((f, i), [])
                gold_tokens += len({tk for tk in sf.tokens(line) if any(s <= tk[0] and tk[1] <= e for s, e in spans)})
                gold_sents += bool(spans)
    print(f'{len(y)} candidate words, {int(y.sum())} inside lexical spans; gold tokens {gold_tokens}, gold sentences {gold_sents}', file=sys.stderr)
    variants = {'with_model': np.hstack([X, E]), 'without_model': X}
    result = {}
    for name, Z in variants.items():
        lam = float(os.environ.get('LAMBDA', '1'))
        cv = np.zeros(len(y))
        for g in range(len(triples)):
            tr, te = grp != g, grp == g
            w, b = fit(Z[tr], y[tr], lam)
            cv[te] = sigmoid(Z[te] @ w + b)
        print(f'== {name}: LOTO CV', file=sys.stderr)
        best, lex_best = sweep(cv, y, sent, cat, gold_tokens, gold_sents)
        if os.environ.get('SAVE_CV'):
            np.save(os.environ['SAVE_CV'] + '.' + name + '.npy', cv)
        if raw_path:
            replay(raw_path, basil, kept, cv, best, lex_best, name)
        w, b = fit(Z, y, lam)
        nf = X.shape[1]
        result[name] = {'bias': float(b), 'features': [float(v) for v in w[:nf]],
                        'embedding': [float(v) for v in w[nf:]],
                        'threshold': best, 'lexicon_threshold': lex_best,
                        'cv_auc': auc(cv, y)}
        print(f'   CV AUC {auc(cv, y):.3f}; chosen threshold {best:.3f}, lexicon threshold {lex_best:.3f}', file=sys.stderr)
    if out:
        doc = {'origin': 'Fitted by scripts/fit-framing-scorer.py (L2 logistic regression, lambda '
               + os.environ.get('LAMBDA', '1') + ') on the 30 BASIL dev triples (Fan et al. 2019) '
               'with leave-one-triple-out CV; weights over general features only (no word identities, '
               'no BASIL text).', **result}
        json.dump(doc, open(out, 'w'), indent=None, separators=(',', ':'))
        print(f'wrote {out}', file=sys.stderr)

SCORED_MARKS = {'loaded', 'loaded.label', 'loaded.puffery', 'loaded.evaluative'}  # framing::scored_category

def replay(raw_path, basil, rows, probs, thresholds, lexicon_threshold, name):
    """The `framing --json` marks of every triple with held-out probabilities: lexicon marks
    as `framing_features --raw-marks` gives them, a single listed word-choice hit kept only at
    p >= lexicon_threshold (phrases always), and words with no mark at p >= threshold added as
    loaded.evaluative (framing::apply_scorer). Scored with the dev set's score_framing.py."""
    import subprocess, tempfile
    t, lt = thresholds, lexicon_threshold
    if isinstance(t, tuple): t, lt = t
    words = collections.defaultdict(list)  # (folder, file) -> [(start, end, p)]
    for r, p in zip(rows, probs):
        words[(os.path.normpath(r['folder']), r['file'])].append((r['start'], r['end'], float(p)))
    outputs = {}
    for line in open(raw_path):
        doc = json.loads(line)
        folder = os.path.normpath(doc['folder'])
        marks = [m for m in doc['marks'] if m['start'] is not None]
        kept = []
        for m in marks:
            ws = words.get((folder, m['file']), [])
            best = max([p for s, e, p in ws if m['start'] <= s and e <= m['end']], default=0.0)
            if m['category'] in SCORED_MARKS and not any(c in m['term'] for c in ' -') and best < lt:
                continue
            kept.append(m)
        added = []
        for (fo, f), ws in words.items():
            if fo != folder: continue
            spans = [(m['start'], m['end']) for m in kept if m['file'] == f]
            for s, e, p in ws:
                if p >= t and not any(a < e and s < b for a, b in spans):
                    added.append({'file': f, 'start': s, 'end': e, 'category': 'loaded.evaluative',
                                  'term': '', 'quoted': False})
        outputs[os.path.basename(folder)] = {'folder': folder, 'marks': kept + added}
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as fh:
        json.dump(outputs, fh)
        path = fh.name
    print(f'== {name}: the whole framing output, held-out (t={t:.2f}, lt={lt:.2f})', file=sys.stderr)
    extra = os.environ.get('REPLAY_ARGS', '').split()
    res = subprocess.run([sys.executable, os.path.join(basil, 'score_framing.py'), path, basil] + extra,
                         capture_output=True, text=True)
    print(res.stdout, end='', file=sys.stderr)
    os.unlink(path)

def sigmoid(z): return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

def fit(Z, y, lam, iters=30):
    """Newton's method for L2-regularised logistic regression (intercept unpenalised)."""
    n, d = Z.shape
    A = np.hstack([Z, np.ones((n, 1))])
    w = np.zeros(d + 1); w[-1] = np.log((y.mean() + 1e-6) / (1 - y.mean()))
    R = np.eye(d + 1) * lam; R[-1, -1] = 0
    for _ in range(iters):
        p = sigmoid(A @ w)
        g = A.T @ (p - y) + R @ w
        H = (A * (p * (1 - p))[:, None]).T @ A + R
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-4: break
    return w[:-1], w[-1]

def auc(s, y):
    o = np.argsort(s); r = np.empty(len(s)); r[o] = np.arange(1, len(s) + 1)
    pos = y == 1; n1 = pos.sum(); n0 = len(y) - n1
    return float((r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)) if n1 and n0 else 0.5

SCORED = {'loaded', 'loaded.label', 'loaded.puffery'}  # attribution.manner is never gated

def metrics(m, y, sent, gold_tokens, gold_sents):
    tp = int((y[m] == 1).sum()); n = int(m.sum())
    P = tp / n if n else 0; R = tp / gold_tokens
    F = 2 * P * R / (P + R) if P + R else 0
    ms = {sent[i] for i in np.nonzero(m)[0]}; ok = {sent[i] for i in np.nonzero(m & (y == 1))[0]}
    SP = len(ok) / len(ms) if ms else 0; SR = len(ok) / gold_sents
    return n, P, R, F, SP, SR

def sweep(p, y, sent, cat, gold_tokens, gold_sents):
    """Marks of the scorer's domain: lexicon word-choice hits kept at p >= lt, words with no
    lexicon entry marked at p >= t (other lexicon cues are outside the scorer). Chosen: the
    best token F1 (the issue's measure), ties to the higher threshold (fewer marks)."""
    lex = np.array([c in SCORED for c in cat]); none = np.array([c is None for c in cat])
    print(f'   lexicon word-choice hits alone: ' + fmt(metrics(lex, y, sent, gold_tokens, gold_sents)), file=sys.stderr)
    best, best_f = (0.5, 0.5), -1
    table = {}
    for t in [0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12, 0.15, 0.2]:
        for lt in [0.0, 0.01, 0.02, 0.03, 0.05, 0.08]:
            m = (lex & (p >= lt)) | (none & (p >= t))
            r = metrics(m, y, sent, gold_tokens, gold_sents)
            print(f'   t={t:.2f} lt={lt:.2f} ' + fmt(r), file=sys.stderr)
            table[(t, lt)] = r[3]
            if r[3] >= best_f: best, best_f = (t, lt), r[3]
    # The lexicon is curated: its hits are gated only where that clearly pays (F1 up by 0.005
    # or more over keeping every hit at the same word threshold).
    t, lt = best
    if table[(t, lt)] < table[(t, 0.0)] + 0.005:
        lt = 0.0
    return t, lt

def fmt(r):
    n, P, R, F, SP, SR = r
    return f'marks={n:5d} token P={P:.3f} R={R:.3f} F1={F:.3f}  sentence P={SP:.3f} R={SR:.3f}'

if __name__ == '__main__':
    main()
