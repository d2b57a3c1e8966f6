//! `GET /api/profile` answers from each process's copy of the candidate's data while the user's data version in
//! the shared cache is unchanged: every change, made through any process, must show at once everywhere.
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, fixtures, json_of};

async fn profile(app: &TestApp, token: &str) -> Value {
    let (st, p) = json_of(app.get("/api/profile", Some(token)).await).await;
    assert_eq!(st, StatusCode::OK, "{p}");
    p
}

#[tokio::test]
async fn a_change_through_one_process_shows_at_once_in_the_profile_read_through_another() {
    let a = TestApp::spawn().await;
    let b = a.sibling().await;
    let (staff, _) = a.institution_with_staff("44010077", "资料副本学校").await;
    let (_, item) = a.open_plan(&staff).await;
    let (cand, id_number) = a.ready_candidate().await;
    // Both processes hold a copy now (read twice: the second read is the copy).
    for app in [&a, &b, &a, &b] {
        assert_eq!(profile(app, &cand).await["id_number"], id_number.as_str());
    }

    // The candidate's own edit through b.
    let (st, body) = json_of(
        b.put(
            "/api/profile",
            Some(&cand),
            &json!({ "mobile": "13912345678", "ethnicity": "汉族", "hukou_type": "non_agricultural",
                "hukou_address": "广东省广州市天河区", "candidate_source": "employee", "work_years": 3,
                "school_or_employer": "第二所学校", "education": "associate" }),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    for app in [&a, &b] {
        let p = profile(app, &cand).await;
        assert_eq!(p["school_or_employer"], "第二所学校");
        assert_eq!(p["work_years"], 3);
    }

    // A new ID image uploaded through a.
    assert!(profile(&b, &cand).await["id_front"].is_null());
    let resp = a
        .upload(
            "/api/profile/id-images/front",
            &cand,
            "front.jpg",
            "image/jpeg",
            fixtures::jpeg(800, 500),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(profile(&b, &cand).await["id_front"]["id"].is_string());

    // The institution's correction approved by the centre through a, read through b.
    a.applied(&cand, item).await;
    let (_, hits) = json_of(
        a.get(
            &format!("/api/staff/candidates?id_type=resident_id&id_number={id_number}"),
            Some(&staff),
        )
        .await,
    )
    .await;
    let user_id = hits[0]["user_id"].as_i64().expect("user id");
    let new_id = fixtures::random_resident_id();
    let req = json!({ "user_id": user_id, "changes": { "id_number": new_id }, "reason": "身份证号码录入错误" });
    let (st, c) = json_of(a.post("/api/corrections", Some(&staff), &req).await).await;
    assert_eq!(st, StatusCode::CREATED, "{c}");
    let reviewer = a
        .login_as_new("centre_reviewer", "copyreviewer", None)
        .await;
    let (st, done) = json_of(
        a.post(
            &format!("/api/corrections/{}/approve", c["id"].as_str().expect("id")),
            Some(&reviewer),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{done}");
    for app in [&b, &a] {
        assert_eq!(profile(app, &cand).await["id_number"], new_id.as_str());
    }
    b.stop().await;
    a.stop().await;
}
