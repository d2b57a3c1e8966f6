//! The operations: JSAPI order, `paySign` parameters, query, close, refund, refund query, trade bill.
use super::{Channel, PayClient, PayError};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use std::io::Read;
use wechat_pay_rust_sdk::model::{
    AmountInfo, JsapiParams, PayerInfo, RefundsAmountParams, RefundsParams,
};
use wechat_pay_rust_sdk::pay::WechatPayTrait;

/// What `POST /v3/pay/transactions/jsapi` needs from us.
pub struct JsapiOrder<'a> {
    pub channel: Channel,
    pub out_trade_no: &'a str,
    pub description: &'a str,
    pub amount_fen: i64,
    pub openid: &'a str,
    pub attach: &'a str,
    /// RFC 3339 with +08:00.
    pub time_expire: &'a str,
}

/// A transaction as WeChat reports it (query and notification share the shape). Optional fields are absent
/// while the order is unpaid.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct Transaction {
    #[serde(default)]
    pub appid: String,
    #[serde(default)]
    pub mchid: String,
    pub out_trade_no: String,
    #[serde(default)]
    pub transaction_id: Option<String>,
    pub trade_state: String,
    #[serde(default)]
    pub trade_state_desc: Option<String>,
    #[serde(default)]
    pub bank_type: Option<String>,
    #[serde(default)]
    pub attach: Option<String>,
    #[serde(default)]
    pub success_time: Option<String>,
    #[serde(default)]
    pub payer: Option<Payer>,
    #[serde(default)]
    pub amount: Option<Amount>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct Payer {
    #[serde(default)]
    pub openid: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct Amount {
    #[serde(default)]
    pub total: Option<i64>,
    #[serde(default)]
    pub payer_total: Option<i64>,
    #[serde(default)]
    pub refund: Option<i64>,
}

/// A refund as WeChat reports it (apply, query; the notification's `refund_status` is mapped onto `status`).
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct RefundResult {
    #[serde(default)]
    pub refund_id: Option<String>,
    pub out_refund_no: String,
    #[serde(default)]
    pub out_trade_no: Option<String>,
    #[serde(default, alias = "refund_status")]
    pub status: String,
    #[serde(default)]
    pub success_time: Option<String>,
    #[serde(default)]
    pub amount: Option<Amount>,
}

/// The outcome of asking for a day's trade bill.
#[derive(Debug)]
pub enum BillOutcome {
    /// The uncompressed file, its SHA1 checked.
    Ready(Vec<u8>),
    /// `STATEMENT_CREATING`: not generated yet (WeChat generates bills from 09:00 the next day).
    Creating,
    /// `NO_STATEMENT_EXIST`: no transactions that day.
    NoStatement,
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, PayError> {
    serde_json::from_slice(body).map_err(|e| PayError::BadResponse(format!("unexpected body: {e}")))
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

impl PayClient {
    /// Creates (or, with the same parameters, re-creates) the order; returns the `prepay_id` (valid 2 hours).
    pub async fn create_jsapi(&self, o: &JsapiOrder<'_>) -> Result<String, PayError> {
        let params = JsapiParams {
            description: o.description.to_string(),
            out_trade_no: o.out_trade_no.to_string(),
            amount: AmountInfo {
                total: i32::try_from(o.amount_fen)
                    .map_err(|_| PayError::BadResponse("amount out of range".into()))?,
            },
            payer: PayerInfo {
                openid: o.openid.to_string(),
            },
            attach: (!o.attach.is_empty()).then(|| o.attach.to_string()),
            detail: None,
            time_expire: Some(o.time_expire.to_string()),
            scene_info: None,
        };
        let mut body =
            serde_json::to_value(&params).map_err(|e| PayError::BadResponse(e.to_string()))?;
        if let Some(m) = body.as_object_mut() {
            m.insert("appid".into(), self.app_id(o.channel).into());
            m.insert("mchid".into(), self.mch_id.clone().into());
            m.insert("notify_url".into(), self.notify_url.clone().into());
        }
        let reply = self
            .call(
                Method::POST,
                "/v3/pay/transactions/jsapi",
                Some(body.to_string()),
            )
            .await?;
        #[derive(Deserialize)]
        struct R {
            prepay_id: String,
        }
        Ok(parse::<R>(&reply.body)?.prepay_id)
    }

    /// The `getBrandWCPayRequest` parameters for a prepay id (signed by the crate, camelCase for the bridge).
    pub fn pay_params(&self, channel: Channel, prepay_id: &str) -> serde_json::Value {
        let s = self.sdk(channel).mut_sign_data("prepay_id=", prepay_id);
        serde_json::json!({
            "appId": s.app_id, "timeStamp": s.timestamp, "nonceStr": s.nonce_str,
            "package": s.package, "signType": s.sign_type, "paySign": s.pay_sign,
        })
    }

    /// `None` when WeChat does not know the order (`ORDER_NOT_EXIST`).
    pub async fn query_order(&self, out_trade_no: &str) -> Result<Option<Transaction>, PayError> {
        let path = format!(
            "/v3/pay/transactions/out-trade-no/{}?mchid={}",
            enc(out_trade_no),
            enc(&self.mch_id)
        );
        match self.call(Method::GET, &path, None).await {
            Ok(r) => Ok(Some(parse(&r.body)?)),
            Err(e) if e.is_code(&["ORDER_NOT_EXIST", "ORDERNOTEXIST"]) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Closes an unpaid order (204; closing again is fine). A paid order answers `ORDERPAID`/`ORDER_PAID`.
    pub async fn close_order(&self, out_trade_no: &str) -> Result<(), PayError> {
        let path = format!(
            "/v3/pay/transactions/out-trade-no/{}/close",
            enc(out_trade_no)
        );
        let body = serde_json::json!({ "mchid": self.mch_id }).to_string();
        let r = self.call(Method::POST, &path, Some(body)).await?;
        debug_assert!(r.status == 204 || r.status == 200);
        Ok(())
    }

    /// Applies for a full refund; repeating the same `out_refund_no` refunds once.
    pub async fn create_refund(
        &self,
        out_trade_no: &str,
        out_refund_no: &str,
        amount_fen: i64,
        total_fen: i64,
        reason: &str,
    ) -> Result<RefundResult, PayError> {
        let to_i32 = |v: i64| {
            i32::try_from(v).map_err(|_| PayError::BadResponse("amount out of range".into()))
        };
        let params = RefundsParams {
            transaction_id: None,
            out_trade_no: Some(out_trade_no.to_string()),
            out_refund_no: out_refund_no.to_string(),
            reason: (!reason.is_empty()).then(|| reason.chars().take(80).collect()),
            notify_url: (!self.refund_notify_url.is_empty())
                .then(|| self.refund_notify_url.clone()),
            funds_account: None,
            amount: RefundsAmountParams {
                refund: to_i32(amount_fen)?,
                total: to_i32(total_fen)?,
                currency: "CNY".into(),
                from: None,
            },
            goods_detail: None,
        };
        let body =
            serde_json::to_string(&params).map_err(|e| PayError::BadResponse(e.to_string()))?;
        let r = self
            .call(Method::POST, "/v3/refund/domestic/refunds", Some(body))
            .await?;
        parse(&r.body)
    }

    /// `None` when WeChat does not know the refund (`RESOURCE_NOT_EXISTS`).
    pub async fn query_refund(
        &self,
        out_refund_no: &str,
    ) -> Result<Option<RefundResult>, PayError> {
        let path = format!("/v3/refund/domestic/refunds/{}", enc(out_refund_no));
        match self.call(Method::GET, &path, None).await {
            Ok(r) => Ok(Some(parse(&r.body)?)),
            Err(e) if e.is_code(&["RESOURCE_NOT_EXISTS"]) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Applies for the ALL trade bill of `date` (gzip), downloads it, un-gzips it and checks its SHA1.
    pub async fn trade_bill(&self, date: chrono::NaiveDate) -> Result<BillOutcome, PayError> {
        let path = format!(
            "/v3/bill/tradebill?bill_date={}&bill_type=ALL&tar_type=GZIP",
            date.format("%Y-%m-%d")
        );
        let reply = match self.call(Method::GET, &path, None).await {
            Ok(r) => r,
            Err(e) if e.is_code(&["STATEMENT_CREATING"]) => return Ok(BillOutcome::Creating),
            Err(e) if e.is_code(&["NO_STATEMENT_EXIST"]) => return Ok(BillOutcome::NoStatement),
            Err(e) => return Err(e),
        };
        #[derive(Deserialize)]
        struct Apply {
            hash_type: String,
            hash_value: String,
            download_url: String,
        }
        let a: Apply = parse(&reply.body)?;
        if !a.hash_type.eq_ignore_ascii_case("SHA1") {
            return Err(PayError::BadResponse(format!(
                "unsupported hash_type {}",
                a.hash_type
            )));
        }
        let url = url::Url::parse(&a.download_url)
            .map_err(|e| PayError::BadResponse(format!("download_url: {e}")))?;
        let path_and_query = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        // The file is not signed: its SHA1 (of the uncompressed bytes) is what proves it.
        let resp = self
            .http
            .get(url.as_str())
            .header(
                "Authorization",
                self.authorization("GET", &path_and_query, ""),
            )
            .send()
            .await
            .map_err(|e| PayError::Transport(e.to_string()))?;
        let status = resp.status().as_u16();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| PayError::Transport(e.to_string()))?;
        if status != 200 {
            return Err(PayError::Api {
                status,
                code: "BILL_DOWNLOAD".into(),
                message: String::from_utf8_lossy(&bytes).chars().take(200).collect(),
            });
        }
        let raw = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .take(256 * 1024 * 1024)
                .read_to_end(&mut out)
                .map_err(|e| PayError::BadResponse(format!("gzip: {e}")))?;
            out
        } else {
            bytes.to_vec()
        };
        let digest = hex::encode(Sha1::digest(&raw));
        if !digest.eq_ignore_ascii_case(&a.hash_value) {
            return Err(PayError::BadResponse("trade bill SHA1 mismatch".into()));
        }
        Ok(BillOutcome::Ready(raw))
    }
}
