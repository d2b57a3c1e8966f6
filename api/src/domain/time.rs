//! Beijing time (Asia/Shanghai, UTC+8 all year): how every time is shown, how times typed without an offset are
//! read, and how deadlines are compared by day, whatever the browser's or the server's time zone.
use crate::error::{AppError, AppResult};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Timelike};

/// China Standard Time: how times are shown and how times typed without an offset are read.
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!())
}

pub fn fmt_dt(dt: &DateTime<FixedOffset>) -> String {
    dt.with_timezone(&cst())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

pub fn fmt_date(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` / `YYYY-MM-DDTHH:MM` read as China Standard Time. Whatever offset the
/// browser sent, the instant is kept in Beijing time, so that every deadline is stored, compared by day and shown
/// the same way.
pub fn parse_dt(s: &str, label: &str) -> AppResult<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        // Whole seconds: what is shown is what is stored, so an unchanged form compares equal.
        let dt = dt.with_timezone(&cst());
        return Ok(dt.with_nanosecond(0).unwrap_or(dt));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f)
            && let Some(dt) = n.and_local_timezone(cst()).single()
        {
            return Ok(dt);
        }
    }
    Err(AppError::bad(
        "invalid_date",
        format!("{label}格式不正确，应为日期和时间"),
    ))
}

pub fn parse_date(s: &str, label: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::bad(
            "invalid_date",
            format!("{label}格式不正确，应为 YYYY-MM-DD"),
        )
    })
}
