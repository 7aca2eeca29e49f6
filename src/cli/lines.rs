//! Line and column of byte offsets, computed after a scan that did not
//! track lines (the fast path for files): one memchr pass over the part of
//! the input before the last offset asked for.

use epcstream::epcis::Position;

/// Fills `line` and `column` (1-based, column in bytes) of every position
/// from its `offset` into `data`.
pub fn fill(data: &[u8], positions: &mut [&mut Position]) {
    positions.sort_by_key(|p| p.offset);
    let (mut line, mut line_start, mut upto) = (1u32, 0usize, 0usize);
    for p in positions.iter_mut() {
        let off = usize::try_from(p.offset)
            .unwrap_or(usize::MAX)
            .min(data.len());
        let seg = &data[upto..off];
        line += memchr::memchr_iter(b'\n', seg).count() as u32;
        if let Some(last) = memchr::memrchr(b'\n', seg) {
            line_start = upto + last + 1;
        }
        upto = off;
        p.line = line;
        p.column = (off - line_start + 1) as u32;
    }
}
