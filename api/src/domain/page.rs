//! The one page query every paginated list takes: `?page=&page_size=`, validated before any arithmetic.
use crate::error::{AppError, AppResult};
use salvo::prelude::*;
use serde::Deserialize;

/// The largest page a list serves at once.
pub const MAX_PAGE_SIZE: u64 = 100;
/// Page sizes when the client names none.
pub const DEFAULT_PAGE_SIZE: u64 = 20;

/// `?page=&page_size=` as sent. Kept as text so that garbage, negative and huge values are refused with one
/// stable code (`invalid_page`) instead of the framework's generic parse error, and never reach the paginator.
#[derive(Debug, Default, Deserialize, ToParameters)]
#[salvo(extract(default_source(from = "query")))]
pub struct PageQuery {
    /// Page number from 1 (default 1).
    #[salvo(parameter(value_type = Option<u32>, minimum = 1))]
    pub page: Option<String>,
    /// Items per page, 1–100 (default 20).
    #[salvo(parameter(value_type = Option<u32>, minimum = 1, maximum = 100))]
    pub page_size: Option<String>,
}

/// A validated page: `number` ≥ 1, `size` in 1..=MAX_PAGE_SIZE, `offset` computed without overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: u64,
    pub size: u64,
}

impl Page {
    /// The zero-based page index the SeaORM paginator takes.
    pub fn index(&self) -> u64 {
        self.number - 1
    }
    /// Rows to skip; `number` is at most `u32::MAX` and `size` at most 100, so this cannot overflow.
    pub fn offset(&self) -> u64 {
        self.index().saturating_mul(self.size)
    }
}

fn refuse() -> AppError {
    AppError::bad(
        "invalid_page",
        format!("分页参数无效：page 须为正整数，page_size 须为 1–{MAX_PAGE_SIZE}"),
    )
}

fn number(raw: Option<&str>, default: u64, max: u64) -> AppResult<u64> {
    match raw.map(str::trim) {
        None | Some("") => Ok(default),
        Some(s) => match s.parse::<u64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(refuse()),
        },
    }
}

impl PageQuery {
    pub fn validate(&self) -> AppResult<Page> {
        Ok(Page {
            number: number(self.page.as_deref(), 1, u64::from(u32::MAX))?,
            size: number(self.page_size.as_deref(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(page: &str, size: &str) -> AppResult<Page> {
        PageQuery {
            page: Some(page.into()),
            page_size: Some(size.into()),
        }
        .validate()
    }

    #[test]
    fn absent_values_take_the_defaults() {
        let p = PageQuery::default().validate().ok();
        assert_eq!(
            p,
            Some(Page {
                number: 1,
                size: 20
            })
        );
    }

    #[test]
    fn garbage_negative_zero_and_huge_values_are_refused() {
        for (page, size) in [
            ("0", "20"),
            ("-1", "20"),
            ("abc", "20"),
            ("1.5", "20"),
            ("18446744073709551616", "20"),
            ("4294967296", "20"),
            ("1", "0"),
            ("1", "101"),
            ("1", "-5"),
            ("1", "18446744073709551615"),
        ] {
            assert!(q(page, size).is_err(), "{page} {size}");
        }
    }

    #[test]
    fn the_largest_page_has_an_offset_that_fits() {
        let p = q("4294967295", "100").ok();
        assert_eq!(p.map(|p| p.offset()), Some(429_496_729_400));
    }
}
