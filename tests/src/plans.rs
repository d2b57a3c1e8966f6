//! Test helpers for exam plans and registrations: institutions with staff, published plans, candidates with a
//! complete profile.
use crate::{TestApp, fixtures, json_of};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// An RFC 3339 time `days` from now (negative: in the past).
pub fn days(d: i64) -> String {
    (Utc::now() + Duration::days(d)).fixed_offset().to_rfc3339()
}

/// A plan's basic information with its registration window from `start` to `end` days from now.
pub fn plan_body(start: i64, end: i64) -> Value {
    let exam = (Utc::now() + Duration::days(end + 5)).date_naive();
    json!({
        "exam_date": exam.format("%Y-%m-%d").to_string(),
        "reg_start": days(start), "reg_end": days(end),
        "review_deadline": days(end + 1), "payment_deadline": days(end + 2),
        "ticket_start": days(end + 3), "ticket_end": days(end + 4),
        "announcement": "本次认定考试面向社会公开报名。", "notice": "请如实填写报名信息。", "conditions": "年满16周岁。",
    })
}

/// Subjects of a level with times on the exam date of `plan`.
pub fn timed_subjects(plan: &Value, subjects: &[&str]) -> Value {
    let date = plan["exam_date"].as_str().expect("exam_date");
    Value::Array(
        subjects
            .iter()
            .enumerate()
            .map(|(i, s)| {
                json!({ "subject": s, "answer_mode": if *s == "theory" { "ata" } else { "practical" },
                        "date": date, "start": format!("{:02}:00", 9 + 2 * i), "end": format!("{:02}:30", 10 + 2 * i) })
            })
            .collect(),
    )
}

impl TestApp {
    /// Creates an institution and a staff account of it; returns (staff token, institution id).
    pub async fn institution_with_staff(&self, code: &str, name: &str) -> (String, i32) {
        let admin = self.admin_token().await;
        let (st, inst) = json_of(
            self.post(
                "/api/admin/institutions",
                Some(&admin),
                &json!({ "code": code, "name": name }),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::CREATED, "{inst}");
        let id = inst["id"].as_i64().expect("id") as i32;
        let token = self
            .login_as_new("staff", &format!("staff{code}"), Some(id))
            .await;
        (token, id)
    }

    /// The catalogue id of an occupation by its national code.
    pub async fn occupation_id(&self, token: &str, code: &str) -> i64 {
        let (_, list) = json_of(
            self.get(&format!("/api/catalogue/occupations?q={code}"), Some(token))
                .await,
        )
        .await;
        list.as_array()
            .and_then(|l| l.iter().find(|o| o["code"] == code))
            .and_then(|o| o["id"].as_i64())
            .expect("occupation in the catalogue")
    }

    /// Creates a draft plan with the given window; returns the plan.
    pub async fn draft_plan(&self, staff: &str, start: i64, end: i64) -> Value {
        let (st, plan) = json_of(
            self.post("/api/staff/plans", Some(staff), &plan_body(start, end))
                .await,
        )
        .await;
        assert_eq!(st, StatusCode::CREATED, "{plan}");
        plan
    }

    /// Adds an item (occupation code, job type, level, fee, required documents) with timed subjects.
    pub async fn add_item(
        &self,
        staff: &str,
        plan: &Value,
        code: &str,
        job_type: &str,
        level: &str,
        docs: &[&str],
    ) -> Value {
        let occ = self.occupation_id(staff, code).await;
        let subjects = if matches!(level, "level2" | "level1") {
            vec!["theory", "practical", "review"]
        } else {
            vec!["theory", "practical"]
        };
        let body = json!({ "occupation_id": occ, "job_type": job_type, "level": level, "fee_fen": 12000,
            "expected_count": 50, "required_documents": docs, "subjects": timed_subjects(plan, &subjects) });
        let (st, item) = json_of(
            self.post(
                &format!("/api/staff/plans/{}/items", plan["id"]),
                Some(staff),
                &body,
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::CREATED, "{item}");
        item
    }

    /// Confirms and publishes a plan.
    pub async fn publish(&self, staff: &str, plan_id: &Value) -> Value {
        let (st, p) = json_of(
            self.post(
                &format!("/api/staff/plans/{plan_id}/confirm"),
                Some(staff),
                &json!({}),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{p}");
        let (st, p) = json_of(
            self.post(
                &format!("/api/staff/plans/{plan_id}/publish"),
                Some(staff),
                &json!({}),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{p}");
        p
    }

    /// A published plan, open now, with one 电工 四级 item (no required documents); returns (plan, item id).
    pub async fn open_plan(&self, staff: &str) -> (Value, i64) {
        let plan = self.draft_plan(staff, -1, 5).await;
        let item = self
            .add_item(staff, &plan, "6-31-01-03", "", "level4", &[])
            .await;
        let plan = self.publish(staff, &plan["id"]).await;
        (plan, item["id"].as_i64().expect("item id"))
    }

    /// A registered candidate with a complete profile and photo; returns (token, ID number).
    pub async fn ready_candidate(&self) -> (String, String) {
        let (token, id) = self.register_candidate("Secret2026").await;
        let profile = json!({ "mobile": "13912345678", "ethnicity": "汉族", "hukou_type": "non_agricultural",
            "hukou_address": "广东省广州市天河区", "candidate_source": "employee", "work_years": 6,
            "school_or_employer": "广州某某公司", "education": "associate" });
        let (st, body) = json_of(self.put("/api/profile", Some(&token), &profile).await).await;
        assert_eq!(st, StatusCode::OK, "{body}");
        let r = self
            .upload(
                "/api/profile/photo",
                &token,
                "me.jpg",
                "image/jpeg",
                fixtures::jpeg(500, 700),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        (token, id)
    }

    /// The wizard's 确认报名.
    pub async fn apply(&self, token: &str, item_id: i64, documents: Value) -> reqwest::Response {
        self.post(
            "/api/registrations",
            Some(token),
            &json!({ "item_id": item_id, "documents": documents, "notice_confirmed": true }),
        )
        .await
    }

    /// Applies and expects success; returns the registration.
    pub async fn applied(&self, token: &str, item_id: i64) -> Value {
        let (st, reg) = json_of(self.apply(token, item_id, json!([])).await).await;
        assert_eq!(st, StatusCode::CREATED, "{reg}");
        reg
    }

    /// Staff review of registrations; returns the `{done, failed}` body.
    pub async fn review(&self, staff: &str, ids: &[&Value], action: &str, reason: &str) -> Value {
        let (st, body) = json_of(
            self.post(
                "/api/staff/registrations/review",
                Some(staff),
                &json!({ "ids": ids, "action": action, "reason": reason }),
            )
            .await,
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{body}");
        body
    }
}
