//! The typst engine: fonts, the built-in templates and the override folder, compiling a template with an input.
use crate::fonts::{FontError, FontSet};
use crate::input::Input;
use crate::output::Rendered;
use crate::templates;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use typst::diag::SourceDiagnostic;
use typst_as_lib::TypstEngine;
use typst_as_lib::file_resolver::FileSystemResolver;
use typst_layout::PagedDocument;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Fonts(#[from] FontError),
    #[error("模板目录不存在 / template folder does not exist: {0}")]
    TemplateFolder(PathBuf),
    #[error("unknown template name {0:?}")]
    UnknownTemplate(String),
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
    #[error("document data: {0}")]
    Data(#[from] serde_json::Error),
    #[error("QR code: {0}")]
    Qr(String),
    #[error("export: {0}")]
    Export(String),
}

/// The engine with its fonts and templates; build one per process and share it (`Arc`), compile off the async
/// executor (a compile is CPU-bound: tens of milliseconds for a one-page form).
pub struct Documents {
    engine: TypstEngine,
    fonts: Arc<FontSet>,
    overrides: Option<PathBuf>,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents")
            .field("fonts", &self.fonts)
            .field("overrides", &self.overrides)
            .finish_non_exhaustive()
    }
}

impl Documents {
    /// Fonts from `font_dir` (or the system's, see [`crate::SYSTEM_FONTS`]), templates from `template_dir` before
    /// the built-in ones. Fails when no Chinese font is found or the template folder does not exist.
    pub fn new(
        font_dir: Option<&Path>,
        template_dir: Option<&Path>,
    ) -> Result<Self, DocumentError> {
        Self::with_templates(font_dir, template_dir, templates::BUILT_IN)
    }

    /// [`Documents::new`] with other built-in templates (`(file name, source)`), e.g. for tests.
    pub fn with_templates(
        font_dir: Option<&Path>,
        template_dir: Option<&Path>,
        built_in: &[(&str, &str)],
    ) -> Result<Self, DocumentError> {
        let fonts = FontSet::shared(font_dir)?;
        let mut builder = TypstEngine::builder().fonts(fonts.fonts.iter().cloned());
        if let Some(dir) = template_dir {
            if !dir.is_dir() {
                return Err(DocumentError::TemplateFolder(dir.to_path_buf()));
            }
            // Not cached: an edited template applies to the next document without a restart.
            builder = builder.add_file_resolver(FileSystemResolver::new(dir.to_path_buf()));
        }
        let sources: Vec<(String, String)> = built_in
            .iter()
            .map(|(name, src)| (format!("/{name}"), (*src).to_string()))
            .collect();
        let engine = builder
            .with_static_source_file_resolver(sources.iter().map(|(n, s)| (n.as_str(), s.clone())))
            .build();
        Ok(Documents {
            engine,
            fonts,
            overrides: template_dir.map(Path::to_path_buf),
        })
    }

    /// The loaded fonts.
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Templates of the override folder that replace a built-in one.
    pub fn overridden(&self) -> Vec<&'static str> {
        let Some(dir) = &self.overrides else {
            return Vec::new();
        };
        templates::BUILT_IN
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| dir.join(name).is_file())
            .collect()
    }

    /// Lays out `template` (a file name such as `application_form.typ`) with `input`.
    pub fn render(&self, template: &str, input: Input) -> Result<Rendered, DocumentError> {
        let valid = template.ends_with(".typ")
            && template
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
            && !template.contains("..");
        if !valid {
            return Err(DocumentError::UnknownTemplate(template.to_string()));
        }
        let inputs = input.into_dict(self.fonts.chinese_families());
        let main = format!("/{template}");
        let warned = self
            .engine
            .compile_with_input::<_, _, PagedDocument>(main.as_str(), inputs);
        for w in &warned.warnings {
            tracing::debug!(template, warning = %w.message, "typst warning");
        }
        let doc = warned.output.map_err(|e| DocumentError::Template {
            template: template.to_string(),
            message: describe(e),
        })?;
        Ok(Rendered { doc })
    }
}

fn describe(e: typst_as_lib::TypstAsLibError) -> String {
    use typst_as_lib::TypstAsLibError as E;
    let diags = |d: &[SourceDiagnostic]| {
        d.iter()
            .map(|d| {
                let file = d
                    .span
                    .id()
                    .map(|id| format!("{}: ", id.vpath().get_with_slash()))
                    .unwrap_or_default();
                format!("{file}{}", d.message)
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    match e {
        E::TypstSource(d) => diags(&d),
        other => other.to_string(),
    }
}
