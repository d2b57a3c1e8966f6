//! File storage behind one interface (OpenDAL): local disk by default; S3/MinIO, Aliyun OSS or Tencent COS by
//! configuration; memory in tests. Files are read back through the API, which checks who may see them.
use crate::config::StorageSettings;
use anyhow::{Context, bail};
use opendal::{Operator, services};

#[derive(Clone)]
pub struct Storage {
    op: Operator,
}

impl Storage {
    pub fn from_settings(s: &StorageSettings) -> anyhow::Result<Self> {
        let op = match s.backend.as_str() {
            "fs" => {
                std::fs::create_dir_all(&s.root)
                    .with_context(|| format!("cannot create {}", s.root))?;
                let root = std::fs::canonicalize(&s.root)?;
                Operator::new(services::Fs::default().root(&root.to_string_lossy()))?
            }
            "s3" => Operator::new(
                services::S3::default()
                    .root(&s.root)
                    .bucket(&s.bucket)
                    .endpoint(&s.endpoint)
                    .region(if s.region.is_empty() {
                        "us-east-1"
                    } else {
                        &s.region
                    })
                    .access_key_id(s.access_key_id.expose())
                    .secret_access_key(s.secret_access_key.expose()),
            )?,
            "oss" => Operator::new(
                services::Oss::default()
                    .root(&s.root)
                    .bucket(&s.bucket)
                    .endpoint(&s.endpoint)
                    .access_key_id(s.access_key_id.expose())
                    .access_key_secret(s.secret_access_key.expose()),
            )?,
            "cos" => Operator::new(
                services::Cos::default()
                    .root(&s.root)
                    .bucket(&s.bucket)
                    .endpoint(&s.endpoint)
                    .secret_id(s.access_key_id.expose())
                    .secret_key(s.secret_access_key.expose()),
            )?,
            "memory" => Operator::new(services::Memory::default())?,
            other => bail!("unknown storage backend {other:?} (fs, s3, oss, cos, memory)"),
        };
        Ok(Self { op })
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.op
            .write(key, bytes)
            .await
            .with_context(|| format!("storage write {key}"))?;
        Ok(())
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let buf = self
            .op
            .read(key)
            .await
            .with_context(|| format!("storage read {key}"))?;
        Ok(buf.to_vec())
    }

    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        self.op
            .delete(key)
            .await
            .with_context(|| format!("storage delete {key}"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Secret, Settings};

    fn settings(backend: &str) -> StorageSettings {
        let mut s = Settings::defaults().expect("defaults").storage;
        s.backend = backend.into();
        s.bucket = "skillcert".into();
        s.endpoint = "https://oss-cn-guangzhou.aliyuncs.com".into();
        s.access_key_id = Secret::new("id");
        s.secret_access_key = Secret::new("secret");
        s
    }

    #[test]
    fn every_configured_backend_builds_and_an_unknown_one_is_refused() {
        for backend in ["s3", "oss", "cos", "memory"] {
            assert!(
                Storage::from_settings(&settings(backend)).is_ok(),
                "{backend}"
            );
        }
        assert!(Storage::from_settings(&settings("ftp")).is_err());
    }

    #[tokio::test]
    async fn files_round_trip_on_local_disk() -> anyhow::Result<()> {
        let dir = std::env::temp_dir().join(format!("skillcert-fs-{}", uuid::Uuid::new_v4()));
        let mut s = settings("fs");
        s.root = dir.to_string_lossy().into_owned();
        let st = Storage::from_settings(&s)?;
        st.put("photo/1/a.jpg", b"jpeg".to_vec()).await?;
        assert_eq!(st.get("photo/1/a.jpg").await?, b"jpeg");
        assert!(dir.join("photo/1/a.jpg").exists());
        st.delete("photo/1/a.jpg").await?;
        assert!(st.get("photo/1/a.jpg").await.is_err());
        std::fs::remove_dir_all(dir)?;
        Ok(())
    }
}
