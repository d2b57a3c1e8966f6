//! The consistency rules of a plan and its items: time order, the generated name, fees, subjects.
use super::types::{ItemReq, PlanReq, Subject};
use crate::domain::enums;
use crate::domain::time::{cst, fmt_date, parse_date, parse_dt};
use crate::error::{AppError, AppResult};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

/// `YYYYMMDD-<institution name>`, e.g. `20190101-广东省华立高级技工学校`.
pub fn plan_name(exam_date: NaiveDate, institution: &str) -> String {
    format!("{}-{}", exam_date.format("%Y%m%d"), institution)
}

/// A plan's basic information, parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFields {
    pub exam_date: NaiveDate,
    pub reg_start: DateTime<FixedOffset>,
    pub reg_end: DateTime<FixedOffset>,
    pub review_deadline: DateTime<FixedOffset>,
    pub payment_deadline: DateTime<FixedOffset>,
    pub ticket_start: DateTime<FixedOffset>,
    pub ticket_end: DateTime<FixedOffset>,
    pub announcement: String,
    pub notice: String,
    pub conditions: String,
    pub max_occupations: i32,
}

const TEXT_MAX: usize = 5000;

fn order(
    a: &DateTime<FixedOffset>,
    b: &DateTime<FixedOffset>,
    strict: bool,
    msg: &str,
) -> AppResult<()> {
    if (strict && a < b) || (!strict && a <= b) {
        Ok(())
    } else {
        Err(AppError::bad("invalid_plan_times", msg.to_string()))
    }
}

pub fn validate_plan(r: PlanReq) -> AppResult<PlanFields> {
    let f = PlanFields {
        exam_date: parse_date(&r.exam_date, "计划考试日期")?,
        reg_start: parse_dt(&r.reg_start, "报名开始时间")?,
        reg_end: parse_dt(&r.reg_end, "报名截止时间")?,
        review_deadline: parse_dt(&r.review_deadline, "审核截止时间")?,
        payment_deadline: parse_dt(&r.payment_deadline, "缴费截止时间")?,
        ticket_start: parse_dt(&r.ticket_start, "准考证打印开始时间")?,
        ticket_end: parse_dt(&r.ticket_end, "准考证打印结束时间")?,
        announcement: r.announcement.trim().to_string(),
        notice: r.notice.trim().to_string(),
        conditions: r.conditions.trim().to_string(),
        max_occupations: r.max_occupations.unwrap_or(2),
    };
    order(
        &f.reg_start,
        &f.reg_end,
        true,
        "报名开始时间须早于报名截止时间",
    )?;
    order(
        &f.reg_end,
        &f.review_deadline,
        false,
        "审核截止时间不能早于报名截止时间",
    )?;
    order(
        &f.review_deadline,
        &f.payment_deadline,
        false,
        "缴费截止时间不能早于审核截止时间",
    )?;
    let exam_start = f
        .exam_date
        .and_time(NaiveTime::MIN)
        .and_local_timezone(cst())
        .single()
        .ok_or_else(|| AppError::bad("invalid_date", "计划考试日期无效"))?;
    if f.reg_end >= exam_start {
        return Err(AppError::bad(
            "exam_before_registration_end",
            "计划考试日期须在报名截止之后",
        ));
    }
    order(
        &f.payment_deadline,
        &exam_start,
        true,
        "缴费截止时间须早于考试日期",
    )?;
    order(
        &f.ticket_start,
        &f.ticket_end,
        true,
        "准考证打印开始时间须早于结束时间",
    )?;
    order(
        &f.reg_end,
        &f.ticket_start,
        false,
        "准考证打印须在报名截止之后开始",
    )?;
    let exam_end = exam_start + chrono::Duration::days(1);
    order(
        &f.ticket_start,
        &exam_end,
        true,
        "准考证打印须在考试结束前开始",
    )?;
    if !(1..=10).contains(&f.max_occupations) {
        return Err(AppError::bad(
            "invalid_max_occupations",
            "每人可报职业数应为 1–10",
        ));
    }
    for (label, v) in [
        ("公示信息", &f.announcement),
        ("报名须知", &f.notice),
        ("报考条件", &f.conditions),
    ] {
        if v.chars().count() > TEXT_MAX {
            return Err(AppError::bad(
                "field_too_long",
                format!("{label}不能超过 {TEXT_MAX} 字"),
            ));
        }
    }
    Ok(f)
}

/// The parts of an item request that can be checked without the catalogue.
pub fn validate_item_basics(r: &ItemReq) -> AppResult<()> {
    if !(0..=1_000_000).contains(&r.fee_fen) {
        return Err(AppError::bad("invalid_fee", "报名费应在 0–10000 元之间"));
    }
    if !(0..=100_000).contains(&r.expected_count) {
        return Err(AppError::bad(
            "invalid_expected_count",
            "预报人数应在 0–100000 之间",
        ));
    }
    if r.required_documents.len() > 10
        || r.required_documents
            .iter()
            .any(|d| d.trim().is_empty() || d.chars().count() > 30)
    {
        return Err(AppError::bad(
            "invalid_required_documents",
            "所需证件最多 10 项，每项 1–30 字",
        ));
    }
    Ok(())
}

/// The default subjects of a level: theory at an ATA site, practical as 实操, review on paper.
pub fn default_subjects(subjects: &[String]) -> Vec<Subject> {
    subjects
        .iter()
        .map(|s| Subject {
            subject: s.clone(),
            answer_mode: match s.as_str() {
                "theory" => "ata",
                "practical" => "practical",
                _ => "paper",
            }
            .into(),
            date: None,
            start: None,
            end: None,
        })
        .collect()
}

