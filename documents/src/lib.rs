//! Printable documents: typst templates compiled to a PDF with real text and a PNG of the same pages.
//!
//! One [`Documents`] per process holds the typst engine and its fonts. Templates are `.typ` files compiled into
//! the binary ([`templates::BUILT_IN`]); a file of the same name in the configured template folder wins. Data
//! reaches a template only as values: the JSON of a typed struct (`json(sys.inputs.data)`) and named files
//! (`sys.inputs.files`), never as template source, so no name can inject markup.
mod engine;
mod fonts;
mod input;
mod output;
pub mod qr;
pub mod templates;

pub use engine::{DocumentError, Documents};
pub use fonts::{FontError, FontSet, SYSTEM_FONTS};
pub use input::Input;
pub use output::Rendered;

#[cfg(test)]
mod tests;
