//! JSON written field by field into a byte buffer: the per-record output of
//! `translate` and `scan` (values escaped by serde_json, no intermediate
//! `Value` tree per record).

use epcstream::epc::ParseError;
use std::io::Write;

/// A JSON object written field by field (values escaped by serde_json).
pub struct Obj<'a> {
    pub out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    /// A boolean field.
    pub fn bool(&mut self, k: &str, v: bool) {
        self.key(k);
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
    }
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Obj { out, first: true }
    }
    pub fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.string(k);
        self.out.push(b':');
    }
    pub fn string(&mut self, v: &str) {
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *self.out, v);
    }
    pub fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        self.string(v);
    }
    pub fn num(&mut self, k: &str, v: u64) {
        self.key(k);
        let _ = write!(self.out, "{v}");
    }
    pub fn null(&mut self, k: &str) {
        self.key(k);
        self.out.extend_from_slice(b"null");
    }
    pub fn error(&mut self, k: &str, e: &ParseError) {
        self.key(k);
        self.out.extend_from_slice(b"{");
        self.string("kind");
        self.out.push(b':');
        self.string(e.kind().as_str());
        let _ = write!(self.out, ",\"offset\":{},", e.offset());
        self.string("message");
        self.out.push(b':');
        self.string(e.kind().message());
        self.out.push(b'}');
    }
    pub fn end(self) {
        self.out.push(b'}');
    }
}
