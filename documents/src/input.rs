//! What a template receives: the JSON of its data and named files (photos, QR codes), as values only.
use crate::engine::DocumentError;
use serde::Serialize;
use typst::foundations::{Array, Bytes, Dict, IntoValue, Str};

/// A template's input; see the crate docs for how templates read it.
#[derive(Debug, Clone)]
pub struct Input {
    data: Vec<u8>,
    files: Vec<(String, Vec<u8>)>,
}

impl Input {
    /// The typed data of the template, as JSON.
    pub fn new(data: &impl Serialize) -> Result<Input, DocumentError> {
        Ok(Input {
            data: serde_json::to_vec(data)?,
            files: Vec::new(),
        })
    }

    /// A file the template can show with `image(sys.inputs.files.at(name))` (JPEG, PNG or SVG bytes).
    pub fn file(mut self, name: impl Into<String>, bytes: Vec<u8>) -> Input {
        self.files.push((name.into(), bytes));
        self
    }

    /// A QR code of `payload` as an SVG file named `name`.
    pub fn qr(self, name: impl Into<String>, payload: &str) -> Result<Input, DocumentError> {
        let svg = crate::qr::svg(payload)?;
        Ok(self.file(name, svg.into_bytes()))
    }

    /// `sys.inputs`: `data` (JSON bytes), `files` (name → bytes) and `fonts` (the Chinese families loaded).
    pub(crate) fn into_dict(self, fonts: &[String]) -> Dict {
        let mut files = Dict::new();
        for (name, bytes) in self.files {
            files.insert(Str::from(name.as_str()), Bytes::new(bytes).into_value());
        }
        let fonts: Array = fonts.iter().map(|f| f.as_str().into_value()).collect();
        let mut dict = Dict::new();
        dict.insert("data".into(), Bytes::new(self.data).into_value());
        dict.insert("files".into(), files.into_value());
        dict.insert("fonts".into(), fonts.into_value());
        dict
    }
}
