//! An institution that enters a person who already has an account learns nothing from the account: its staff
//! see what their entry supplied until the candidate applies through the institution.
use reqwest::StatusCode;
use serde_json::{Value, json};
use skillcert_tests::{TestApp, assert_error, json_of};

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    let all = fields["fields"].as_array().expect("fields");
    &all.iter().find(|f| f["field"] == name).expect("field")["value"]
}

#[tokio::test]
async fn staff_entering_an_existing_account_see_only_their_entry_until_the_candidate_applies_through_them()
 {
    // Arrange: a candidate who registered and filled the profile themselves; institution B with two open plans.
    let app = TestApp::spawn().await;
    let (candidate, id) = app.ready_candidate().await;
    let (staff, _) = app
        .institution_with_staff("71000003", "乙职业培训学校")
        .await;
    let (plan, item) = app.open_plan(&staff).await;
    let (_, other_item) = app.open_plan(&staff).await;

    // Act: B enters the same ID number with the right name and its own mobile number.
    let entry = json!({ "item_id": item, "name": "张三", "id_type": "resident_id", "id_number": id,
                        "mobile": "13700001111" });
    let path = format!("/api/staff/plans/{}/entries", plan["id"]);
    let (st, body) = json_of(app.post(&path, Some(&staff), &entry).await).await;

    // Assert: accepted, no new account, and every staff view shows B's entry, not the candidate's profile.
    assert_eq!(st, StatusCode::CREATED, "{body}");
    assert_eq!(body["account_created"], false);
    let reg = &body["registration"];
    assert_eq!(reg["candidate"]["mobile_masked"], "137****1111", "{reg}");
    let user_id = &reg["candidate"]["user_id"];
    let (_, detail) = json_of(
        app.get(
            &format!(
                "/api/staff/registrations/{}",
                reg["id"].as_str().expect("id")
            ),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(
        detail["candidate"]["mobile_masked"], "137****1111",
        "{detail}"
    );
    // The review detail's full profile (item 8) is the same limited view.
    let profile = &detail["profile"];
    assert_eq!(profile["mobile"], "13700001111", "{detail}");
    for hidden in [
        "hukou_address",
        "school_or_employer",
        "work_years",
        "education",
        "photo",
    ] {
        assert_eq!(
            profile[hidden],
            Value::Null,
            "{hidden} leaked in the detail: {profile}"
        );
    }
    let fields_path = format!("/api/staff/candidates/{user_id}");
    let (st, fields) = json_of(app.get(&fields_path, Some(&staff)).await).await;
    assert_eq!(st, StatusCode::OK, "{fields}");
    assert_eq!(field(&fields, "mobile"), "13700001111");
    for hidden in [
        "hukou_address",
        "school_or_employer",
        "work_years",
        "education",
    ] {
        assert_eq!(
            field(&fields, hidden),
            &Value::Null,
            "{hidden} leaked: {fields}"
        );
    }
    let (_, hits) = json_of(
        app.get(
            &format!("/api/staff/candidates?id_number={id}"),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(hits[0]["mobile_masked"], "137****1111", "{hits}");
    app.review(&staff, &[&reg["id"]], "approve", "").await;
    let form_path = format!(
        "/api/registrations/{}/form",
        reg["id"].as_str().expect("id")
    );
    let (st, form) = json_of(app.get(&form_path, Some(&staff)).await).await;
    assert_eq!(st, StatusCode::OK, "{form}");
    let text = form.to_string();
    assert!(
        !text.contains("天河区") && !text.contains("广州某某公司") && !text.contains("5678"),
        "{text}"
    );

    // Act + Assert: once the candidate applies through B themselves, B sees the profile they applied with.
    app.applied(&candidate, other_item).await;
    let (_, fields) = json_of(app.get(&fields_path, Some(&staff)).await).await;
    assert_eq!(
        field(&fields, "hukou_address"),
        "广东省广州市天河区",
        "{fields}"
    );
    app.stop().await;
}

#[tokio::test]
async fn entering_an_existing_id_number_under_another_name_is_refused_without_naming_the_holder() {
    // Arrange
    let app = TestApp::spawn().await;
    let (_, id) = app.register_candidate("Secret2026").await;
    let (staff, _) = app
        .institution_with_staff("71000004", "丙职业培训学校")
        .await;
    let (plan, item) = app.open_plan(&staff).await;
    let entry = json!({ "item_id": item, "name": "王五", "id_type": "resident_id", "id_number": id,
                        "mobile": "13700001111" });

    // Act
    let resp = app
        .post(
            &format!("/api/staff/plans/{}/entries", plan["id"]),
            Some(&staff),
            &entry,
        )
        .await;

    // Assert: refused, and the message does not give away any part of the holder's name.
    let body = assert_error(resp, StatusCode::CONFLICT, "name_mismatch").await;
    assert!(
        !body["message"].as_str().unwrap_or("").contains('张'),
        "{body}"
    );
    let (_, regs) = json_of(
        app.get(
            &format!("/api/staff/plans/{}/registrations", plan["id"]),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(regs["total"], 0, "{regs}");
    app.stop().await;
}
