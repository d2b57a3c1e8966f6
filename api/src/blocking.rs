//! Runs CPU-bound work (spreadsheets, images) on tokio's blocking pool, off the async executor.
use crate::error::{AppError, AppResult};

/// Runs `f` on the blocking pool and returns its result; should the task panic or be cancelled, the request
/// gets an internal error (logged with its cause) instead.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_result_and_the_error_of_the_work_come_back() {
        assert_eq!(blocking(|| Ok(2 + 2)).await.ok(), Some(4));
        let refused = blocking(|| -> AppResult<()> { Err(AppError::bad("nope", "不行")) }).await;
        assert!(matches!(refused, Err(AppError::BadRequest { .. })));
    }

    #[tokio::test]
    async fn a_panic_in_the_work_is_an_internal_error() {
        let r = blocking(|| -> AppResult<()> { panic!("boom") }).await;
        assert!(matches!(r, Err(AppError::Internal(_))));
    }
}