fn time(s: &Option<String>) -> AppResult<Option<NaiveTime>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .map(Some)
            .map_err(|_| AppError::bad("invalid_subject_time", "考试时间格式应为 HH:MM")),
    }
}

/// Subjects must be the occupation level's own, each once, with a known answer mode; a time, when given, ends
/// after it starts, on a day after registration closes.
pub fn validate_subjects(
    subjects: &[Subject],
    allowed: &[String],
    reg_end: NaiveDate,
) -> AppResult<Vec<Subject>> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for s in subjects {
        if !allowed.contains(&s.subject) || seen.contains(&s.subject) {
            return Err(AppError::bad(
                "invalid_subjects",
                "科目须为该等级的考核科目，且不能重复",
            ));
        }
        if !enums::contains(enums::ANSWER_MODES, &s.answer_mode) {
            return Err(AppError::bad("invalid_subjects", "答题方式/考点类型无效"));
        }
        seen.push(s.subject.clone());
        let date = match s.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(parse_date(d, "考试日期")?),
        };
        let (start, end) = (time(&s.start)?, time(&s.end)?);
        if let (Some(a), Some(b)) = (start, end)
            && b <= a
        {
            return Err(AppError::bad(
                "invalid_subject_time",
                "考试结束时间须晚于开始时间",
            ));
        }
        if let Some(d) = date
            && d <= reg_end
        {
            return Err(AppError::bad(
                "invalid_subject_time",
                "科目考试日期须在报名截止之后",
            ));
        }
        out.push(Subject {
            subject: s.subject.clone(),
            answer_mode: s.answer_mode.clone(),
            date: date.map(|d| fmt_date(&d)),
            start: start.map(|t| t.format("%H:%M").to_string()),
            end: end.map(|t| t.format("%H:%M").to_string()),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::fmt_dt;

    fn req() -> PlanReq {
        PlanReq {
            exam_date: "2026-12-20".into(),
            reg_start: "2026-12-01T09:00:00+08:00".into(),
            reg_end: "2026-12-10 18:00".into(),
            review_deadline: "2026-12-12 18:00".into(),
            payment_deadline: "2026-12-15 18:00".into(),
            ticket_start: "2026-12-16 09:00".into(),
            ticket_end: "2026-12-20 08:00".into(),
            announcement: "公告".into(),
            notice: "须知".into(),
            conditions: "条件".into(),
            max_occupations: None,
        }
    }

    fn code(r: AppResult<PlanFields>) -> String {
        r.err().map(|e| e.body().code).unwrap_or_default()
    }

    #[test]
    fn a_consistent_plan_passes_and_defaults_to_two_occupations() {
        let f = validate_plan(req()).expect("valid");
        assert_eq!(f.max_occupations, 2);
        assert_eq!(fmt_dt(&f.reg_end), "2026-12-10T18:00:00+08:00");
    }

    #[test]
    fn out_of_order_windows_are_refused() {
        let mut r = req();
        r.reg_end = "2026-11-30 09:00".into();
        assert_eq!(code(validate_plan(r)), "invalid_plan_times");
        let mut r = req();
        r.payment_deadline = "2026-12-11 09:00".into();
        assert_eq!(code(validate_plan(r)), "invalid_plan_times");
        let mut r = req();
        r.ticket_end = "2026-12-21 09:00".into();
        r.ticket_start = "2026-12-21 10:00".into();
        assert_eq!(code(validate_plan(r)), "invalid_plan_times");
    }

    #[test]
    fn the_exam_must_come_after_registration_closes() {
        let mut r = req();
        r.exam_date = "2026-12-10".into();
        assert_eq!(code(validate_plan(r)), "exam_before_registration_end");
    }

    #[test]
    fn bad_dates_and_limits_are_refused() {
        let mut r = req();
        r.reg_start = "明天".into();
        assert_eq!(code(validate_plan(r)), "invalid_date");
        let mut r = req();
        r.max_occupations = Some(0);
        assert_eq!(code(validate_plan(r)), "invalid_max_occupations");
    }

    #[test]
    fn times_sent_with_another_offset_are_pinned_to_beijing_time() {
        let dt = parse_dt("2026-12-01T20:00:00-05:00", "t").ok();
        assert_eq!(
            dt.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-12-02T09:00:00+08:00")
        );
        let typed = parse_dt("2026-12-01 09:30", "t").ok();
        assert_eq!(
            typed.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-12-01T09:30:00+08:00")
        );
    }

    #[test]
    fn the_name_is_the_exam_date_and_the_institution() {
        let d = NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
        assert_eq!(
            plan_name(d, "广东省华立高级技工学校"),
            "20190101-广东省华立高级技工学校"
        );
    }

    #[test]
    fn subjects_are_checked() {
        let allowed = vec!["theory".to_string(), "practical".to_string()];
        let reg_end = NaiveDate::from_ymd_opt(2026, 12, 10).expect("date");
        let mut s = default_subjects(&allowed);
        assert_eq!(s[0].answer_mode, "ata");
        s[0].date = Some("2026-12-20".into());
        s[0].start = Some("09:00".into());
        s[0].end = Some("10:30".into());
        assert!(validate_subjects(&s, &allowed, reg_end).is_ok());
        s[0].end = Some("08:00".into());
        assert!(validate_subjects(&s, &allowed, reg_end).is_err());
        let dup = vec![s[1].clone(), s[1].clone()];
        assert!(validate_subjects(&dup, &allowed, reg_end).is_err());
        let review = default_subjects(&["review".to_string()]);
        assert!(validate_subjects(&review, &allowed, reg_end).is_err());
    }
}
