//! The one error type. Every refusal carries an HTTP status, a stable snake_case `code` and a Chinese `message`;
//! internal errors are logged with their cause chain and answered with a generic message.
use salvo::oapi::{self, Components, Content, EndpointOutRegister, Operation, ToSchema};
use salvo::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

pub type AppResult<T> = Result<T, AppError>;
type Msg = Cow<'static, str>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: the request is malformed or fails a business rule.
    #[error("{code}: {message}")]
    BadRequest { code: &'static str, message: Msg },
    /// 401: no valid session, or bad credentials.
    #[error("{code}: {message}")]
    Unauthorized { code: &'static str, message: Msg },
    /// 403: authenticated but not allowed.
    #[error("{code}: {message}")]
    Forbidden { code: &'static str, message: Msg },
    /// 404: nothing there for this caller (also used where revealing existence would leak data).
    #[error("{code}: {message}")]
    NotFound { code: &'static str, message: Msg },
    /// 409: conflicts with existing data (duplicates, already bound …).
    #[error("{code}: {message}")]
    Conflict { code: &'static str, message: Msg },
    /// 413: the body or file is too large.
    #[error("{code}: {message}")]
    TooLarge { code: &'static str, message: Msg },
    /// 415: a file of a type we do not accept.
    #[error("{code}: {message}")]
    UnsupportedMedia { code: &'static str, message: Msg },
    /// 422: a well-formed file we cannot use (corrupt, too small, too many pixels).
    #[error("{code}: {message}")]
    Unprocessable { code: &'static str, message: Msg },
    /// 429: locked out for a while.
    #[error("{code}: {message}")]
    TooManyRequests {
        code: &'static str,
        message: Msg,
        retry_after: u64,
    },
    /// 502: WeChat (or another upstream) refused or failed.
    #[error("{code}: {message}")]
    Upstream { code: &'static str, message: Msg },
    /// 503: a feature this deployment has not configured (e.g. WeChat Pay).
    #[error("{code}: {message}")]
    Unavailable { code: &'static str, message: Msg },
    /// 500: a bug or an outage; details are logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The body of every error response.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code, for programs.
    pub code: String,
    /// Chinese message, for people.
    pub message: String,
}

impl AppError {
    pub fn bad(code: &'static str, message: impl Into<Msg>) -> Self {
        Self::BadRequest {
            code,
            message: message.into(),
        }
    }
    pub fn unauthorized(code: &'static str, message: impl Into<Msg>) -> Self {
        Self::Unauthorized {
            code,
            message: message.into(),
        }
    }
    pub fn forbidden(code: &'static str, message: impl Into<Msg>) -> Self {
        Self::Forbidden {
            code,
            message: message.into(),
        }
    }
    pub fn not_found(code: &'static str, message: impl Into<Msg>) -> Self {
        Self::NotFound {
            code,
            message: message.into(),
        }
    }
    pub fn conflict(code: &'static str, message: impl Into<Msg>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }
    pub fn unprocessable(code: &'static str, message: impl Into<Msg>) -> Self {
        Self::Unprocessable {
            code,
            message: message.into(),
        }
    }
    pub fn upstream(code: &'static str, message: impl Into<Msg>) -> Self {
        Self::Upstream {
            code,
            message: message.into(),
        }
    }
    pub fn login_required() -> Self {
        Self::unauthorized("unauthenticated", "请先登录")
    }
    pub fn no_permission() -> Self {
        Self::forbidden("forbidden", "没有权限执行此操作")
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMedia { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Upstream { .. } => StatusCode::BAD_GATEWAY,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (code, message) = match self {
            Self::BadRequest { code, message }
            | Self::Unauthorized { code, message }
            | Self::Forbidden { code, message }
            | Self::NotFound { code, message }
            | Self::Conflict { code, message }
            | Self::TooLarge { code, message }
            | Self::UnsupportedMedia { code, message }
            | Self::Unprocessable { code, message }
            | Self::TooManyRequests { code, message, .. }
            | Self::Upstream { code, message }
            | Self::Unavailable { code, message } => (*code, message.to_string()),
            Self::Internal(_) => ("internal_error", "服务器内部错误，请稍后再试".to_string()),
        };
        ErrorBody {
            code: code.to_string(),
            message,
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                Self::conflict("duplicate", "记录已存在，请勿重复提交")
            }
            _ => Self::Internal(anyhow::Error::new(e).context("database")),
        }
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

impl From<salvo::http::ParseError> for AppError {
    fn from(e: salvo::http::ParseError) -> Self {
        use salvo::http::ParseError as P;
        match e {
            P::PayloadTooLarge => Self::TooLarge {
                code: "payload_too_large",
                message: "请求内容过大".into(),
            },
            other => Self::bad("invalid_body", format!("请求格式错误：{other}")),
        }
    }
}

#[async_trait]
impl Writer for AppError {
    async fn write(self, _req: &mut Request, _depot: &mut Depot, res: &mut Response) {
        let status = self.status();
        match &self {
            Self::Internal(e) => tracing::error!(error = ?e, "internal error"),
            Self::Upstream { code, .. } => tracing::warn!(code, "upstream error"),
            _ => {}
        }
        if let Self::TooManyRequests { retry_after, .. } = &self
            && let Ok(v) = retry_after.to_string().parse()
        {
            res.headers_mut().insert("retry-after", v);
        }
        res.status_code(status);
        res.render(Json(self.body()));
    }
}

impl EndpointOutRegister for AppError {
    fn register(components: &mut Components, operation: &mut Operation) {
        let schema = ErrorBody::to_schema(components);
        for (status, what) in [
            ("400", "请求无效 (validation / business rule)"),
            ("401", "未登录或凭据错误"),
            ("403", "无权限，或须先修改初始密码"),
            ("404", "不存在"),
            ("409", "与现有数据冲突"),
            ("413", "内容过大"),
            ("415", "不支持的文件类型"),
            ("422", "文件无法使用"),
            ("429", "尝试次数过多，已锁定"),
            ("500", "服务器内部错误"),
            ("502", "微信接口错误"),
            ("503", "暂不可用（上游不可达或请求超时），请稍后再试"),
        ] {
            operation.responses.insert(
                status,
                oapi::Response::new(what)
                    .add_content("application/json", Content::new(schema.clone())),
            );
        }
    }
}

/// Catcher hoop: errors raised by salvo itself before a handler runs (unparsable or oversized bodies, bad path
/// parameters, unsupported methods, timeouts) get the same `{code, message}` body on `/api` paths.
#[handler]
pub async fn catch_api_errors(req: &mut Request, res: &mut Response, ctrl: &mut FlowCtrl) {
    if !req.uri().path().starts_with("/api") || !(res.body.is_error() || res.body.is_none()) {
        return;
    }
    let status = res.status_code.unwrap_or(StatusCode::NOT_FOUND);
    let (code, message) = match status.as_u16() {
        400 => ("invalid_request", "请求格式或参数错误"),
        401 => ("unauthenticated", "请先登录"),
        403 => ("forbidden", "没有权限执行此操作"),
        404 => ("not_found", "接口不存在"),
        405 => ("method_not_allowed", "不支持该请求方法"),
        408 => ("request_timeout", "请求超时，请稍后再试"),
        413 => ("payload_too_large", "请求内容过大"),
        415 => ("unsupported_media_type", "不支持的内容类型"),
        429 => ("too_many_requests", "请求过于频繁，请稍后再试"),
        s if s >= 500 => ("internal_error", "服务器内部错误，请稍后再试"),
        _ => ("request_refused", "请求无法处理"),
    };
    res.status_code(status);
    res.render(Json(ErrorBody {
        code: code.into(),
        message: message.into(),
    }));
    ctrl.skip_rest();
}
