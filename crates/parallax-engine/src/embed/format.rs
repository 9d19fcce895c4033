//! The static model file (`*.pxm`), written by `scripts/distill-model.py`.
//!
//! Little endian: magic `PXEMBED1`; u32 version (1), dim, vocabulary size, `[UNK]` id, flags
//! (bit 0 lowercase, bit 1 strip accents); u32 length + model id (UTF-8); per token u16 length
//! and UTF-8 piece; vocabulary × f32 row scales; vocabulary × dim i8 rows; u64 xxh3-64 of every
//! byte before it.
//!
//! Every length is checked before it is used, so a truncated or corrupt file is an error,
//! never a panic or a huge allocation.

use xxhash_rust::xxh3::xxh3_64;

pub const MAGIC: &[u8; 8] = b"PXEMBED1";
pub const VERSION: u32 = 1;
/// Larger dims or vocabularies than any sane static model: refuse instead of allocating.
const MAX_DIM: usize = 4096;
const MAX_VOCAB: usize = 1 << 22;

#[derive(Debug)]
pub struct Parsed {
    pub id: String,
    pub dim: usize,
    pub unk: u32,
    pub lowercase: bool,
    pub strip_accents: bool,
    pub tokens: Vec<String>,
    pub scales: Vec<f32>,
    pub rows: Vec<i8>,
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| format!("truncated (needs {} more bytes at byte {})", n, self.at))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, String> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

/// Parses and verifies a model file's bytes; `Err` holds a short reason for the user.
pub fn parse(bytes: &[u8]) -> Result<Parsed, String> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a Parallax embedding model (bad magic bytes)".into());
    }
    if bytes.len() < MAGIC.len() + 8 {
        return Err("truncated (no checksum)".into());
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    let mut r = Reader { b: body, at: 8 };
    let version = r.u32()?;
    if version != VERSION {
        return Err(format!(
            "format version {version} is not supported (this build reads version {VERSION})"
        ));
    }
    let dim = r.u32()? as usize;
    let vocab = r.u32()? as usize;
    let unk = r.u32()?;
    let flags = r.u32()?;
    if dim == 0 || dim > MAX_DIM || vocab == 0 || vocab > MAX_VOCAB || unk as usize >= vocab {
        return Err(format!(
            "implausible header (dim {dim}, vocabulary {vocab}, unknown id {unk})"
        ));
    }
    // The checksum is checked after the header so a damaged header gets the clearer message,
    // but before any large allocation.
    let expected = u64::from_le_bytes(sum.try_into().map_err(|_| "truncated".to_string())?);
    let needed = (vocab as u64) * (dim as u64 + 4 + 2);
    if (body.len() as u64) < needed {
        return Err(format!(
            "truncated ({} bytes, the header promises at least {needed})",
            bytes.len()
        ));
    }
    if xxh3_64(body) != expected {
        return Err("checksum mismatch (the file is damaged or incomplete)".into());
    }
    let id_len = r.u32()? as usize;
    let id = std::str::from_utf8(r.take(id_len)?)
        .map_err(|_| "model id is not UTF-8".to_string())?
        .to_owned();
    let mut tokens = Vec::with_capacity(vocab);
    for i in 0..vocab {
        let n = r.u16()? as usize;
        let t = std::str::from_utf8(r.take(n)?).map_err(|_| format!("token {i} is not UTF-8"))?;
        tokens.push(t.to_owned());
    }
    let scales: Vec<f32> = r
        .take(vocab * 4)?
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    if scales.iter().any(|s| !s.is_finite()) {
        return Err("a row scale is not a finite number".into());
    }
    let rows: Vec<i8> = r.take(vocab * dim)?.iter().map(|&b| b as i8).collect();
    if r.at != body.len() {
        return Err(format!(
            "{} unexpected bytes after the table",
            body.len() - r.at
        ));
    }
    Ok(Parsed {
        id,
        dim,
        unk,
        lowercase: flags & 1 != 0,
        strip_accents: flags & 2 != 0,
        tokens,
        scales,
        rows,
    })
}

/// Serialises a model (the inverse of [`parse`]); used by tests to build small models.
pub fn write(
    id: &str,
    tokens: &[&str],
    unk: u32,
    scales: &[f32],
    rows: &[i8],
    dim: usize,
) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(MAGIC);
    for v in [VERSION, dim as u32, tokens.len() as u32, unk, 0b11] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&(id.len() as u32).to_le_bytes());
    b.extend_from_slice(id.as_bytes());
    for t in tokens {
        b.extend_from_slice(&(t.len() as u16).to_le_bytes());
        b.extend_from_slice(t.as_bytes());
    }
    for s in scales {
        b.extend_from_slice(&s.to_le_bytes());
    }
    b.extend(rows.iter().map(|&r| r as u8));
    let sum = xxh3_64(&b);
    b.extend_from_slice(&sum.to_le_bytes());
    b
}
